/**
 * Reading-list sync between the user's browsers: the pure part.
 *
 * State is one record per paper: the entry, or a tombstone when it was removed. Two states merge per
 * paper, so two browsers editing different entries never lose an edit. When both edited the same entry,
 * the later `updatedAt` wins; on an equal time the higher device id wins, and on an equal device the
 * record whose canonical text sorts higher (only possible for corrupted data, but it keeps `merge` a
 * true join: commutative, associative, idempotent — tests/unit/sync/merge.test.ts).
 *
 * Tombstones expire after `TOMBSTONE_TTL_MS` (`prune`): a browser that stayed offline longer than that
 * may bring a removed entry back. Pruning is separate from merging so merging stays a join.
 */

import { validateEntry } from '../backup/entry';
import { canonical } from '../backup/format';
import { isPaperId } from '../core/paper';
import type { ReadingListEntry, ReadingStatus } from '../db/schema';

export const TOMBSTONE_TTL_MS = 30 * 24 * 3600 * 1000;

export interface SyncRecord {
  /** The entry, or null when the paper was removed (a tombstone). */
  readonly entry: ReadingListEntry | null;
  /** Milliseconds since the epoch of the last change (an entry's `updatedAt`, a removal's time). */
  readonly at: number;
  /** The device that made the change. */
  readonly device: string;
}

export type SyncState = ReadonlyMap<string, SyncRecord>;

/** Whether `a` wins over `b` as the record of one paper. */
export function wins(a: SyncRecord, b: SyncRecord): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.device !== b.device) return a.device > b.device;
  return canonical(a.entry) > canonical(b.entry);
}

export function merge(a: SyncState, b: SyncState): Map<string, SyncRecord> {
  const out = new Map(a);
  for (const [id, r] of b) {
    const mine = out.get(id);
    if (!mine || wins(r, mine)) out.set(id, r);
  }
  return out;
}

/** Drops tombstones older than the TTL. */
export function prune(state: SyncState, now: number, ttl = TOMBSTONE_TTL_MS): Map<string, SyncRecord> {
  return new Map([...state].filter(([, r]) => r.entry !== null || now - r.at <= ttl));
}

// ---------------------------------------------------------------------------------------------------------
// storage.sync encoding: one item per paper (`e:<paperId>`), compact keys, so each item stays far below
// QUOTA_BYTES_PER_ITEM (8,192) and an edit rewrites only its own item.

export const SYNC_QUOTA = { perItem: 8192, items: 512, total: 102_400 } as const;
/** Items we leave for settings and head room. */
const RESERVED_ITEMS = 12;
const RESERVED_BYTES = 4096;
export const ITEM_PREFIX = 'e:';

const STATUS_CODE: Record<ReadingStatus, number> = { 'to-read': 0, reading: 1, read: 2 };
const STATUS_OF: readonly ReadingStatus[] = ['to-read', 'reading', 'read'];

/** The compact form: s status, p priority, g tags, n notes, a added, r read, u updated (ms), d device, t title, w authors. */
interface Compact {
  s?: number;
  p?: number;
  g?: string[];
  n?: string;
  a?: number;
  r?: number;
  u: number;
  d: string;
  t?: string;
  w?: string[];
  /** Present (1) on a tombstone. */
  x?: 1;
}

export function encodeRecord(r: SyncRecord): Compact {
  if (!r.entry) return { u: r.at, d: r.device, x: 1 };
  const e = r.entry;
  return {
    s: STATUS_CODE[e.status],
    p: e.priority,
    ...(e.tags.length ? { g: [...e.tags] } : {}),
    ...(e.notes ? { n: e.notes } : {}),
    a: Date.parse(e.addedAt),
    ...(e.readAt ? { r: Date.parse(e.readAt) } : {}),
    u: r.at,
    d: r.device,
    t: e.title,
    // First authors only: the list is there to show the entry before the paper is in this browser's corpus.
    w: e.authors.slice(0, 5),
  };
}

export function decodeRecord(id: string, v: unknown): SyncRecord | undefined {
  if (!isPaperId(id) || typeof v !== 'object' || v === null) return undefined;
  const c = v as Partial<Compact>;
  if (typeof c.u !== 'number' || !Number.isFinite(c.u) || typeof c.d !== 'string') return undefined;
  if (c.x === 1) return { entry: null, at: c.u, device: c.d };
  const iso = (ms: unknown) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : '');
  const entry = validateEntry({
    paperId: id,
    status: STATUS_OF[c.s ?? -1],
    priority: c.p,
    tags: c.g ?? [],
    notes: c.n ?? '',
    addedAt: iso(c.a),
    ...(c.r !== undefined ? { readAt: iso(c.r) } : {}),
    updatedAt: iso(c.u),
    title: c.t ?? '',
    authors: c.w ?? [],
  });
  return entry.ok ? { entry: entry.value, at: c.u, device: c.d } : undefined;
}

/** Reads what storage.sync holds; items that are not ours or do not parse are ignored. */
export function decodeItems(items: Readonly<Record<string, unknown>>): Map<string, SyncRecord> {
  const out = new Map<string, SyncRecord>();
  for (const [key, v] of Object.entries(items)) {
    if (!key.startsWith(ITEM_PREFIX)) continue;
    const id = key.slice(ITEM_PREFIX.length);
    const r = decodeRecord(id, v);
    if (r) out.set(id, r);
  }
  return out;
}

const bytes = (key: string, value: unknown) => new TextEncoder().encode(key + JSON.stringify(value)).length;

/**
 * The items to keep in storage.sync for a state, within its quotas. When everything does not fit, the
 * most recently changed records go first and the rest stay on this device only (listed in `left`): the
 * reading list itself is never trimmed, only what syncs. An entry too big for one item (very long
 * notes) is left out and listed too, rather than synced with its notes cut.
 */
export function encodeItems(state: SyncState): { items: Record<string, Compact>; left: string[] } {
  const items: Record<string, Compact> = {};
  const left: string[] = [];
  let total = 0;
  let count = 0;
  const order = [...state].sort(([, a], [, b]) => b.at - a.at);
  for (const [id, r] of order) {
    const key = ITEM_PREFIX + id;
    const value = encodeRecord(r);
    const size = bytes(key, value);
    if (
      size > SYNC_QUOTA.perItem ||
      count + 1 > SYNC_QUOTA.items - RESERVED_ITEMS ||
      total + size > SYNC_QUOTA.total - RESERVED_BYTES
    ) {
      left.push(id);
      continue;
    }
    items[key] = value;
    total += size;
    count++;
  }
  return { items, left };
}

/** The record a local entry stands for; `previous` (what sync last knew) keeps its device when unchanged. */
export function localRecord(entry: ReadingListEntry, device: string, previous?: SyncRecord): SyncRecord {
  const at = Date.parse(entry.updatedAt);
  const next = { entry, at, device };
  // Compared as synced (first authors only), so an entry that came from sync is not re-sent as new.
  const same = (r: SyncRecord) => canonical({ ...encodeRecord(r), d: '' });
  return previous?.entry && previous.at === at && same(previous) === same(next) ? previous : next;
}
