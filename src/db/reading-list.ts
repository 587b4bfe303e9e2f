/** The reading list. Every write is one transaction, so an entry is never half-written. */
import type { Paper, PaperId } from '../core/paper';
import type { Database } from './database';
import { isReadableEntry } from './integrity';
import type { ReadingListEntry } from './schema';

export function newEntry(paper: Pick<Paper, 'id' | 'title' | 'authors'>, now: Date): ReadingListEntry {
  const at = now.toISOString();
  return {
    paperId: paper.id,
    status: 'to-read',
    priority: 2,
    tags: [],
    notes: '',
    addedAt: at,
    updatedAt: at,
    title: paper.title,
    authors: paper.authors.map((a) => a.name),
  };
}

export async function getEntry(db: Database, id: PaperId): Promise<ReadingListEntry | undefined> {
  const entry = await db.get('readingList', id);
  return isReadableEntry(entry) ? entry : undefined;
}

/** Above this many ids, one key-range read beats a read per id. */
const RANGE_READ_MIN = 32;

/**
 * Which of `ids` are on the reading list, in their order. Many ids (a listing's 2,000 entries) are
 * answered with one read of the keys between the smallest and the largest: a listing's ids are close
 * together, and the reading list holds far fewer entries than the corpus, so that read is small.
 */
export async function savedIds(db: Database, ids: readonly PaperId[]): Promise<PaperId[]> {
  if (ids.length >= RANGE_READ_MIN) {
    let lo = ids[0] as PaperId;
    let hi = lo;
    for (const id of ids) {
      if (id < lo) lo = id;
      if (id > hi) hi = id;
    }
    const keys = new Set(await db.getAllKeys('readingList', IDBKeyRange.bound(lo, hi)));
    return ids.filter((id) => keys.has(id));
  }
  const tx = db.transaction('readingList');
  const keys = await Promise.all(ids.map((id) => tx.store.getKey(id)));
  await tx.done;
  return ids.filter((_, i) => keys[i] !== undefined);
}

export async function putEntry(db: Database, entry: ReadingListEntry): Promise<void> {
  await db.put('readingList', entry);
}

export async function removeEntry(db: Database, id: PaperId): Promise<void> {
  await db.delete('readingList', id);
}

export async function listEntries(db: Database): Promise<ReadingListEntry[]> {
  // Unreadable entries are skipped here and counted (and repaired) from the options page.
  const entries = await db.getAllFromIndex('readingList', 'by-added');
  return entries.filter(isReadableEntry).reverse();
}
