import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { createHandlers } from '../../../src/background/handlers';
import { installBundle } from '../../../src/background/install';
import type { PaperId } from '../../../src/core/paper';
import { validateBundle } from '../../../src/corpus/bundle';
import { type Database, openDatabase } from '../../../src/db/database';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/settings/schema';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')));
const ID = '2210.16859' as PaperId;

async function profile(saved: Settings[] = []) {
  const db: Database = await openDatabase({ factory: new IDBFactory() });
  if (!bundle.ok) throw new Error(bundle.error);
  await installBundle(db, bundle.value);
  const dbFn = async () => db;
  let settings: Settings = DEFAULT_SETTINGS;
  const handlers = createHandlers({
    db: dbFn,
    engine: new EngineService(dbFn, bundle.value.authorStats ?? []),
    settings: async () => settings,
    saveSettings: async (raw) => {
      settings = raw as unknown as Settings;
      saved.push(settings);
    },
    now: () => new Date('2026-11-23T10:00:00.000Z'),
  });
  return { db, handlers };
}

let h: Awaited<ReturnType<typeof profile>>['handlers'];
let db: Database;
beforeEach(async () => {
  ({ db, handlers: h } = await profile());
});

describe('reading-list messages', () => {
  it('save by id, edit status, tags and notes, and set readAt when read', async () => {
    expect(await h['readingList/add']({ ids: [ID, ID] })).toEqual({ added: 1 });
    const { entry } = await h['readingList/update']({
      id: ID,
      patch: { status: 'read', tags: ['theory', 'Theory '], notes: 'Eq. 3' },
    });
    expect(entry).toMatchObject({
      status: 'read',
      tags: ['theory'],
      notes: 'Eq. 3',
      readAt: '2026-11-23T10:00:00.000Z',
    });
    expect(entry.title).toBe('A Solvable Model of Neural Scaling Laws');
  });

  it('refuse a bad edit and an edit of a paper not on the list, changing nothing', async () => {
    await h['readingList/add']({ ids: [ID] });
    await expect(h['readingList/update']({ id: ID, patch: { status: 'done' as never } })).rejects.toThrow(/status/);
    await expect(h['readingList/update']({ id: '2501.09876' as PaperId, patch: { notes: 'x' } })).rejects.toThrow(
      /not on the reading list/,
    );
    expect((await db.get('readingList', ID))?.status).toBe('to-read');
  });

  it('tag, set status and remove in bulk', async () => {
    const ids = (await h['library/corpus']({ offset: 0, limit: 5, sort: 'title' })).rows.map((r) => r.id);
    await h['readingList/add']({ ids });
    expect(await h['readingList/updateMany']({ ids, patch: { addTags: ['bulk'], status: 'reading' } })).toEqual({
      updated: 5,
    });
    const { entries } = await h['readingList/list']({});
    expect(entries.every((e) => e.tags.includes('bulk') && e.status === 'reading')).toBe(true);
    expect(await h['readingList/remove']({ ids: [...ids, '2501.09876' as PaperId] })).toEqual({ removed: 5 });
    expect((await h['readingList/list']({})).entries).toEqual([]);
  });
});

describe('library views', () => {
  it('page through the corpus sorted, and mark saved rows', async () => {
    await h['readingList/add']({ ids: [ID] });
    const all = await h['library/corpus']({ offset: 0, limit: 500, sort: 'year' });
    expect(all.total).toBeGreaterThanOrEqual(49);
    const years = all.rows.map((r) => r.year ?? 0);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(all.rows.find((r) => r.id === ID)?.saved).toBe(true);
    const saved = await h['library/corpus']({ offset: 0, limit: 50, saved: true });
    expect(saved.rows.map((r) => r.id)).toEqual([ID]);
    const q = await h['library/corpus']({ offset: 0, limit: 5, query: 'solvable scaling' });
    expect(q.rows[0]?.id).toBe(ID);
  });

  it('show an author with papers, co-authors and topics, and a paper with related work', async () => {
    const { author } = await h['library/author']({ key: 'Daniel A. Roberts' });
    expect(author?.papers.map((p) => p.id)).toContain(ID);
    expect(author?.coauthors.map((c) => c.name)).toContain('Alexander Maloney');
    const paper = await h['library/paper']({ id: ID });
    expect(paper.paper?.title).toBe('A Solvable Model of Neural Scaling Laws');
    expect(paper.related.length).toBeGreaterThan(0);
    const topic = paper.topics.find((t) => t.kind === 'topic');
    if (topic) expect((await h['library/topic']({ id: topic.id })).papers.map((p) => p.id)).toContain(ID);
  });

  it('export a selection as BibTeX with notes, and refuse an unknown format', async () => {
    await h['readingList/add']({ ids: [ID] });
    await h['readingList/update']({ id: ID, patch: { notes: 'read section 4' } });
    const r = await h['library/export']({ ids: [ID], format: 'bibtex' });
    expect(r.filename).toBe('paperlens-2026-11-23.bib');
    expect(r.text).toContain('A Solvable Model of Neural Scaling Laws');
    expect(r.text).toContain('read section 4');
    await expect(h['library/export']({ ids: [ID], format: 'docx' as never })).rejects.toThrow(/format/);
  });
});

describe('backup messages', () => {
  it('say what a restore will do before doing it, then restore reading list and settings', async () => {
    await h['readingList/add']({ ids: [ID] });
    await h['readingList/update']({ id: ID, patch: { notes: 'keep me' } });
    const { backup } = await h['backup/export']({});
    const saved: Settings[] = [];
    const fresh = await profile(saved);
    const dry = await fresh.handlers['backup/import']({ backup: JSON.parse(JSON.stringify(backup)), apply: false });
    expect(dry.applied).toBe(false);
    expect(dry.summary).toMatch(/^1 reading-list entries added/);
    expect(await fresh.db.count('readingList')).toBe(0);
    await fresh.handlers['backup/import']({ backup, apply: true });
    expect((await fresh.db.get('readingList', ID))?.notes).toBe('keep me');
    expect(saved).toHaveLength(1);
  });

  it('refuse a malformed backup with a clear error and write nothing', async () => {
    const { backup } = await h['backup/export']({});
    const fresh = await profile();
    const bad = { ...backup, readingList: [{ paperId: ID, status: 'read' }] };
    await expect(fresh.handlers['backup/import']({ backup: bad, apply: true })).rejects.toThrow(
      /reading-list entry #1/,
    );
    expect(await fresh.db.count('readingList')).toBe(0);
  });
});
