/**
 * The harvest driver: runs the pure harvest (src/harvest) in the background, one request at a time,
 * for as long as it takes, across worker stops and browser restarts.
 *
 * An MV3 service worker is stopped after ~30 s without events or extension API calls, and then started
 * again by the next event. So the driver keeps no state of its own: every step reads the stored
 * harvest, does at most one request and commits; before each step or wait it sets an alarm past it, so a
 * worker stopped in the middle is woken and carries on from the stored state (resumption token, window,
 * time of the last request: the 3 s rule holds across restarts). Long waits (a Retry-After of minutes,
 * the daily update) are left to the alarm entirely. Extension API calls while it works (the alarm, a
 * platform-info ping during long requests) keep the worker from being stopped as idle.
 */
import type { Database } from '../db/database';
import { commitStep, readHarvest, updateHarvest } from '../db/harvest-store';
import { importPapers } from '../db/imports';
import { startUpdate } from '../harvest/state';
import { type StepEnv, step } from '../harvest/step';
import { nextAction } from '../harvest/view';
import type { FetchText } from '../options/arxiv';

export const HARVEST_ALARM = 'paperlens-harvest';
/** Waits longer than this end the run; the alarm starts the next one. */
const SLEEP_LIMIT_MS = 20_000;
/** How long after a step starts the alarm fires if the worker was stopped during it. */
const WATCHDOG_MS = 45_000;
/** A request that takes longer is abandoned and retried (a stalled connection). */
const FETCH_TIMEOUT_MS = 120_000;

export interface HarvestDriverDeps {
  readonly db: () => Promise<Database>;
  readonly fetchText: FetchText;
  readonly now: () => number;
  readonly online: () => boolean;
  readonly sleep: (ms: number) => Promise<void>;
  /** Sets (replaces) the one harvest alarm, or clears it (undefined). */
  readonly alarm: (when: number | undefined) => Promise<void>;
  /**
   * Called after each page is written. The page's papers are indexed in the commits that wrote them; this
   * only ends the engine's reuse of its snapshot (`corpus/changed`), so the next search reads the new one.
   */
  readonly corpusChanged: () => Promise<unknown>;
  /** Called while a request is in flight, to keep the worker alive (an extension API call). */
  readonly keepAlive?: () => void;
  /** Another OAI base URL (the bench's local responder). */
  readonly base?: string;
}

export class HarvestDriver {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: HarvestDriverDeps) {}

  /** Continues the stored harvest if there is work; safe to call any time, from anywhere. */
  wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.run();
        } while (this.again);
      } catch (e) {
        // A storage failure here is retried by the alarm set before it; say what happened meanwhile.
        console.warn('Paperlens harvest: stopped until the next wake-up', e);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async run(): Promise<void> {
    const { deps } = this;
    const db = await deps.db();
    for (;;) {
      const stored = await readHarvest(db);
      const s = stored.ok ? stored.state : undefined;
      const now = deps.now();
      const next = nextAction(s, now);
      if (!s || next.kind === 'idle') return deps.alarm(undefined);
      if (next.kind === 'update') {
        if (next.at > now) return deps.alarm(next.at);
        await updateHarvest(db, (cur) => (cur?.id === s.id ? startUpdate(cur, now) : cur));
        continue;
      }
      if (next.kind === 'wait') {
        await deps.alarm(Math.max(next.until, now + WATCHDOG_MS));
        if (next.until - now > SLEEP_LIMIT_MS) return;
        await deps.sleep(next.until - now);
        continue;
      }
      await deps.alarm(now + WATCHDOG_MS);
      const ping = deps.keepAlive ? setInterval(deps.keepAlive, 10_000) : undefined;
      try {
        await step(s, this.env(db));
      } finally {
        if (ping) clearInterval(ping);
      }
    }
  }

  private env(db: Database): StepEnv {
    const { deps } = this;
    return {
      now: deps.now,
      online: deps.online,
      fetchText: (url) => deps.fetchText(url, timeoutSignal(FETCH_TIMEOUT_MS)),
      importPage: async (items, meta) => {
        const report = await importPapers(db, items, { ...meta, format: 'oai-pmh' });
        await deps.corpusChanged();
        return { added: report.added, merged: report.merged };
      },
      commit: (before, after) => commitStep(db, before, after),
      ...(deps.base ? { base: deps.base } : {}),
    };
  }
}

/** A signal that aborts after `ms` (AbortSignal.timeout is newer than Chrome 102, the oldest supported). */
function timeoutSignal(ms: number): AbortSignal {
  const c = new AbortController();
  setTimeout(() => c.abort(new DOMException('The request took too long', 'TimeoutError')), ms);
  return c.signal;
}
