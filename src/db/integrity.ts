/**
 * Records that cannot be read. A record can be damaged on disk, written by a buggy build, or edited by
 * hand in devtools; reading must not crash on it. Reads skip such records (a cheap shape check, run on
 * every read), the options page counts them with a full check (`checkRecords`), and `repairRecords`
 * recovers: damaged papers are removed (a bundled one comes back with "Reset bundled corpus"; reading-list
 * entries keep their own title and authors), damaged reading-list entries are rebuilt from what is still
 * valid in them (and the corpus), so the reading list is never lost.
 */
import { cleanTags, LIMITS, STATUSES, validateEntry } from '../backup/entry';
import { isPaperId, type PaperId, validatePaper } from '../core/paper';
import { commitPapers } from './corpus';
import type { Database } from './database';
import type { ReadingListEntry, ReadingStatus, StoredPaper } from './schema';

const isStr = (v: unknown): v is string => typeof v === 'string';

/** The shape every reader relies on (id, title, authors, provenance). Cheap: runs on every read. */
export function isReadablePaper(v: unknown): v is StoredPaper {
  const p = v as Partial<StoredPaper> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    isStr(p.id) &&
    isStr(p.title) &&
    Array.isArray(p.authors) &&
    p.authors.every((a) => typeof a === 'object' && a !== null && isStr(a.name) && isStr(a.key)) &&
    Array.isArray(p.provenance)
  );
}

export function isReadableEntry(v: unknown): v is ReadingListEntry {
  const e = v as Partial<ReadingListEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    isStr(e.paperId) &&
    isStr(e.title) &&
    Array.isArray(e.authors) &&
    e.authors.every(isStr) &&
    Array.isArray(e.tags) &&
    isStr(e.notes) &&
    isStr(e.addedAt)
  );
}

export interface IntegrityReport {
  /** Keys of papers and reading-list entries that fail their full check. */
  readonly papers: string[];
  readonly entries: string[];
}

export async function checkRecords(db: Database): Promise<IntegrityReport> {
  const papers: string[] = [];
  const entries: string[] = [];
  const tx = db.transaction(['papers', 'readingList']);
  for (let c = await tx.objectStore('papers').openCursor(); c; c = await c.continue()) {
    const { sources: _s, authorKeys: _a, year: _y, doc: _d, topics: _t, ...paper } = (c.value ?? {}) as StoredPaper;
    if (!validatePaper(paper).ok || paper.id !== c.key) papers.push(String(c.key));
  }
  for (let c = await tx.objectStore('readingList').openCursor(); c; c = await c.continue())
    if (!validateEntry(c.value).ok || c.value.paperId !== c.key) entries.push(String(c.key));
  await tx.done;
  return { papers, entries };
}

export interface RepairResult {
  readonly removedPapers: number;
  readonly repairedEntries: number;
  readonly removedEntries: number;
}

/** Removes damaged papers (and their index entries) and rebuilds damaged entries, in one commit. */
export async function repairRecords(db: Database, now: Date): Promise<RepairResult> {
  const bad = await checkRecords(db);
  // Titles and authors of damaged papers first, so entries rebuilt below can still use what was valid.
  const corpus = new Map<string, { title?: string; authors?: string[] }>();
  const raws = new Map<string, unknown>();
  {
    const tx = db.transaction(['papers', 'readingList']);
    for (const key of new Set([...bad.entries, ...bad.papers])) {
      const p = (await tx.objectStore('papers').get(key)) as Partial<StoredPaper> | undefined;
      if (p)
        corpus.set(key, {
          ...(isStr(p.title) && p.title.trim() ? { title: p.title } : {}),
          ...(Array.isArray(p.authors)
            ? { authors: p.authors.flatMap((a) => (a && isStr(a.name) ? [a.name] : [])) }
            : {}),
        });
    }
    for (const key of bad.entries) raws.set(key, await tx.objectStore('readingList').get(key));
    await tx.done;
  }
  let repairedEntries = 0;
  let removedEntries = 0;
  const rebuilt = bad.entries.map((key) => {
    const entry = isPaperId(key) ? rebuildEntry(key as PaperId, raws.get(key), corpus.get(key), now) : undefined;
    return { key, entry: entry && validateEntry(entry).ok ? entry : undefined };
  });
  // A paper that fails the full check but passes the read check is removed through `decide`.
  const damaged = new Set(bad.papers);
  await commitPapers(db, {
    ids: bad.papers as PaperId[],
    removeUnreadable: true,
    decide: (id) => (damaged.has(id) ? null : undefined),
    also: {
      stores: ['readingList'],
      write: (tx) =>
        rebuilt.map(({ key, entry }) => {
          if (entry) {
            repairedEntries++;
            return tx.objectStore('readingList').put(entry);
          }
          removedEntries++;
          return tx.objectStore('readingList').delete(key);
        }),
    },
  });
  return { removedPapers: bad.papers.length, repairedEntries, removedEntries };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const iso = (v: unknown): string | undefined =>
  isStr(v) && ISO.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;

/** An entry from whatever is still valid in a damaged one: the paper id is its key, the rest defaults. */
function rebuildEntry(
  id: PaperId,
  raw: unknown,
  paper: { title?: string; authors?: string[] } | undefined,
  now: Date,
): ReadingListEntry {
  const e = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter(isStr) : []);
  const at = now.toISOString();
  const readAt = iso(e.readAt);
  const authors = strings(e.authors).length ? strings(e.authors) : (paper?.authors ?? []);
  return {
    paperId: id,
    status: STATUSES.includes(e.status as ReadingStatus) ? (e.status as ReadingStatus) : 'to-read',
    priority: e.priority === 1 || e.priority === 3 ? e.priority : 2,
    tags: cleanTags(strings(e.tags).filter((t) => t.length <= LIMITS.tag)).slice(0, LIMITS.tags),
    notes: isStr(e.notes) ? e.notes.slice(0, LIMITS.notes) : '',
    addedAt: iso(e.addedAt) ?? at,
    ...(readAt ? { readAt } : {}),
    updatedAt: at,
    title: (isStr(e.title) && e.title.trim() ? e.title : (paper?.title ?? `Recovered entry ${id}`)).slice(
      0,
      LIMITS.title,
    ),
    authors: authors.slice(0, LIMITS.authors).map((a) => a.slice(0, LIMITS.author)),
  };
}
