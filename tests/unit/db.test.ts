import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { authorKey } from '../../src/core/authors';
import type { Paper, PaperId } from '../../src/core/paper';
import { openDatabase } from '../../src/db/database';
import { indexSource } from '../../src/db/index-store';
import { countPapers, getPaper, putPapers } from '../../src/db/papers';
import { listEntries, newEntry, putEntry, savedIds } from '../../src/db/reading-list';
import { DB_VERSION } from '../../src/db/schema';
import { KEYWORD } from '../../src/engine/index/analyze';
import { IndexReader } from '../../src/engine/index/reader';

const paper = (id: string, title: string, kind: 'bundled' | 'learned' = 'bundled'): Paper => ({
  id: id as PaperId,
  title,
  authors: [{ name: 'Daniel A. Roberts', key: authorKey('Daniel A. Roberts') }],
  published: '2022-10-30',
  provenance: kind === 'bundled' ? [{ kind, corpusVersion: 't' }] : [{ kind, url: 'https://arxiv.org/', at: 'x' }],
});

describe('the database', () => {
  it('opens at the current version with every store, and no IndexedDB index on papers (the engine indexes)', async () => {
    const db = await openDatabase({ factory: new IDBFactory() });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['imports', 'index', 'meta', 'papers', 'readingList']);
    const tx = db.transaction('papers');
    expect([...tx.store.indexNames]).toEqual([]);
    db.close();
  });

  it('stores papers with their doc numbers and topics, counts them by source, finds them by author', async () => {
    const db = await openDatabase({ factory: new IDBFactory() });
    const r = await putPapers(db, [paper('2210.16859', 'A'), paper('2310.07765', 'B', 'learned')]);
    expect(r).toEqual({ added: 2, merged: 0 });
    expect(await countPapers(db, 'bundled')).toBe(1);
    expect(await countPapers(db, 'learned')).toBe(1);
    expect(await countPapers(db)).toBe(2);
    const snap = await new IndexReader(indexSource(async () => db)).snapshot();
    expect(await snap.keywordDocs(`${KEYWORD.author}roberts|d`)).toEqual([221016859, 231007765]);
    expect(await getPaper(db, '2210.16859' as PaperId)).toEqual(paper('2210.16859', 'A'));
    expect((await db.get('papers', '2210.16859'))?.doc).toBe(221016859);
    db.close();
  });

  it('merging keeps every provenance of a paper', async () => {
    const db = await openDatabase({ factory: new IDBFactory() });
    await putPapers(db, [paper('2210.16859', 'A')]);
    const r = await putPapers(db, [paper('2210.16859', 'A', 'learned')]);
    expect(r).toEqual({ added: 0, merged: 1 });
    const stored = await db.get('papers', '2210.16859');
    expect(stored?.provenance.map((p) => p.kind)).toEqual(['bundled', 'learned']);
    expect(await countPapers(db, 'bundled')).toBe(1);
    expect(await countPapers(db, 'learned')).toBe(1);
    expect(await countPapers(db)).toBe(1);
    db.close();
  });

  it('keeps the reading list newest first and answers which ids are saved', async () => {
    const db = await openDatabase({ factory: new IDBFactory() });
    await putEntry(db, newEntry(paper('2210.16859', 'Older'), new Date('2024-01-01T00:00:00Z')));
    await putEntry(db, newEntry(paper('2310.07765', 'Newer'), new Date('2024-02-01T00:00:00Z')));
    expect((await listEntries(db)).map((e) => e.title)).toEqual(['Newer', 'Older']);
    expect(await savedIds(db, ['2310.07765', '1812.04754'] as PaperId[])).toEqual(['2310.07765']);
    db.close();
  });
});
