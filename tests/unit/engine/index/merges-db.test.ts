/**
 * Merges in IndexedDB (fake-indexeddb), as the background runs them: the answers before and after a merge
 * are the same, and a worker killed at any transaction of a merge leaves an index that answers the same,
 * whose garbage is collected on the next start.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { EngineService } from '../../../../src/background/engine-service';
import { authorKey } from '../../../../src/core/authors';
import type { Paper, PaperId } from '../../../../src/core/paper';
import { type Database, openDatabase } from '../../../../src/db/database';
import { putPapers } from '../../../../src/db/papers';
import { MANIFEST_KEY, type Manifest } from '../../../../src/engine/index/manifest';
import { segmentOfKey } from '../../../../src/engine/index/segment';
import { bundledPapers } from '../corpus';

const papers = bundledPapers();

/** Twelve commits: the bundle in twelve slices, so the policy has a tier of more than ten to merge. */
async function filled(factory: IDBFactory): Promise<Database> {
  const db = await openDatabase({ factory });
  for (let i = 0; i < 12; i++)
    await putPapers(
      db,
      papers.filter((_, j) => j % 12 === i),
    );
  // And one edit: a paper re-indexed in a later segment, so a merge must drop its old entry.
  const p = papers[3] as Paper;
  await putPapers(db, [{ ...p, title: `${p.title} (revised)` }], (_old, incoming) => incoming);
  return db;
}

const QUERIES = ['neural scaling laws', 'lotery tiket', 'Daniel Roberts', 'revised', 'kernel regression', 'dedup'];

async function answers(engine: EngineService) {
  const out: unknown[] = [];
  for (const q of QUERIES) out.push((await engine.search(q, 10, {})).hits.map((h) => [h.id, h.score.toFixed(6)]));
  out.push((await engine.authorProfile(authorKey('Blake Bordelon')))?.papers);
  out.push((await engine.scanTitles(papers.map((p) => p.title))).map((h) => h.id));
  out.push((await engine.relatedTo({ id: '2210.16859' as PaperId, title: '' }, 5)).map((r) => r.id));
  return out;
}

/** The database with every transaction after the `n`-th refused, as if the worker had died then. */
function dyingAfter(db: Database, n: number): Database {
  let left = n;
  return new Proxy(db, {
    get(t, k, r) {
      if (k === 'transaction')
        return (...args: unknown[]) => {
          if (left-- <= 0) throw new Error('worker stopped');
          return (t.transaction as (...a: unknown[]) => unknown)(...args);
        };
      const v = Reflect.get(t, k, r);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

const manifestOf = async (db: Database) => (await db.get('index', MANIFEST_KEY)) as Manifest;

describe('index merges in IndexedDB', () => {
  it('merge small segments into one, answering every query as before', async () => {
    const db = await filled(new IDBFactory());
    const before = await manifestOf(db);
    expect(before.segments.length).toBe(13);
    const engine = new EngineService(async () => db);
    const want = await answers(engine);
    expect(await engine.maintain()).toBeGreaterThan(0);
    const after = await manifestOf(db);
    expect(after.segments.length).toBeLessThan(before.segments.length);
    expect(after.liveDocs).toBe(papers.length);
    expect(await answers(new EngineService(async () => db))).toEqual(want);
    // The merged-away segments' records are collected by the next round.
    await new EngineService(async () => db).maintain();
    const keys = (await db.getAllKeys('index')).map(String);
    const live = new Set((await manifestOf(db)).segments.map((s) => s.id));
    expect(keys.filter((k) => segmentOfKey(k) !== undefined && !live.has(segmentOfKey(k) as number))).toEqual([]);
  });

  it('a worker stopped at any transaction of a merge leaves the same answers, and its garbage is collected', {
    timeout: 120_000,
  }, async () => {
    const reference = await filled(new IDBFactory());
    const want = await answers(new EngineService(async () => reference));
    // How many transactions a whole merge round takes.
    let total = 0;
    const counting = new Proxy(reference, {
      get(t, k, r) {
        if (k === 'transaction')
          return (...args: unknown[]) => {
            total++;
            return (t.transaction as (...a: unknown[]) => unknown)(...args);
          };
        const v = Reflect.get(t, k, r);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
    await new EngineService(async () => counting).maintain();
    expect(total).toBeGreaterThan(3);
    let stopped = 0;
    for (let n = 0; n < total; n++) {
      const db = await filled(new IDBFactory());
      // Stopped after the last transaction that matters, the round may finish: both are fine.
      const dying = dyingAfter(db, n);
      await new EngineService(async () => dying).maintain().then(
        () => undefined,
        (e: Error) => {
          expect(e.message).toBe('worker stopped');
          stopped++;
        },
      );
      // The worker starts again: the answers are the same, before and after it finishes the merges.
      const restarted = new EngineService(async () => db);
      expect(await answers(restarted), `stopped after ${n}`).toEqual(want);
      await restarted.maintain();
      await new EngineService(async () => db).maintain();
      expect((await manifestOf(db)).segments.length, `merged after ${n}`).toBeLessThan(13);
      const live = new Set((await manifestOf(db)).segments.map((s) => s.id));
      const stray = (await db.getAllKeys('index')).map(String).filter((k) => {
        const s = segmentOfKey(k);
        return s !== undefined && !live.has(s);
      });
      expect(stray, `records left after ${n}`).toEqual([]);
    }
    // Most stops came before the merge committed (the test is not blind to them).
    expect(stopped).toBeGreaterThanOrEqual(total - 3);
  });
});
