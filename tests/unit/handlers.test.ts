import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/background/handlers';
import { installBundle } from '../../src/background/install';
import type { PaperId } from '../../src/core/paper';
import { validateBundle } from '../../src/corpus/bundle';
import { type Database, openDatabase } from '../../src/db/database';
import { parseRequest } from '../../src/messaging/protocol';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../data/corpus.json', import.meta.url), 'utf8')));
let db: Database;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory() });
  if (!bundle.ok) throw new Error(bundle.error);
  await installBundle(db, bundle.value);
  handlers = createHandlers({ db: async () => db, now: () => new Date('2026-11-23T10:00:00Z') });
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
