/**
 * Storage faults (issue 9): a full disk during reading-list saves, IndexedDB unavailable (Firefox private
 * windows), and damaged records. The user gets a clear message, nothing is half-written, and the reading
 * list survives with a way to recover.
 */
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { describeError, STORAGE_FULL } from '../../../src/background/errors';
import { createHandlers, dispatch, type Handlers } from '../../../src/background/handlers';
import { installBundle } from '../../../src/background/install';
import { validateEntry } from '../../../src/backup/entry';
import type { PaperId } from '../../../src/core/paper';
import { validateBundle } from '../../../src/corpus/bundle';
import { type Database, openDatabase, STORAGE_UNAVAILABLE } from '../../../src/db/database';
import { checkRecords } from '../../../src/db/integrity';
import { allPapers } from '../../../src/db/papers';
import { CORPUS_TYPES } from '../../../src/messaging/corpus';
import { LIBRARY_TYPES } from '../../../src/messaging/library';
import { OVERLAY_TYPES } from '../../../src/messaging/overlay';
import type { MessageType } from '../../../src/messaging/protocol';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')));
const NOW = new Date('2026-11-23T10:00:00Z');
const page = {
  id: '2210.16859' as PaperId,
  title: 'A Solvable Model of Neural Scaling Laws',
  authors: ['Alexander Maloney'],
  url: 'https://arxiv.org/abs/2210.16859',
};

function handlersFor(db: () => Promise<Database>): Handlers {
  return createHandlers({ db, engine: new EngineService(db), settings: async () => DEFAULT_SETTINGS, now: () => NOW });
}

/**
 * The database as a full disk makes it: reads work, and every write is refused as IndexedDB refuses it
 * (the transaction aborted whole, QuotaExceededError).
 */
