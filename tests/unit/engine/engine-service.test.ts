import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { installBundle } from '../../../src/background/install';
import type { Paper, PaperId } from '../../../src/core/paper';
import { validateBundle } from '../../../src/corpus/bundle';
import { type Database, openDatabase } from '../../../src/db/database';
import { putPapers } from '../../../src/db/papers';
import { buildAuthorProfiles } from '../../../src/engine/authors';
import { SearchIndex } from '../../../src/engine/search';

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

describe('the background engine', () => {
  it('takes a learned paper into search and related work without rebuilding anything', async () => {
    const engine = new EngineService(dbFn);
    await engine.ready();
    const build = vi.spyOn(SearchIndex, 'build');
    await putPapers(db, [learned]);
    await engine.changed([learned]);
    expect((await engine.search('quokka', 5, {})).hits.map((h) => h.id)).toEqual([learned.id]);
    const related = await engine.relatedTo({ ...learned, authors: ['Cengiz Pehlevan'] }, 5);
    expect(related.length).toBeGreaterThan(0);
    expect(related.map((r) => r.id)).not.toContain(learned.id);
    expect(related[0]?.reason).toMatch(/scaling|Pehlevan/);
    // A corpus paper on scaling laws now finds the learned one among its related papers.
    const other = await engine.relatedTo({ id: '2210.16859' as PaperId, title: '' }, 10);
    expect(other.map((r) => r.id)).toContain(learned.id);
    expect(build).not.toHaveBeenCalled();
    build.mockRestore();
  });

  it('saves the updated index, so the next start loads it instead of rebuilding', async () => {
    const engine = new EngineService(dbFn);
    await engine.ready();
    await putPapers(db, [learned]);
    await engine.changed([learned]);
    await engine.flush();
    const build = vi.spyOn(SearchIndex, 'build');
    const restarted = new EngineService(dbFn);
    expect((await restarted.search('quokka', 5, {})).hits.map((h) => h.id)).toEqual([learned.id]);
    expect(build).not.toHaveBeenCalled();
    build.mockRestore();
  });

  it('rebuilds when the worker stopped before the save (the stored revision is stale)', async () => {
    const engine = new EngineService(dbFn);
    await engine.ready();
    await putPapers(db, [learned]);
    await engine.changed([learned]);
    engine.reset(); // The worker stops: the pending save is lost.
    const restarted = new EngineService(dbFn);
    expect((await restarted.search('quokka', 5, {})).hits.map((h) => h.id)).toEqual([learned.id]);
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
    await engine.changed([learned]);
    const after = await engine.authorProfile('pehlevan|c');
    expect(after?.papers.length).toBe((before?.papers.length ?? 0) + 1);
    expect(after?.papers).toContain(learned.id);
    expect(await engine.authorProfile('nobody|x')).toBeUndefined();
  });
});
