/**
 * A scripted arXiv OAI-PMH responder for the harvest's unit tests, answering from the recorded-response
 * fixtures (tests/support/oai.ts), and a harness that drives the pure step the way the
 * background does: read the stored state, wait (on a fake clock) until the rate allows, step, repeat.
 * Every step starts from what is stored, so each test also checks that a harvest resumes after any step.
 */
import { IDBFactory } from 'fake-indexeddb';
import { type Database, openDatabase } from '../../../src/db/database';
import { commitStep, readHarvest } from '../../../src/db/harvest-store';
import { importPapers } from '../../../src/db/imports';
import type { HarvestState } from '../../../src/harvest/state';
import { type FetchResult, readyAt, type StepEnv, step } from '../../../src/harvest/step';
import { recorded } from '../../support/oai';

export { oaiFixture, recorded } from '../../support/oai';

/** What the responder answers to a request instead of the recorded page: another answer, or a cut connection. */
export type Answer = FetchResult | 'cut';

export interface Harness {
  readonly db: Database;
  /** Every request, with the fake time it started. */
  readonly asked: { url: URL; at: number }[];
  /** Faults to answer instead of the recorded page, in order, one per request (undefined = recorded). */
  readonly script: (Answer | undefined)[];
  now(): number;
  advance(ms: number): void;
  /** The stored harvest (never the one in memory). */
  stored(): Promise<HarvestState | undefined>;
  /** One driver turn: wait until the rate allows, then step. */
  turn(): Promise<HarvestState | undefined>;
  /** Turns until the harvest stops running (or `max` turns). */
  runToEnd(max?: number): Promise<HarvestState | undefined>;
  env: StepEnv;
  /** Set to make the next commit with the given predicate fail (a worker stopped there). */
  failCommit?: ((after: HarvestState) => boolean) | undefined;
  online: boolean;
  /** Time each request and import takes on the fake clock. */
  latencyMs: number;
}

export async function harness(start = Date.parse('2026-11-30T21:40:00Z')): Promise<Harness> {
  const db = await openDatabase({ factory: new IDBFactory(), name: `harvest-${Math.random()}` });
  let t = start;
  const h: Harness = {
    db,
    asked: [],
    script: [],
    online: true,
    latencyMs: 400,
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    async stored() {
      const r = await readHarvest(db);
      if (!r.ok) throw new Error(r.error);
      return r.state;
    },
    env: {
      now: () => t,
      online: () => h.online,
      async fetchText(raw) {
        const url = new URL(raw);
        h.asked.push({ url, at: t });
        t += h.latencyMs;
        const fault = h.script.shift();
        if (fault === 'cut') throw new TypeError('Failed to fetch (connection reset)');
        return fault ?? recorded(url);
      },
      importPage: async (items, meta) => {
        const r = await importPapers(db, items, { ...meta, format: 'oai-pmh', batchSize: 2 });
        return { added: r.added, merged: r.merged };
      },
      async commit(before, after) {
        if (h.failCommit?.(after)) {
          h.failCommit = undefined;
          throw new Error('worker stopped');
        }
        return commitStep(db, before, after);
      },
    },
    async turn() {
      const s = await h.stored();
      if (s?.status !== 'running') return s;
      const wait = readyAt(s) - t;
      if (wait > 0) t += wait;
      return step(s, h.env);
    },
    async runToEnd(max = 50) {
      let s = await h.stored();
      for (let i = 0; i < max && s?.status === 'running'; i++) s = await h.turn();
      return s;
    },
  };
  return h;
}