function fullDisk(real: Database): Database {
  const refuse = async () => {
    const tx = real.transaction('readingList', 'readwrite');
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return new Proxy(real, {
    get(t, key) {
      if (key === 'put' || key === 'add' || key === 'delete' || key === 'clear') return refuse;
      if (key === 'transaction')
        return (stores: never, mode?: IDBTransactionMode) => {
          const tx = t.transaction(stores, mode);
          if (mode !== 'readwrite') return tx;
          return new Proxy(tx, {
            get(x, k) {
              if (k === 'done') {
                x.abort();
                return x.done.catch(() => {
                  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
                });
              }
              const v = Reflect.get(x, k, x);
              return typeof v === 'function' ? v.bind(x) : v;
            },
          });
        };
      const v = Reflect.get(t, key, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

let db: Database;
beforeEach(async () => {
  if (!bundle.ok) throw new Error(bundle.error);
  db = await openDatabase({ factory: new IDBFactory() });
  await installBundle(db, bundle.value);
});

describe('a full disk during reading-list saves', () => {
  it('a save is refused with a clear message, and nothing is half-written', async () => {
    const ok = handlersFor(async () => db);
    await ok['readingList/toggle']({ paper: { ...page, id: '2310.07765' as PaperId } });
    await ok['readingList/update']({ id: '2310.07765' as PaperId, patch: { notes: 'kept' } });
    const before = await db.getAll('readingList');
    const full = handlersFor(async () => fullDisk(db));
    for (const [type, data] of [
      ['readingList/toggle', { paper: page }],
      ['readingList/add', { ids: ['2210.16859'] }],
      ['readingList/update', { id: '2310.07765', patch: { notes: 'lost?' } }],
      ['readingList/remove', { ids: ['2310.07765'] }],
    ] as const) {
      const error = await dispatch(full, { type, data } as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, type).toBeDefined();
      expect(describeError(error), type).toBe(STORAGE_FULL);
    }
    expect(await db.getAll('readingList')).toEqual(before);
  });
});

describe('IndexedDB unavailable', () => {
  it('every message that needs storage answers with the clear error, without hanging', async () => {
    const unavailable = {
      open() {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
    } as unknown as IDBFactory;
    const handlers = handlersFor(() => openDatabase({ factory: unavailable }));
    const valid: Partial<Record<MessageType, unknown>> = {
      'panel/data': { paper: page },
      'chips/data': { papers: [page] },
      'badges/recognise': { entries: [{ id: '2210.16859' }, { title: 'A Solvable Model of Neural Scaling Laws' }] },
      'search/query': { query: 'scaling' },
      'readingList/toggle': { paper: page },
      'readingList/list': {},
      'readingList/add': { ids: ['2210.16859'] },
      'readingList/update': { id: '2210.16859', patch: { notes: 'x' } },
      'readingList/updateMany': { ids: ['2210.16859'], patch: { notes: 'x' } },
      'readingList/remove': { ids: ['2210.16859'] },
      'library/corpus': { offset: 0, limit: 10 },
      'library/author': { key: 'maloney|a' },
      'library/topic': { id: 'cs.LG' },
      'library/paper': { id: '2210.16859' },
      'library/export': { ids: ['2210.16859'], format: 'bibtex' },
      'backup/export': {},
      'backup/import': {
        backup: {
          kind: 'paperlens-backup',
          formatVersion: 1,
          exportedAt: 'x',
          readingList: [],
          papers: [],
          imports: [],
          settings: {},
        },
        apply: false,
      },
      'corpus/status': {},
      'corpus/categories': {},
      'corpus/imports': {},
      'corpus/changed': {},
      'corpus/removeImport': { importId: 'x' },
      'corpus/resetBundled': {},
      'corpus/integrity': {},
      'corpus/repair': {},
    };
    // library/open needs no storage (it opens a tab); nor does chips/counts for a ticket it does not hold.
    const types = [...OVERLAY_TYPES, ...LIBRARY_TYPES, ...CORPUS_TYPES].filter(
      (t) => t !== 'library/open' && t !== 'chips/counts',
    );
    expect(types.filter((t) => !(t in valid))).toEqual([]);
    for (const type of types) {
      const error = await dispatch(handlers, { type, data: valid[type] } as never).then(
        () => 'answered',
        (e: unknown) => (e as Error).message,
      );
      expect(error, type).toContain(STORAGE_UNAVAILABLE);
    }
  });
});

describe('damaged records', () => {
  async function damage() {
    const h = handlersFor(async () => db);
    await h['readingList/toggle']({ paper: page });
    await h['readingList/update']({ id: page.id, patch: { notes: 'my notes', addTags: ['keep'] } });
    await h['readingList/toggle']({ paper: { ...page, id: '2310.07765' as PaperId, title: 'Fine' } });
    const tx = db.transaction(['papers', 'readingList'], 'readwrite');
    // An entry that lost its title and got a bad status and an unknown field; a paper that lost its authors.
    const entry = (await tx.objectStore('readingList').get(page.id)) as unknown as Record<string, unknown>;
    await tx.objectStore('readingList').put({ ...entry, title: undefined, status: 'someday', junk: 1 } as never);
    const paper = (await tx.objectStore('papers').get('2210.16859')) as unknown as Record<string, unknown>;
    await tx.objectStore('papers').put({ ...paper, authors: 'nobody' } as never);
    await tx.done;
    return h;
  }

  it('are skipped when read: the list, the engine and the panels keep working', async () => {
    const h = await damage();
    const { entries } = await h['readingList/list']({});
    expect(entries.map((e) => e.paperId)).toEqual(['2310.07765']);
    expect((await allPapers(db)).some((p) => p.id === '2210.16859')).toBe(false);
    expect((await h['library/paper']({ id: '2210.16859' as PaperId })).paper).toBeNull();
    expect((await h['panel/data']({ paper: page })).inCorpus).toBe(false);
    expect((await h['search/query']({ query: 'scaling laws' })).hits.length).toBeGreaterThan(0);
  });

  it('are counted, and repair keeps the reading list: the entry rebuilt with its notes and tags', async () => {
    const h = await damage();
    expect(await h['corpus/integrity']({})).toEqual({ papers: 1, entries: 1 });
    expect(await h['corpus/repair']({})).toEqual({ removedPapers: 1, repairedEntries: 1, removedEntries: 0 });
    expect(await checkRecords(db)).toEqual({ papers: [], entries: [] });
    const { entries } = await h['readingList/list']({});
    expect(entries.map((e) => e.paperId).sort()).toEqual(['2210.16859', '2310.07765']);
    const rebuilt = entries.find((e) => e.paperId === '2210.16859');
    expect(rebuilt && validateEntry(rebuilt).ok).toBe(true);
    // The title came from the damaged paper record (still valid there); notes and tags from the entry.
    expect(rebuilt).toMatchObject({
      title: 'A Solvable Model of Neural Scaling Laws',
      notes: 'my notes',
      tags: ['keep'],
      status: 'to-read',
    });
    // The damaged bundled paper comes back with "Reset bundled corpus".
    await h['corpus/resetBundled']({});
    expect((await h['library/paper']({ id: '2210.16859' as PaperId })).paper?.authors.length).toBe(3);
  });
});
