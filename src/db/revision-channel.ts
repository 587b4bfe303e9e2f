/**
 * Word of a new corpus revision, from the context that committed it to every other context of the
 * extension (the background's engine keeps its index snapshot until it hears of one, instead of reading
 * the manifest again for every request). A BroadcastChannel: same origin, no extension API, and a sender
 * does not hear itself (the committing context invalidates its own snapshot directly).
 *
 * Word can be lost (a page closed between its commit and the post), so a listener must still re-read
 * the manifest now and then: see `SNAPSHOT_MAX_AGE_MS` in src/background/engine-service.ts.
 */

const NAME = 'paperlens-revision';

let channel: BroadcastChannel | undefined | null;

function open(): BroadcastChannel | undefined {
  if (channel === undefined) channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(NAME) : null;
  return channel ?? undefined;
}

/** A commit landed: `revision` is the manifest's new revision. */
export function announceRevision(revision: number): void {
  try {
    open()?.postMessage({ revision });
  } catch {
    // A closed channel (the context is going away): listeners fall back on re-reading the manifest.
  }
}

/** Calls `heard` for each revision another context announces; answers whether word can arrive at all. */
export function onRevision(heard: (revision: number) => void): boolean {
  if (typeof BroadcastChannel !== 'function') return false;
  // A channel of its own: a context's listener does hear what the same context's `announceRevision` posts
  // through the other instance, which is harmless (an extra invalidation) and keeps tests in one context honest.
  const listener = unref(new BroadcastChannel(NAME));
  listener.onmessage = (e: MessageEvent<{ revision?: unknown }>) => {
    if (typeof e.data?.revision === 'number') heard(e.data.revision);
  };
  return true;
}

/** In Node (tests, the command line) an open channel would keep the process alive. */
function unref(c: BroadcastChannel): BroadcastChannel {
  (c as { unref?: () => void }).unref?.();
  return c;
}
