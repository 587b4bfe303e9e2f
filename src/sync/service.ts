/**
 * One sync round between this browser's reading list and storage.sync (the merge rule: merge.ts).
 * Browser-free: it is handed the database and a small interface over the sync area, so it runs in Node.
 *
 * Removals leave a tombstone in `meta` (`syncTombstones`) so other browsers learn of them; a re-saved
 * paper's tombstone is dropped by the save itself (a live entry beats a local tombstone).
 */
import { canonical } from '../backup/format';
import type { PaperId } from '../core/paper';
import type { Database } from '../db/database';
import {
  decodeItems,
  encodeItems,
  ITEM_PREFIX,
  localRecord,
  merge,
  prune,
  type SyncRecord,
  TOMBSTONE_TTL_MS,
} from './merge';

export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

const TOMBSTONES = 'syncTombstones';
/** A removal made here has no device yet: it is this device's, named when sync runs. */
type Tombstones = Record<string, { at: number; device?: string }>;

function readTombstones(v: unknown): Tombstones {
  return typeof v === 'object' && v !== null ? (v as Tombstones) : {};
}

/** Notes removals so sync can tell other browsers. Expired tombstones are dropped on the way. */
export async function recordRemovals(db: Database, ids: readonly PaperId[], now: Date): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const t = readTombstones(await tx.store.get(TOMBSTONES));
  const at = now.getTime();
  for (const [id, r] of Object.entries(t)) if (at - r.at > TOMBSTONE_TTL_MS) delete t[id];
  for (const id of ids) t[id] = { at };
  await Promise.all([tx.store.put(t, TOMBSTONES), tx.done]);
}

export interface SyncReport {
  /** Entries written or removed here from other browsers' changes. */
  readonly pulled: number;
  /** Items written to or removed from storage.sync. */
  readonly pushed: number;
  /** Papers that stay on this device only because storage.sync is full (or the entry is too big). */
  readonly left: readonly string[];
}

export async function syncOnce(db: Database, area: SyncArea, device: string, now: Date): Promise<SyncReport> {
  const raw = await area.get();
  const remote = decodeItems(raw);
  // Read, merge and write locally in one transaction, so an edit made meanwhile is not overwritten.
  const tx = db.transaction(['readingList', 'meta'], 'readwrite');
  const list = tx.objectStore('readingList');
  const [entries, tombValue] = await Promise.all([list.getAll(), tx.objectStore('meta').get(TOMBSTONES)]);
  const local = new Map<string, SyncRecord>();
  for (const [id, t] of Object.entries(readTombstones(tombValue)))
    local.set(id, { entry: null, at: t.at, device: t.device ?? device });
  for (const e of entries) local.set(e.paperId, localRecord(e, device, remote.get(e.paperId)));
  const merged = prune(merge(local, remote), now.getTime());
  const byId = new Map(entries.map((e) => [e.paperId as string, e] as const));
  const writes: Promise<unknown>[] = [];
  let pulled = 0;
  const tombstones: Tombstones = {};
  for (const [id, r] of merged) {
    const mine = byId.get(id);
    if (r.entry === null) {
      tombstones[id] = { at: r.at, device: r.device };
      if (mine) {
        writes.push(list.delete(id));
        pulled++;
      }
    } else if (!mine || canonical(mine) !== canonical(r.entry)) {
      // Keep what the synced form leaves out (authors beyond the first five) from the local copy.
      const entry =
        mine && mine.authors.length > r.entry.authors.length ? { ...r.entry, authors: mine.authors } : r.entry;
      if (!mine || canonical(mine) !== canonical(entry)) {
        writes.push(list.put(entry));
        pulled++;
      }
    }
  }
  writes.push(tx.objectStore('meta').put(tombstones, TOMBSTONES));
  await Promise.all([...writes, tx.done]);

  const { items, left } = encodeItems(merged);
  const changed = Object.fromEntries(
    Object.entries(items).filter(([k, v]) => raw[k] === undefined || canonical(raw[k]) !== canonical(v)),
  );
  const gone = Object.keys(raw).filter((k) => k.startsWith(ITEM_PREFIX) && !(k in items));
  if (Object.keys(changed).length) await area.set(changed);
  if (gone.length) await area.remove(gone);
  return { pulled, pushed: Object.keys(changed).length + gone.length, left };
}
