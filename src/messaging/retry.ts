/**
 * Sending with one retry when the background was not there to answer. An MV3 service worker can be
 * stopped at any time (idle, crash, update); Chrome then reports "Could not establish connection.
 * Receiving end does not exist." (the message was never delivered) or "The message port closed before
 * a response was received." (the worker went away while answering). Both are retried once.
 *
 * A closed port after delivery may mean the handler ran: only messages that are safe to repeat are
 * retried then. Writes are atomic per transaction, so a killed worker leaves either the whole write or
 * none of it, never a half-written entry; a bare toggle is not repeated, since repeating could undo it,
 * but a toggle that names the state wanted (`saved`) is.
 */
import type { MessageType } from './protocol';

const NOT_DELIVERED = /Could not establish connection|Receiving end does not exist/i;
const PORT_CLOSED = /message port closed|message channel closed|port closed before a response/i;

/** Messages whose repetition could change the outcome: never retried after a possible delivery. */
const NOT_REPEATABLE: ReadonlySet<MessageType> = new Set<MessageType>(['readingList/toggle', 'backup/import']);

/** Whether sending this message twice has the same outcome as sending it once. */
export function repeatable(type: MessageType, data?: unknown): boolean {
  if (type === 'readingList/toggle') return typeof (data as { saved?: unknown } | undefined)?.saved === 'boolean';
  return !NOT_REPEATABLE.has(type);
}

export function shouldRetry(type: MessageType, error: unknown, data?: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (NOT_DELIVERED.test(message)) return true;
  return PORT_CLOSED.test(message) && repeatable(type, data);
}

/** Calls `attempt`, and once more when it failed because the background was stopped. */
export async function withRetry<T>(type: MessageType, attempt: () => Promise<T>, data?: unknown): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (!shouldRetry(type, e, data)) throw e;
    return attempt();
  }
}
