import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../src/background/engine-service';
import { createHandlers, dispatch } from '../../src/background/handlers';
import { displayTags } from '../../src/background/handlers/overlay';
import { installBundle } from '../../src/background/install';
import type { PaperId } from '../../src/core/paper';
import { validateBundle } from '../../src/corpus/bundle';
import { type Database, openDatabase } from '../../src/db/database';
import type { Tag } from '../../src/engine/topics';
import { parseRequest } from '../../src/messaging/protocol';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../data/corpus.json', import.meta.url), 'utf8')));
let db: Database;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory() });
  if (!bundle.ok) throw new Error(bundle.error);
  await installBundle(db, bundle.value);
  const dbFn = async () => db;
  handlers = createHandlers({
    db: dbFn,
    engine: new EngineService(dbFn),
    settings: async () => DEFAULT_SETTINGS,
    now: () => new Date('2026-11-23T10:00:00Z'),
  });
});

const page = {
  id: '2210.16859' as PaperId,
  title: 'A Solvable Model of Neural Scaling Laws',
  authors: ['Alexander Maloney'],
  url: 'https://arxiv.org/abs/2210.16859',
};

describe('background handlers', () => {
  it('say which ids are in the corpus and which are saved', async () => {
    const r = await handlers['papers/lookup']({ ids: ['2210.16859', '2501.09876'] as PaperId[] });
    expect(r).toEqual({ inCorpus: ['2210.16859'], saved: [] });
  });

  it('toggle a paper in and out of the reading list, keeping the corpus title', async () => {
    expect(await handlers['readingList/toggle']({ paper: page })).toEqual({ saved: true });
    const { entries } = await handlers['readingList/list']({});
    expect(entries.map((e) => [e.paperId, e.status, e.addedAt])).toEqual([
      ['2210.16859', 'to-read', '2026-11-23T10:00:00.000Z'],
    ]);
    expect(entries[0]?.authors).toEqual(['Alexander Maloney', 'Daniel A. Roberts', 'James Sully']);
    expect((await handlers['papers/lookup']({ ids: [page.id] })).saved).toEqual([page.id]);
    expect(await handlers['readingList/toggle']({ paper: page })).toEqual({ saved: false });
    expect((await handlers['readingList/list']({})).entries).toEqual([]);
  });

  it('report the corpus status', async () => {
    const s = await handlers['corpus/status']({});
    expect(s.papers).toBe(bundle.ok ? bundle.value.papers.length : -1);
    expect(s.bundled).toBe(s.papers);
    expect(s.saved).toBe(0);
  });

  it('reject malformed payloads with a clear error', async () => {
    await expect(handlers['papers/lookup']({ ids: ['<script>'] as PaperId[] })).rejects.toThrow(/paper ids/);
    await expect(
      handlers['readingList/toggle']({ paper: { ...page, authors: 3 as unknown as string[] } }),
    ).rejects.toThrow(/id, title, authors and url/);
  });

  it('dispatch only well-formed messages of known types', async () => {
    expect(parseRequest({ type: 'nope', data: {} })).toBeUndefined();
    expect(parseRequest({ type: 'papers/lookup' })).toBeUndefined();
    expect(parseRequest('papers/lookup')).toBeUndefined();
    const req = parseRequest({ type: 'papers/lookup', data: { ids: ['2210.16859'] } });
    expect(req).toBeDefined();
    expect(await dispatch(handlers, req!)).toEqual({ inCorpus: ['2210.16859'], saved: [] });
  });
});

describe('overlay handlers with the engine', () => {
  const outside = {
    id: '2501.09876' as PaperId,
    title: 'Width-Dependent Learning-Rate Transfer in Deep Residual Networks',
    authors: ['Mira Okonkwo', 'Daniel A. Roberts'],
    abstract:
      'We derive neural scaling laws for the loss as a function of width and depth using a random feature model, and show that feature learning in the rich regime makes hyperparameter transfer possible.',
    url: 'https://arxiv.org/abs/2501.09876',
  };

  it('give a paper outside the corpus related work with reasons, tags and author counts', async () => {
    const r = await handlers['panel/data']({ paper: outside });
    expect(r.inCorpus).toBe(false);
    expect(r.related.length).toBeGreaterThan(0);
    for (const item of r.related) expect(item.reason).not.toBe('');
    expect(r.related.map((x) => x.id)).toContain('2210.16859');
    expect(r.topics.map((t) => t.label).join(' ')).toMatch(/scaling/i);
    const roberts = r.authors.find((a) => a.name === 'Daniel A. Roberts');
    expect(roberts?.corpusPapers).toBeGreaterThan(3);
    expect(r.authors.find((a) => a.name === 'Mira Okonkwo')?.corpusPapers).toBe(0);
    expect(r.bibtex).toMatch(/eprint\s*=\s*\{2501\.09876\}/);
  });

  it('learn papers seen on pages, and search then finds them', async () => {
    const before = await handlers['search/query']({ query: 'hyperparameter transfer residual' });
    expect(before.hits.map((h) => h.id)).not.toContain('2501.09876');
    const r = await handlers['papers/learn']({ papers: [outside], url: outside.url });
    expect(r).toEqual({ added: 1, merged: 0, skipped: false });
    const after = await handlers['search/query']({ query: 'hyperparameter transfer residual' });
    expect(after.hits[0]?.id).toBe('2501.09876');
    expect((await handlers['papers/lookup']({ ids: [outside.id] })).inCorpus).toEqual([outside.id]);
  });

  it('learning never overwrites a bundled record', async () => {
    await handlers['papers/learn']({ papers: [{ ...page, title: 'Wrong title from a page' }], url: page.url });
    expect((await handlers['papers/get']({ id: page.id })).paper?.title).toBe(
      'A Solvable Model of Neural Scaling Laws',
    );
  });

  it('chips say in-corpus, saved, top topics and how many related papers exist', async () => {
    await handlers['readingList/toggle']({ paper: page });
    const { chips } = await handlers['chips/data']({ papers: [page, outside] });
    expect(chips['2210.16859']).toMatchObject({ inCorpus: true, saved: true });
    expect(chips['2501.09876']).toMatchObject({ inCorpus: false, saved: false });
    expect(chips['2501.09876']?.relatedCount).toBeGreaterThan(0);
  });

  it('scan finds corpus titles among page strings, and nothing in generic ones', async () => {
    const { matches } = await handlers['titles/scan']({
      candidates: ['Introduction', 'a solvable model of neural scaling laws', 'Deep Learning', 'Related work'],
    });
    expect(matches.map((m) => [m.index, m.id])).toEqual([[1, '2210.16859']]);
  });
});

describe('tags as shown', () => {
  const tag = (kind: Tag['kind'], id: string, label: string): Tag => ({ kind, id, label, why: 'w', score: 1 });
  it('say which code a repeated category name stands for, and drop single-word keyphrases', () => {
    const shown = displayTags(
      [
        tag('topic', 'scaling-laws', 'Neural scaling laws'),
        tag('category', 'cs.LG', 'Machine Learning'),
        tag('category', 'stat.ML', 'Machine Learning'),
        tag('keyphrase', 'group', 'group'),
        tag('keyphrase', 'optimal transport', 'optimal transport'),
      ],
      8,
    );
    expect(shown.map((t) => t.label)).toEqual([
      'Neural scaling laws',
      'Machine Learning',
      'Machine Learning (stat.ML)',
      'optimal transport',
    ]);
  });
});
