/**
 * Database upgrades: one row per schema version, each with a `fill` that writes records exactly as that
 * version stored them (literal objects, not today's helpers, which will change) and a `check` that
 * today's code still reads all of it. For every version N the test opens a database at N-1, fills it with
 * the data of every version up to N-1, upgrades it to the current version and runs every check.
 *
 * Adding a schema version: bump DB_VERSION, add an UPGRADES step, and add a row here (the first test fails
 * until there is one).
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../src/core/paper';
import { indexPending } from '../../src/db/corpus';
import { type Database, openDatabase, STORAGE_UNAVAILABLE, UPGRADES } from '../../src/db/database';
import { indexSource } from '../../src/db/index-store';
import { countPapers, getPaper, putPapers } from '../../src/db/papers';
import { listEntries } from '../../src/db/reading-list';
import { DB_NAME, DB_VERSION } from '../../src/db/schema';
import { KEYWORD } from '../../src/engine/index/analyze';
import { IndexReader } from '../../src/engine/index/reader';

interface SchemaVersion {
  readonly version: number;
  /** Writes what a user of this version had: reading list with notes, imported and learned papers. */
  readonly fill: (db: Database) => Promise<void>;
  /** Today's code reads what `fill` wrote, whole. */
  readonly check: (db: Database) => Promise<void>;
}

const v1Entry = {
  paperId: '2210.16859',
  status: 'reading',
  priority: 1,
  tags: ['scaling', 'théorie'],
  notes: 'Section 3 — the solvable model.\nRead again ✓',
  addedAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-03T03:04:05.000Z',
  title: 'A Solvable Model of Neural Scaling Laws',
  authors: ['Alexander Maloney', 'Daniel A. Roberts', 'James Sully'],
};
const v1Imported = {
  id: '2501.00001',
  arxivId: '2501.00001',
  title: 'An Imported Paper',
  authors: [{ name: 'Ada Lovelace', key: 'lovelace|a' }],
  abstract: 'Imported from a file.',
  published: '2025-01-01',
  categories: ['cs.LG'],
  provenance: [{ kind: 'imported', importId: 'imp-1', file: 'papers.bib', at: '2026-01-01T00:00:00.000Z' }],
  sources: ['imported'],
  authorKeys: ['lovelace|a'],
  year: 2025,
};
const v1Learned = {
  id: 'title:abc123',
  title: 'A Paper Seen On A Page',
  authors: [{ name: 'Grace Hopper', key: 'hopper|g' }],
  provenance: [{ kind: 'learned', url: 'https://scholar.google.com/scholar?q=x', at: '2026-01-01T00:00:00.000Z' }],
  sources: ['learned'],
  authorKeys: ['hopper|g'],
  year: 0,
};
const v1Import = {
  id: 'imp-1',
  file: 'papers.bib',
  format: 'bibtex',
  at: '2026-01-01T00:00:00.000Z',
  read: 1,
  added: 1,
  merged: 0,
  rejected: 0,
  state: 'done',
};

const v2Bundled = {
  id: '2502.00002' as PaperId,
  arxivId: '2502.00002' as never,
  title: 'A Learned Paper With Code',
  authors: [{ name: 'Emmy Noether', key: 'noether|e' }],
  abstract: 'Symmetries and conservation laws.',
  published: '2025-02-01',
  provenance: [{ kind: 'bundled' as const, corpusVersion: '2026.02.0' }],
};
const v2Entry = {
  ...v1Entry,
  tags: ['symmetry'],
  paperId: '2502.00002',
  title: v2Bundled.title,
  authors: ['Emmy Noether'],
  notes: 'Appendix B.',
};

const VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    async fill(db) {
      const tx = db.transaction(['papers', 'readingList', 'imports', 'meta'], 'readwrite');
      await Promise.all([
        tx.objectStore('readingList').put(v1Entry as never),
        tx.objectStore('papers').put(v1Imported as never),
        tx.objectStore('papers').put(v1Learned as never),
        tx.objectStore('imports').put(v1Import as never),
        tx.objectStore('meta').put('2026.01.0', 'corpusVersion'),
        tx.done,
      ]);
    },
    async check(db) {
      // Version 1's papers are indexed by the background at start-up, as here.
      while ((await indexPending(db)) > 0);
      expect((await listEntries(db)).filter((e) => e.paperId === v1Entry.paperId)).toEqual([v1Entry]);
      expect((await getPaper(db, '2501.00001' as PaperId))?.title).toBe('An Imported Paper');
      expect((await getPaper(db, 'title:abc123' as PaperId))?.provenance[0]?.kind).toBe('learned');
      expect(await countPapers(db, 'imported')).toBe(1);
      expect(await countPapers(db, 'learned')).toBe(1);
      const snap = await new IndexReader(indexSource(async () => db)).snapshot();
      expect(await snap.keywordDocs(`${KEYWORD.author}lovelace|a`)).toEqual([250100001]);
      expect(await snap.keywordDocs(`${KEYWORD.import}imp-1`)).toHaveLength(1);
      expect(await db.countFromIndex('readingList', 'by-tag', 'théorie')).toBe(1);
      expect(await db.get('imports', 'imp-1')).toEqual(v1Import);
      expect(await db.get('meta', 'corpusVersion')).toBe('2026.01.0');
    },
  },
  {
    version: 2,
    // Version 2 papers carry their doc numbers and topics, and the index store its segments: written by
    // the commit of this version (the index's own format number guards what a later version reads).
    async fill(db) {
      await putPapers(db, [v2Bundled]);
      await db.put('readingList', v2Entry as never);
    },
    async check(db) {
      expect((await getPaper(db, '2502.00002' as PaperId))?.title).toBe('A Learned Paper With Code');
      expect((await db.get('readingList', '2502.00002'))?.notes).toBe('Appendix B.');
      const snap = await new IndexReader(indexSource(async () => db)).snapshot();
      expect(await snap.keywordDocs(`${KEYWORD.author}noether|e`)).toEqual([250200002]);
      expect(await countPapers(db, 'bundled')).toBe(1);
    },
  },
];

