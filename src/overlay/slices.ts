/**
 * Time slicing for work on pages with thousands of entries (chips and badges alike): do at most
 * `SLICE_MS` of main-thread work, then yield so input, painting and the background's answers can run.
 * One budget and one scheduler for every runner; each stops when its signal is aborted (WXT's
 * `ctx.signal`: the extension was reloaded or updated, or the runner was stopped).
 */

/** Main-thread work per slice before yielding: well under the 50 ms that makes a long task. */
export const SLICE_MS = 8;

/**
 * Yields to the event loop with a message task: no 4 ms clamp as with nested timeouts, and unlike a
 * `scheduler.yield()` continuation it does not go before the tasks already waiting (the answers).
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Runs `fn` when the page is idle (or soon, where there is no idle callback). */
export function whenIdle(fn: () => void, timeout = 100): void {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => number })
    .requestIdleCallback;
  if (typeof ric === 'function') ric(fn, { timeout });
  else setTimeout(fn, 0);
}

/** One runner's slices: `due` says the budget is spent; `next()` yields and starts a new slice. */
export class Slices {
  private start = performance.now();

  constructor(private readonly signal?: AbortSignal) {}

  get stopped(): boolean {
    return this.signal?.aborted === true;
  }

  get due(): boolean {
    return performance.now() - this.start > SLICE_MS;
  }

  /** A new slice starts now (a runner called from a new task, e.g. at DOMContentLoaded). */
  restart(): void {
    this.start = performance.now();
  }

  /** Yields to the page; resolves false when the runner was stopped meanwhile. */
  async next(): Promise<boolean> {
    await yieldToPage();
    this.start = performance.now();
    return !this.stopped;
  }

  /** Runs `fn` over `items` in slices; resolves false when stopped before the end. */
  async each<T>(items: Iterable<T>, fn: (item: T) => void): Promise<boolean> {
    for (const item of items) {
      if (this.stopped) return false;
      if (this.due && !(await this.next())) return false;
      fn(item);
    }
    return !this.stopped;
  }
}
