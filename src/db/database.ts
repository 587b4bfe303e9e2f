/**
 * Opening the database and its versioned upgrades.
 *
 * idb's one dangerous rule applies everywhere this module is used: do not await anything other than
 * the transaction's own requests while a transaction is open, or it auto-commits under you.
 */
import { type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import { DB_NAME, DB_VERSION, type PaperlensDB } from './schema';

export type Database = IDBPDatabase<PaperlensDB>;
type UpgradeTx = IDBPTransaction<
  PaperlensDB,
  ('papers' | 'readingList' | 'imports' | 'meta' | 'index')[],
  'versionchange'
>;

/** Meta key of the reindexing cursor: present while papers written before the index lack their entries. */
export const REINDEX_KEY = 'reindex';

/** Upgrade steps, indexed by the version they produce. Step N runs when oldVersion < N. */
export const UPGRADES: ReadonlyArray<(db: Database, tx: UpgradeTx) => void> = [
  // v0 -> v1: the initial schema.
  (db) => {
    // Version 1's indexes, by name: version 2 removes them, so today's schema type no longer lists them.
    const papers = db.createObjectStore('papers', { keyPath: 'id' });
    papers.createIndex('by-source' as never, 'sources', { multiEntry: true });
    papers.createIndex('by-author' as never, 'authorKeys', { multiEntry: true });
    papers.createIndex('by-year' as never, 'year');
    papers.createIndex('by-category' as never, 'categories', { multiEntry: true });
    const list = db.createObjectStore('readingList', { keyPath: 'paperId' });
    list.createIndex('by-status', 'status');
    list.createIndex('by-added', 'addedAt');
    list.createIndex('by-tag', 'tags', { multiEntry: true });
    db.createObjectStore('imports', { keyPath: 'id' });
    db.createObjectStore('meta');
  },
  // v1 -> v2: the engine's own persistent index replaces the papers' IndexedDB indexes (which cost half
  // of an import's write time) and the search index that was rebuilt from every paper at start-up. The
  // papers stay as they are; the background indexes them in batches (src/db/corpus.ts `indexPending`).
  (db, tx) => {
    const papers = tx.objectStore('papers');
    for (const name of [...papers.indexNames]) papers.deleteIndex(name as never);
    db.createObjectStore('index');
    void tx.objectStore('meta').put({ after: null }, REINDEX_KEY);
    void tx.objectStore('meta').delete('searchIndex');
    void tx.objectStore('meta').delete('corpusRevision');
  },
];

export interface OpenOptions {
  /** An IDBFactory to use instead of the global one (fake-indexeddb in unit tests). */
  readonly factory?: IDBFactory;
  readonly name?: string;
  /** Open at an older version: only for upgrade tests. */
  readonly version?: number;
}

/** Where IndexedDB cannot be used at all (Firefox private windows, storage disabled by policy). */
export const STORAGE_UNAVAILABLE = "Paperlens can't store data in this window (IndexedDB is unavailable)";

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/**
 * Opens the database, upgrading it when it is older. Fails with a DatabaseError that says what to do
 * when IndexedDB is unavailable, or when the database was written by a newer Paperlens (it is left as
 * it is: opening never downgrades or deletes).
 */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  try {
    return await open(options);
  } catch (e) {
    if (e instanceof DatabaseError) throw e;
    const name = (e as { name?: unknown } | null)?.name;
    if (name === 'VersionError')
      throw new DatabaseError(
        `Paperlens: the database was written by a newer version of Paperlens than this one (schema ${DB_VERSION}); ` +
          'update Paperlens to read it (nothing was changed)',
      );
    throw new DatabaseError(`${STORAGE_UNAVAILABLE}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function open(options: OpenOptions): Promise<Database> {
  const version = options.version ?? DB_VERSION;
  const factory = options.factory;
  if (!factory && typeof indexedDB === 'undefined') throw new DatabaseError(STORAGE_UNAVAILABLE);
  const restore = factory ? swapFactory(factory) : undefined;
  try {
    return await openDB<PaperlensDB>(options.name ?? DB_NAME, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADES[v]?.(db, tx as UpgradeTx);
      },
      blocking(_current, _blocked, event) {
        // Another context wants a newer schema (an extension update): let it have the database.
        (event.target as IDBDatabase).close();
      },
    });
  } finally {
    restore?.();
  }
}

/** idb calls the global `indexedDB`; tests hand in another factory for the duration of the open. */
function swapFactory(factory: IDBFactory): () => void {
  const g = globalThis as { indexedDB?: IDBFactory | undefined };
  const previous = g.indexedDB;
  g.indexedDB = factory;
  return () => {
    g.indexedDB = previous;
  };
}
