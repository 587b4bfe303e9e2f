import { describe, expect, it } from 'vitest';
import { type Clock, RateLimitError, RateLimiter } from '../../../src/options/rate-limit';

/** A clock that only moves when someone sleeps on it. */
function fakeClock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
  return { clock, sleeps, advance: (ms: number) => (t += ms), starts: [] as number[] };
}

describe('arXiv rate limiter', () => {
  it('lets the first request go at once and spaces the next ones 3 s apart', async () => {
    const f = fakeClock();
    const limiter = new RateLimiter(f.clock);
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.take();
      starts.push(f.clock.now());
    }
    expect(starts.slice(1).map((s, i) => s - (starts[i] as number))).toEqual([3000, 3000, 3000]);
    expect(f.sleeps).toEqual([3000, 3000, 3000]);
  });

  it('waits only for what is left of the interval when time already passed', async () => {
    const f = fakeClock();
    const limiter = new RateLimiter(f.clock);
    await limiter.take();
    f.advance(2000); // the response took 2 s
    await limiter.take();
    f.advance(5000);
    await limiter.take();
    expect(f.sleeps).toEqual([1000]);
  });

  it('refuses more than the per-update cap', async () => {
    const f = fakeClock();
    const limiter = new RateLimiter(f.clock, { intervalMs: 3000, maxRequests: 2 });
    await limiter.take();
    await limiter.take();
    await expect(limiter.take()).rejects.toThrow(RateLimitError);
    expect(limiter.requests).toBe(2);
  });

  it('never starts two requests less than 3 s apart, whatever the response times (property)', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const f = fakeClock();
      const limiter = new RateLimiter(f.clock, { intervalMs: 3000, maxRequests: 10 });
      let x = seed;
      const starts: number[] = [];
      for (let i = 0; i < 10; i++) {
        await limiter.take();
        starts.push(f.clock.now());
        x = (x * 1103515245 + 12345) % 2 ** 31;
        f.advance(x % 7000);
      }
      for (let i = 1; i < starts.length; i++)
        expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(3000);
    }
  });

  it('stops waiting when the update is cancelled', async () => {
    const limiter = new RateLimiter({
      now: () => 0,
      sleep: (_ms, signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    });
    await limiter.take();
    const abort = new AbortController();
    const waiting = limiter.take(abort.signal);
    abort.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(limiter.requests).toBe(1);
  });
});
