/**
 * A request spacer for arXiv's API terms: "no more than one request every three seconds", and a small
 * cap on requests per run (https://info.arxiv.org/help/api/tou.html). Pure: the clock and the sleep are
 * parameters, so tests run it on a fake clock.
 */

export interface Clock {
  /** Milliseconds, monotonic enough for spacing (Date.now or performance.now). */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RateLimit {
  /** Minimum gap between the starts of two requests. arXiv asks for 3 s. */
  readonly intervalMs: number;
  /** Most requests one run may make; the next `take` throws. */
  readonly maxRequests: number;
}

export const ARXIV_RATE: RateLimit = { intervalMs: 3000, maxRequests: 10 };

export class RateLimitError extends Error {
  override name = 'RateLimitError';
}

export class RateLimiter {
  private last: number | undefined;
  private made = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limit: RateLimit = ARXIV_RATE,
  ) {}

  get requests(): number {
    return this.made;
  }

  /**
   * Waits until a request may start, then counts it. Calls are serialised by the caller (one run makes
   * one request at a time); a run that would exceed `maxRequests` gets a RateLimitError instead.
   */
  async take(signal?: AbortSignal): Promise<void> {
    if (this.made >= this.limit.maxRequests)
      throw new RateLimitError(`Paperlens: at most ${this.limit.maxRequests} arXiv requests per update`);
    if (this.last !== undefined) {
      const wait = this.last + this.limit.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
    }
    signal?.throwIfAborted();
    this.last = this.clock.now();
    this.made++;
  }
}

/** The real clock, for the options page. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          reject(signal.reason);
        },
        { once: true },
      );
    }),
};
