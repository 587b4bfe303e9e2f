/**
 * Reading-list entries from outside (a backup file, another browser through sync, an edit from a page):
 * checked field by field, and edits applied as pure functions. Pure: no browser API.
 */
import { isPaperId, type Result } from '../core/paper';
import type { ReadingListEntry, ReadingStatus } from '../db/schema';

export const STATUSES: readonly ReadingStatus[] = ['to-read', 'reading', 'read'];
export const LIMITS = { tags: 50, tag: 60, notes: 50_000, title: 2000, authors: 200, author: 500 } as const;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const isIso = (v: unknown): v is string => typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v));
const isStatus = (v: unknown): v is ReadingStatus => STATUSES.includes(v as ReadingStatus);
const isPriority = (v: unknown): v is 1 | 2 | 3 => v === 1 || v === 2 || v === 3;

/** Tags as the user means them: trimmed, case kept, empty and repeated ones dropped. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim().replace(/\s+/g, ' ');
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out;
}

function checkTags(v: unknown, where: string): Result<string[]> {
  if (!Array.isArray(v) || v.length > LIMITS.tags || !v.every((t) => typeof t === 'string' && t.length <= LIMITS.tag))
    return { ok: false, error: `${where}: tags must be at most ${LIMITS.tags} texts of ${LIMITS.tag} characters` };
  return { ok: true, value: v as string[] };
}

/** Checks a stored or transported entry. The error names the entry and its first bad field. */
export function validateEntry(v: unknown): Result<ReadingListEntry> {
  if (typeof v !== 'object' || v === null) return { ok: false, error: 'entry: not an object' };
  const e = v as Record<string, unknown>;
  const fail = (field: string) => ({ ok: false as const, error: `entry ${String(e.paperId)}: bad ${field}` });
  if (typeof e.paperId !== 'string' || !isPaperId(e.paperId)) return fail('paperId');
  if (!isStatus(e.status)) return fail('status');
  if (!isPriority(e.priority)) return fail('priority');
  const tags = checkTags(e.tags, `entry ${e.paperId}`);
  if (!tags.ok) return tags;
  if (typeof e.notes !== 'string' || e.notes.length > LIMITS.notes) return fail('notes');
  if (!isIso(e.addedAt)) return fail('addedAt');
  if (!isIso(e.updatedAt)) return fail('updatedAt');
  if (e.readAt !== undefined && !isIso(e.readAt)) return fail('readAt');
  if (typeof e.title !== 'string' || e.title.length > LIMITS.title) return fail('title');
  if (
    !Array.isArray(e.authors) ||
    e.authors.length > LIMITS.authors ||
    !e.authors.every((a) => typeof a === 'string' && a.length <= LIMITS.author)
  )
    return fail('authors');
  const known = new Set([
    'paperId',
    'status',
    'priority',
    'tags',
    'notes',
    'addedAt',
    'readAt',
    'updatedAt',
    'title',
    'authors',
  ]);
  const extra = Object.keys(e).find((k) => !known.has(k));
  if (extra) return fail(`field "${extra}" (unknown)`);
  return { ok: true, value: e as unknown as ReadingListEntry };
}

/** An edit to one entry, or (with addTags/removeTags) to many at once. */
export interface EntryPatch {
  readonly status?: ReadingStatus;
  readonly priority?: 1 | 2 | 3;
  /** Replaces the tags. */
  readonly tags?: readonly string[];
  readonly addTags?: readonly string[];
  readonly removeTags?: readonly string[];
  readonly notes?: string;
}

export function validatePatch(v: unknown): Result<EntryPatch> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: 'patch: not an object' };
  const p = v as Record<string, unknown>;
  const keys = Object.keys(p);
  const allowed = ['status', 'priority', 'tags', 'addTags', 'removeTags', 'notes'];
  const unknown = keys.find((k) => !allowed.includes(k));
  if (unknown) return { ok: false, error: `patch: unknown field "${unknown}"` };
  if (keys.length === 0) return { ok: false, error: 'patch: nothing to change' };
  if (p.status !== undefined && !isStatus(p.status))
    return { ok: false, error: `patch: status must be one of ${STATUSES.join(', ')}` };
  if (p.priority !== undefined && !isPriority(p.priority))
    return { ok: false, error: 'patch: priority must be 1, 2 or 3' };
  for (const k of ['tags', 'addTags', 'removeTags'] as const) {
    if (p[k] === undefined) continue;
    const t = checkTags(p[k], `patch ${k}`);
    if (!t.ok) return t;
  }
  if (p.notes !== undefined && (typeof p.notes !== 'string' || p.notes.length > LIMITS.notes))
    return { ok: false, error: `patch: notes must be text of at most ${LIMITS.notes} characters` };
  return { ok: true, value: p as EntryPatch };
}

/**
 * Applies an edit. `readAt` is set when the status becomes `read` (and kept while it stays read) and
 * cleared when it leaves `read`; `updatedAt` moves only when something changed.
 */
export function applyPatch(entry: ReadingListEntry, patch: EntryPatch, now: Date): ReadingListEntry {
  let tags = patch.tags ? cleanTags(patch.tags) : [...entry.tags];
  if (patch.addTags) tags = cleanTags([...tags, ...patch.addTags]);
  if (patch.removeTags) {
    const drop = new Set(patch.removeTags.map((t) => t.trim().toLowerCase()));
    tags = tags.filter((t) => !drop.has(t.toLowerCase()));
  }
  if (tags.length > LIMITS.tags) tags = tags.slice(0, LIMITS.tags);
  const status = patch.status ?? entry.status;
  const { readAt: _old, ...rest } = entry;
  const readAt = status === 'read' ? (entry.status === 'read' ? entry.readAt : now.toISOString()) : undefined;
  const next: ReadingListEntry = {
    ...rest,
    status,
    priority: patch.priority ?? entry.priority,
    tags,
    notes: patch.notes ?? entry.notes,
    ...(readAt ? { readAt } : {}),
  };
  const same =
    next.status === entry.status &&
    next.priority === entry.priority &&
    next.notes === entry.notes &&
    next.readAt === entry.readAt &&
    next.tags.join('\u0000') === entry.tags.join('\u0000');
  return same ? entry : { ...next, updatedAt: now.toISOString() };
}
