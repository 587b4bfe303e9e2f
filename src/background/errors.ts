/** What the background says when a handler fails: a clear sentence, never a bare DOMException name. */

/**
 * The browser refused a write: QuotaExceededError on the transaction (a full disk or an exhausted origin
 * quota), which the transaction's pending requests report as AbortError. Either way the transaction was
 * rolled back whole.
 */
export function isRefusedWrite(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  const inner = (e as { target?: { error?: { name?: unknown } } } | null)?.target?.error?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError' || name === 'AbortError';
}

export const STORAGE_FULL =
  "Paperlens can't save: the browser refused the write (its storage for Paperlens may be full). Nothing was changed; free some disk space, or remove imports in the options page";

export function describeError(e: unknown): string {
  if (isRefusedWrite(e)) return STORAGE_FULL;
  return e instanceof Error ? e.message : String(e);
}
