import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../src/background/engine-service';
import { createHandlers, dispatch } from '../../src/background/handlers';
import { displayTags } from '../../src/background/handlers/overlay';
import { installBundle } from '../../src/background/install';
import { PageLearner } from '../../src/background/learning';
import type { PaperId } from '../../src/core/paper';
import { validateBundle } from '../../src/corpus/bundle';
import { type Database, openDatabase } from '../../src/db/database';
import type { Tag } from '../../src/engine/topics';
import { parseRequest } from '../../src/messaging/protocol';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../data/corpus.json', import.meta.url), 'utf8')));
let db: Database;
let handlers: ReturnType<typeof createHandlers>;
let learner: PageLearner;

beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory() });
  if (!bundle.ok) throw new Error(bundle.error);
  await installBundle(db, bundle.value);
  const dbFn = async () => db;
  const deps = {
    db: dbFn,
    engine: new EngineService(dbFn),
    settings: async () => DEFAULT_SETTINGS,
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  learner = new PageLearner(deps);
  handlers = createHandlers({ ...deps, learner });
});

const page = {
  id: '2210.16859' as PaperId,
  title: 'A Solvable Model of Neural Scaling Laws',
  authors: ['Alexander Maloney'],
  url: 'https://arxiv.org/abs/2210.16859',
};