/** Everything in every store, for "nothing changed" comparisons. */
async function dump(db: Database) {
  const out: Record<string, unknown> = {};
  for (const store of [...db.objectStoreNames]) out[store] = await db.getAll(store as 'meta');
  return out;
}

describe('database upgrades', () => {
  it('have one table row per schema version, and one upgrade step each', () => {
    expect(VERSIONS.map((v) => v.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
    expect(UPGRADES.length).toBe(DB_VERSION);
  });

  for (const target of VERSIONS) {
    const previous = target.version - 1;
    it(`v${previous} → current (v${DB_VERSION}) keeps the reading list, notes, imported and learned papers`, async () => {
      const factory = new IDBFactory();
      if (previous > 0) {
        const old = await openDatabase({ factory, version: previous });
        for (const v of VERSIONS.filter((v) => v.version <= previous)) await v.fill(old);
        old.close();
      }
      const db = await openDatabase({ factory });
      expect(db.version).toBe(DB_VERSION);
      // What the older versions wrote survived; and this version's own data can be written and read.
      for (const v of VERSIONS.filter((v) => v.version <= previous)) await v.check(db);
      if (target.version === DB_VERSION) {
        await target.fill(db);
        await target.check(db);
      }
      db.close();
    });
  }

  it(`reopening a filled v${DB_VERSION} database (no-op upgrade) keeps everything, byte for byte`, async () => {
    const factory = new IDBFactory();
    const db = await openDatabase({ factory });
    for (const v of VERSIONS) await v.fill(db);
    const before = await dump(db);
    db.close();
    const again = await openDatabase({ factory });
    expect(await dump(again)).toEqual(before);
    for (const v of VERSIONS) await v.check(again);
    again.close();
  });

  it('a database at a newer version than this code knows gives a clear error and is left untouched', async () => {
    const factory = new IDBFactory();
    const db = await openDatabase({ factory });
    for (const v of VERSIONS) await v.fill(db);
    db.close();
    // A newer Paperlens (then a downgrade): version + 1, with a store this code has never heard of.
    await new Promise<void>((resolve, reject) => {
      const req = factory.open(DB_NAME, DB_VERSION + 1);
      req.onupgradeneeded = () => req.result.createObjectStore('future');
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    await expect(openDatabase({ factory })).rejects.toThrow(/newer version of Paperlens.*nothing was changed/);
    const newer = await openDatabase({ factory, version: DB_VERSION + 1 });
    expect([...newer.objectStoreNames]).toContain('future');
    for (const v of VERSIONS) await v.check(newer);
    newer.close();
  });
});

describe('IndexedDB unavailable (Firefox private windows, storage disabled)', () => {
  it('an open that throws gives the clear "can\'t store data" error', async () => {
    const throwing = {
      open() {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
    } as unknown as IDBFactory;
    await expect(openDatabase({ factory: throwing })).rejects.toThrow(STORAGE_UNAVAILABLE);
  });

  it('an open request that fails gives the same error, not a hang', async () => {
    const failing = {
      open() {
        const req = { error: new DOMException('private window', 'InvalidStateError') } as unknown as IDBOpenDBRequest;
        queueMicrotask(() => (req as { onerror?: (e: Event) => void }).onerror?.(new Event('error')));
        // idb listens with addEventListener.
        Object.assign(req, {
          addEventListener(type: string, fn: () => void) {
            if (type === 'error') queueMicrotask(fn);
          },
          removeEventListener() {},
        });
        return req;
      },
    } as unknown as IDBFactory;
    await expect(openDatabase({ factory: failing })).rejects.toThrow(STORAGE_UNAVAILABLE);
  });

  it('no indexedDB global at all gives the same error', async () => {
    const g = globalThis as { indexedDB?: IDBFactory | undefined };
    const saved = g.indexedDB;
    g.indexedDB = undefined;
    try {
      await expect(openDatabase()).rejects.toThrow(STORAGE_UNAVAILABLE);
    } finally {
      g.indexedDB = saved;
    }
  });
});
