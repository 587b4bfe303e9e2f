import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { createHandlers } from '../../../src/background/handlers';
import { installBundle } from '../../../src/background/install';
import type { PaperId } from '../../../src/core/paper';
import { validateBundle } from '../../../src/corpus/bundle';
import { type Database, openDatabase } from '../../../src/db/database';
import { runImport } from '../../../src/options/import-runner';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')));
let db: Database;
let engine: EngineService;
let handlers: ReturnType<typeof createHandlers>;

const file = (name: string, text: string) => ({
  name,
  size: text.length,
  stream: () => new Blob([text]).stream(),
});
const row = (id: string, title: string, categories: string) =>
  JSON.stringify({ id, title, authors: 'Ada Lovelace', abstract: `About ${title}`, categories });

beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory() });
  if (!bundle.ok) throw new Error(bundle.error);
  await installBundle(db, bundle.value);
  const dbFn = async () => db;
  engine = new EngineService(dbFn);
  handlers = createHandlers({ db: dbFn, engine, settings: async () => DEFAULT_SETTINGS, now: () => new Date() });
});

describe('corpus messages of the options page', () => {
  it('after an import in the page, corpus/changed makes search find the new papers', async () => {
    const before = await engine.search('quasicrystal lattice', 5, {});
    expect(before.hits.map((h) => h.id)).not.toContain('2611.00001');
    await runImport(db, file('new.jsonl', row('2611.00001', 'Quasicrystal lattice gauge theory', 'hep-lat')));
    await handlers['corpus/changed']({});
    const { hits } = await engine.search('quasicrystal lattice', 5, {});
    expect(hits.map((h) => h.id)).toContain('2611.00001');
  });

  it('counts papers per category, most first', async () => {
    await runImport(
      db,
      file(
        'c.jsonl',
        [row('2611.00001', 'A', 'zz-test.AA'), row('2611.00002', 'B', 'zz-test.AA zz-test.BB')].join('\n'),
      ),
    );
    const { categories } = await handlers['corpus/categories']({ limit: 500 });
    const mine = categories.filter((c) => c.category.startsWith('zz-test'));
    expect(mine).toEqual([
      { category: 'zz-test.AA', papers: 2 },
      { category: 'zz-test.BB', papers: 1 },
    ]);
  });

  it('lists imports and removes one, keeping the reading list', async () => {
    await runImport(db, file('r.jsonl', row('2611.00003', 'Removable paper', 'cs.LG')), { importId: 'imp-r' });
    await handlers['readingList/toggle']({
      paper: {
        id: '2611.00003' as PaperId,
        title: 'Removable paper',
        authors: [],
        url: 'https://arxiv.org/abs/2611.00003',
      },
    });
    expect((await handlers['corpus/imports']({})).imports.map((r) => r.id)).toEqual(['imp-r']);
    expect(await handlers['corpus/removeImport']({ importId: 'imp-r' })).toEqual({ removed: 1, kept: 0 });
    expect(await db.get('papers', '2611.00003')).toBeUndefined();
    expect(await db.get('readingList', '2611.00003')).toBeDefined();
    await expect(handlers['corpus/removeImport']({ importId: 'imp-r' })).rejects.toThrow(/no import/);
  });

  it('resets the bundled corpus as shipped, keeping imported papers', async () => {
    if (!bundle.ok) throw new Error(bundle.error);
    const first = bundle.value.papers[0];
    if (!first) throw new Error('empty bundle');
    const stored = await db.get('papers', first.id);
    if (!stored) throw new Error('not installed');
    await db.put('papers', { ...stored, title: 'Mangled title' });
    await runImport(db, file('k.jsonl', row('2611.00004', 'Kept paper', 'cs.LG')));
    await handlers['corpus/resetBundled']({});
    expect((await db.get('papers', first.id))?.title).toBe(first.title);
    expect(await db.get('papers', '2611.00004')).toBeDefined();
  });
});