describe('background handlers', () => {
  it('recognise a page’s entries by id and by title, saying which are corpus papers and which are saved', async () => {
    await handlers['readingList/toggle']({ paper: page });
    const { papers } = await handlers['badges/recognise']({
      entries: [
        { id: '2210.16859' as PaperId },
        { id: '2501.09876' as PaperId },
        { title: 'Introduction' },
        { title: 'a solvable model of neural scaling laws' },
        { title: 'Deep Learning' },
      ],
    });
    expect(papers.map((p) => [p.index, p.id, p.inCorpus, p.saved])).toEqual([
      [0, '2210.16859', true, true],
      [1, '2501.09876', false, false],
      [3, '2210.16859', true, true],
    ]);
    // The corpus record's title and authors, for the popup's list of papers on the tab.
    expect(papers[0]?.title).toBe('A Solvable Model of Neural Scaling Laws');
    expect(papers[0]?.authors).toEqual(['Alexander Maloney', 'Daniel A. Roberts', 'James Sully']);
    expect(papers[1]?.title).toBeUndefined();
  });

  it('a toggle naming the state wanted is safe to repeat: twice saved is one entry, twice unsaved none', async () => {
    expect(await handlers['readingList/toggle']({ paper: page, saved: true })).toEqual({ saved: true });
    expect(await handlers['readingList/toggle']({ paper: page, saved: true })).toEqual({ saved: true });
    expect((await handlers['readingList/list']({})).entries.map((e) => e.paperId)).toEqual([page.id]);
    expect(await handlers['readingList/toggle']({ paper: page, saved: false })).toEqual({ saved: false });
    expect(await handlers['readingList/toggle']({ paper: page, saved: false })).toEqual({ saved: false });
    expect((await handlers['readingList/list']({})).entries).toEqual([]);
  });

  it('toggle a paper in and out of the reading list, keeping the corpus title', async () => {
    expect(await handlers['readingList/toggle']({ paper: page })).toEqual({ saved: true });
    const { entries } = await handlers['readingList/list']({});
    expect(entries.map((e) => [e.paperId, e.status, e.addedAt])).toEqual([
      ['2210.16859', 'to-read', '2026-11-23T10:00:00.000Z'],
    ]);
    expect(entries[0]?.authors).toEqual(['Alexander Maloney', 'Daniel A. Roberts', 'James Sully']);
    expect((await handlers['badges/recognise']({ entries: [{ id: page.id }] })).papers[0]?.saved).toBe(true);
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
    await expect(handlers['readingList/add']({ ids: ['<script>'] as PaperId[] })).rejects.toThrow(/paper ids/);
    await expect(
      handlers['readingList/toggle']({ paper: { ...page, authors: 3 as unknown as string[] } }),
    ).rejects.toThrow(/id, title, authors and url/);
  });

  it('dispatch only well-formed messages of known types', async () => {
    expect(parseRequest({ type: 'nope', data: {} })).toBeUndefined();
    expect(parseRequest({ type: 'badges/recognise' })).toBeUndefined();
    expect(parseRequest('badges/recognise')).toBeUndefined();
    const req = parseRequest({ type: 'badges/recognise', data: { entries: [{ id: '2210.16859' }] } });
    expect(req).toBeDefined();
    expect(await dispatch(handlers, req!)).toMatchObject({ papers: [{ index: 0, id: '2210.16859', inCorpus: true }] });
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

  it('learn the paper a panel showed once it has answered, and search then finds it', async () => {
    const before = await handlers['search/query']({ query: 'hyperparameter transfer residual' });
    expect(before.hits.map((h) => h.id)).not.toContain('2501.09876');
    const r = await handlers['panel/data']({ paper: outside, learnFrom: outside.url });
    // The answer says what was known before the visit.
    expect(r.inCorpus).toBe(false);
    await learner.flush();
    const after = await handlers['search/query']({ query: 'hyperparameter transfer residual' });
    expect(after.hits[0]?.id).toBe('2501.09876');
    const again = await handlers['panel/data']({ id: outside.id });
    expect(again.inCorpus).toBe(true);
    expect(again.paper?.provenance).toEqual([{ kind: 'learned', url: outside.url, at: '2026-11-23T10:00:00.000Z' }]);
  });

  it('learning never overwrites a bundled record, and a panel opened by id answers from the corpus', async () => {
    await handlers['chips/data']({
      papers: [{ ...page, title: 'Wrong title from a page' }],
      learnFrom: 'https://arxiv.org/list/cs.LG/new',
    });
    await learner.flush();
    const r = await handlers['panel/data']({ id: page.id });
    expect(r.paper?.title).toBe('A Solvable Model of Neural Scaling Laws');
    expect(r.authors.map((a) => a.name)).toEqual(['Alexander Maloney', 'Daniel A. Roberts', 'James Sully']);
    expect(r.paper?.provenance.map((p) => p.kind)).toEqual(['bundled', 'learned']);
    await expect(handlers['panel/data']({ id: '2601.00001' as PaperId })).rejects.toThrow(/not in your corpus/);
  });

  it('learn nothing when the user turned learning off', async () => {
    const dbFn = async () => db;
    const deps = {
      db: dbFn,
      engine: new EngineService(dbFn),
      settings: async () => ({ ...DEFAULT_SETTINGS, learnFromPages: false }),
      now: () => new Date('2026-11-23T10:00:00Z'),
    };
    const off = new PageLearner(deps);
    const h = createHandlers({ ...deps, learner: off });
    await h['panel/data']({ paper: outside, learnFrom: outside.url });
    await off.flush();
    await expect(h['panel/data']({ id: outside.id })).rejects.toThrow(/not in your corpus/);
  });

  it('chips say in-corpus, saved and top topics at once, and how many related papers exist in a second answer', async () => {
    await handlers['readingList/toggle']({ paper: page });
    const { chips, counts } = await handlers['chips/data']({ papers: [page, outside] });
    expect(chips['2210.16859']).toMatchObject({ inCorpus: true, saved: true });
    expect(chips['2501.09876']).toMatchObject({ inCorpus: false, saved: false });
    const answer = await handlers['chips/counts']({ ticket: counts });
    expect(answer.counts?.['2501.09876']).toBeGreaterThan(0);
    expect(Object.keys(answer.counts ?? {}).sort()).toEqual(['2210.16859', '2501.09876']);
    // A ticket is answered once; an unknown one (a restarted background) gets no counts, not an error.
    expect((await handlers['chips/counts']({ ticket: counts })).counts).toBeNull();
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
