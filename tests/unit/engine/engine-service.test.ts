import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { installBundle } from '../../../src/background/install';
import type { Paper, PaperId } from '../../../src/core/paper';
import { validateBundle } from '../../../src/corpus/bundle';
import { type Database, openDatabase } from '../../../src/db/database';
import { putPapers } from '../../../src/db/papers';
import { buildAuthorProfiles } from '../../../src/engine/authors';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')));
let db: Database;
const dbFn = async () => db;

beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory() });
  if (!bundle.ok) throw new Error(bundle.error);
  await installBundle(db, bundle.value);
});

const learned: Paper = {
  id: '2501.00002' as PaperId,
  title: 'Neural scaling laws for quokka populations',
  abstract: 'We fit neural scaling laws and power laws to quokka population counts on Rottnest Island.',
  authors: [{ name: 'Cengiz Pehlevan', key: 'pehlevan|c' }],
  provenance: [],
};

/** The database, counting reads of paper records (to show what a request reads). */
function counting(d: Database): { db: () => Promise<Database>; paperReads: () => number } {
  let reads = 0;
  const wrapStore = (store: object) =>
    new Proxy(store, {
      get(t, k, r) {
        const v = Reflect.get(t, k, r);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (k === 'get' || k === 'getAll' || k === 'openCursor') reads++;
          return (v as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  const proxy = new Proxy(d, {
    get(t, k, r) {
      if (k !== 'transaction') {
        const v = Reflect.get(t, k, r);
        return typeof v === 'function' ? v.bind(t) : v;
      }
      return (names: string | string[], ...rest: unknown[]) => {
        const tx = (t.transaction as (...a: unknown[]) => { store: object; objectStore(n: string): object })(
          names,
          ...rest,
        );
        const onPapers = names === 'papers' || (Array.isArray(names) && names.includes('papers'));
        if (!onPapers) return tx;
        return new Proxy(tx, {
          get(tt, kk, rr) {
            if (kk === 'store') return wrapStore(tt.store);
            if (kk === 'objectStore')
              return (n: string) => (n === 'papers' ? wrapStore(tt.objectStore(n)) : tt.objectStore(n));
            const v = Reflect.get(tt, kk, rr);
            return typeof v === 'function' ? v.bind(tt) : v;
          },
        });
      };
    },
  });
  return { db: async () => proxy, paperReads: () => reads };
}

describe('the background engine', () => {
  it('takes a learned paper into search and related work at once, as one new segment', async () => {
    const engine = new EngineService(dbFn);
    expect((await engine.search('quokka', 5, {})).hits).toEqual([]);
    const before = (await engine.snapshot()).manifest;
    await putPapers(db, [learned]);
    engine.invalidate();
    const after = (await engine.snapshot()).manifest;
    // Nothing was rebuilt or rewritten: the old segments are the same, one segment of one paper was added.
    expect(after.segments.slice(0, -1).map((s) => s.id)).toEqual(before.segments.map((s) => s.id));
    expect(after.segments.at(-1)?.docs).toBe(1);
    expect(after.revision).toBe(before.revision + 1);
    expect((await engine.search('quokka', 5, {})).hits.map((h) => h.id)).toEqual([learned.id]);
    const related = await engine.relatedTo({ ...learned, authors: ['Cengiz Pehlevan'] }, 5);
    expect(related.length).toBeGreaterThan(0);
    expect(related.map((r) => r.id)).not.toContain(learned.id);
    expect(related[0]?.reason).toMatch(/scaling|Pehlevan/);
    // A corpus paper on scaling laws now finds the learned one among its related papers.
    const other = await engine.relatedTo({ id: '2210.16859' as PaperId, title: '' }, 10);
    expect(other.map((r) => r.id)).toContain(learned.id);
  });

  it("keeps its snapshot between requests, and sees another context's commit as soon as word of it comes", async () => {
    const engine = new EngineService(dbFn);
    const seen = new EngineService(dbFn);
    expect((await seen.search('quokka', 5, {})).hits).toEqual([]);
    // Another context (the options page importing) commits: nothing tells this engine but the revision
    // channel, and its snapshot would otherwise be kept for a second.
    await putPapers(db, [learned]);
    await new Promise((r) => setTimeout(r, 50));
    expect((await seen.search('quokka', 5, {})).hits.map((h) => h.id)).toEqual([learned.id]);
    // Requests in a row reuse one snapshot: the revision is the same object's, read once.
    const a = await seen.snapshot();
    expect(await seen.snapshot()).toBe(a);
    expect((await engine.snapshot()).revision).toBe(a.revision);
  });

  it('a restarted worker answers its first search reading only the hits it shows, not every paper', async () => {
    await putPapers(db, [learned]);
    const c = counting(db);
    const restarted = new EngineService(c.db);
    const r = await restarted.search('scaling laws', 3, {});
    expect(r.hits).toHaveLength(3);
    // The phrase boost reads the head of the ranking (at most 40), never the 50 papers of the corpus.
    expect(c.paperReads()).toBeGreaterThan(0);
    expect(c.paperReads()).toBeLessThanOrEqual(40);
  });
});

describe('author profiles in the background', () => {
  it('are the same, author by author, as profiles built over the whole corpus', async () => {
    if (!bundle.ok) throw new Error(bundle.error);
    const engine = new EngineService(dbFn, bundle.value.authorStats ?? []);
    const all = buildAuthorProfiles(bundle.value.papers, { stats: bundle.value.authorStats ?? [] });
    for (const [key, whole] of all) {
      const one = await engine.authorProfile(key);
      expect(one?.papers, key).toEqual(whole.papers);
      expect(one?.coauthors, key).toEqual(whole.coauthors);
      expect(one?.years, key).toEqual(whole.years);
      expect(one?.stats, key).toEqual(whole.stats);
    }
  });

  it('take a learned paper in for its authors only', async () => {
    const engine = new EngineService(dbFn);
    const before = await engine.authorProfile('pehlevan|c');
    await putPapers(db, [learned]);
    engine.invalidate();
    const after = await engine.authorProfile('pehlevan|c');
    expect(after?.papers.length).toBe((before?.papers.length ?? 0) + 1);
    expect(after?.papers).toContain(learned.id);
    expect(await engine.authorProfile('nobody|x')).toBeUndefined();
  });
});
