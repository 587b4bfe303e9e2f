/**
 * The one way papers are written: a commit. It reads the current records, lets the caller decide what
 * each becomes, and writes the papers, the index's new segment, its deletions and the manifest in ONE
 * transaction (the plan is src/engine/index/commit.ts). So an import batch, a learned page or a restore is
 * searchable the moment it is stored, a killed worker leaves either all of a commit or none of it, and no
 * index is ever stale or half-written.
 *
 * idb's rule holds throughout: nothing but this transaction's own requests is awaited while it is open
 * (the planning is synchronous).
 */

import type { IDBPTransaction } from 'idb';
import type { Paper, PaperId } from '../core/paper';
import type { AnalyzedDoc } from '../engine/index/analyze';
import { type Change, docsToLocate, type IndexedPaper, locator, planCommit } from '../engine/index/commit';
import { type CorpusCounts, MANIFEST_KEY, type Manifest, parseManifest } from '../engine/index/manifest';
import { type DeletionsRecord, type DocsRecord, key } from '../engine/index/segment';
import { type Database, REINDEX_KEY } from './database';
import { isReadablePaper } from './integrity';
import { announceRevision } from './revision-channel';
import type { PaperlensDB, StoredPaper } from './schema';

type Extra = 'readingList' | 'imports' | 'meta';
type StoreName = 'papers' | 'index' | Extra;
/** The commit's transaction, as `also.write` sees it: it may write its own stores. */
export type CommitTx = IDBPTransaction<PaperlensDB, StoreName[], 'readwrite'>;

export interface CommitRequest {
  /** Papers whose current records are read and handed to `decide` (each at most once). */
  readonly ids: readonly PaperId[];
  /**
   * The next record of a paper: a paper, null to remove it, or undefined to leave it as it is. Runs inside
   * the transaction: synchronous, and it must not await anything.
   */
  readonly decide: (id: PaperId, old: Paper | undefined) => Paper | null | undefined;
  /** Other stores written in the same transaction (an import's record, the bundled corpus version). */
  readonly also?: { readonly stores: readonly Extra[]; readonly write: (tx: CommitTx) => Promise<unknown>[] };
  /**
   * Remove the records of these ids that cannot be read at all (integrity repair), with their index
   * entries; `decide` is not asked about them.
   */
  readonly removeUnreadable?: boolean;
  /** Analyses made before the transaction (of papers expected to be new), reused when still right. */
  readonly analysed?: ReadonlyMap<PaperId, { readonly paper: Paper; readonly doc: Omit<AnalyzedDoc, 'doc'> }>;
}

export interface CommitResult {
  /** Papers that were not stored before. */
  readonly added: number;
  /** Papers that were stored and were rewritten. */
  readonly merged: number;
  readonly removed: number;
  /** Papers (re)indexed in the commit's segment. */
  readonly indexed: number;
  readonly revision: number;
}

/** Docs records are immutable: one cache per context, keyed by index epoch and segment. */
const docsCache = new Map<string, DocsRecord>();

export class CorpusError extends Error {
  override name = 'CorpusError';
}

export async function commitPapers(db: Database, req: CommitRequest): Promise<CommitResult> {
  const stores: StoreName[] = ['papers', 'index', ...(req.also?.stores ?? [])];
  const tx = db.transaction(stores, 'readwrite') as CommitTx;
  const papers = tx.objectStore('papers');
  const index = tx.objectStore('index');
  const ids = [...new Set(req.ids)];
  const [rawManifest, ...found] = await Promise.all([index.get(MANIFEST_KEY), ...ids.map((id) => papers.get(id))]);
  const parsed = parseManifest(rawManifest);
  if (!parsed.ok) {
    tx.abort();
    throw new CorpusError(`${parsed.error}; nothing was changed`);
  }
  const manifest = parsed.value;
  const changes: Change[] = [];
  let added = 0;
  let merged = 0;
  ids.forEach((id, i) => {
    const raw = found[i];
    if (raw !== undefined && !isReadablePaper(raw) && req.removeUnreadable) {
      changes.push({ id, old: salvage(id, raw), next: null });
      return;
    }
    const old = isReadablePaper(raw) ? (raw as StoredPaper) : undefined;
    const next = req.decide(id, old ? fromStored(old) : undefined);
    if (next === undefined) return;
    if (next && next.id !== id) throw new CorpusError(`commit: ${id} decided into ${next.id}`);
    if (next && !old) added++;
    else if (next) merged++;
    changes.push({ id, old, next });
  });
  // Segments that lose docs: their docs records (to find the docs) and deletions (to add to).
  const losing = docsToLocate(changes);
  const docsRecords = new Map<number, DocsRecord>();
  const deletions = new Map<number, DeletionsRecord | undefined>();
  if (losing.length) {
    const missing = manifest.segments.filter((s) => !docsCache.has(`${manifest.epoch}/${s.id}`));
    const loaded = await Promise.all(missing.map((s) => index.get(key.docs(s.id))));
    missing.forEach((s, i) => {
      const d = loaded[i] as DocsRecord | undefined;
      if (d) docsCache.set(`${manifest.epoch}/${s.id}`, d);
    });
    for (const s of manifest.segments) {
      const d = docsCache.get(`${manifest.epoch}/${s.id}`);
      if (d) docsRecords.set(s.id, d);
    }
    const locate = locator(manifest.segments, (s) => docsRecords.get(s));
    const segs = [...new Set(losing.flatMap((doc) => locate(doc)?.seg ?? []))];
    const dels = await Promise.all(segs.map((s) => index.get(key.deletions(s))));
    for (const [i, s] of segs.entries()) deletions.set(s, dels[i] as DeletionsRecord | undefined);
  }
  const plan = planCommit({
    manifest,
    changes,
    locate: locator(manifest.segments, (s) => docsRecords.get(s)),
    deletions: (s) => deletions.get(s),
    ...(req.analysed ? { analysed: req.analysed } : {}),
  });
  const writes: Promise<unknown>[] = [];
  for (const p of plan.put) writes.push(papers.put(toStoredRecord(p)));
  for (const id of plan.remove) writes.push(papers.delete(id));
  for (const [k, v] of plan.records) writes.push(index.put(v, k));
  writes.push(index.put(plan.manifest, MANIFEST_KEY));
  if (req.also) writes.push(...req.also.write(tx));
  await Promise.all([...writes, tx.done]);
  announceRevision(plan.manifest.revision);
  return { added, merged, removed: plan.removed, indexed: plan.indexed, revision: plan.manifest.revision };
}

/** What can be told of a damaged record: its doc number (to unindex it) and the provenance still readable. */
function salvage(id: PaperId, raw: unknown): IndexedPaper {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const provenance = Array.isArray(r.provenance)
    ? r.provenance.filter(
        (q): q is Paper['provenance'][number] =>
          typeof q === 'object' &&
          q !== null &&
          ['bundled', 'imported', 'learned'].includes((q as { kind?: string }).kind ?? ''),
      )
    : [];
  return {
    id,
    title: '',
    authors: [],
    provenance,
    ...(typeof r.doc === 'number' ? { doc: r.doc } : {}),
  };
}

/** A record as the papers store keeps it (version 1's derived fields dropped). */
function toStoredRecord(p: IndexedPaper): StoredPaper {
  const { sources: _s, authorKeys: _a, year: _y, ...rest } = p as StoredPaper;
  return rest;
}

/** A stored record as the rest of Paperlens sees it: a Paper, without index bookkeeping. */
export function fromStored(stored: StoredPaper): Paper {
  const { sources: _s, authorKeys: _a, year: _y, doc: _d, topics: _t, ...paper } = stored;
  return paper;
}

export async function readManifest(db: Database): Promise<Manifest> {
  const parsed = parseManifest(await db.get('index', MANIFEST_KEY));
  if (!parsed.ok) throw new CorpusError(parsed.error);
  return parsed.value;
}

export async function corpusCounts(db: Database): Promise<CorpusCounts> {
  return (await readManifest(db)).counts;
}

/**
 * Indexes papers that were stored before the index existed (a version 1 database), `chunk` papers per
 * commit, from where the last call stopped. Returns how many it indexed; 0 when none are left.
 */
export async function indexPending(db: Database, chunk = 2000): Promise<number> {
  const cursorState = (await db.get('meta', REINDEX_KEY)) as { after: string | null } | undefined;
  if (!cursorState) return 0;
  const range = cursorState.after === null ? null : IDBKeyRange.lowerBound(cursorState.after, true);
  const ids: PaperId[] = [];
  let last: string | null = cursorState.after;
  let done = true;
  {
    const tx = db.transaction('papers');
    for (let c = await tx.store.openCursor(range); c; c = await c.continue()) {
      last = String(c.key);
      if (isReadablePaper(c.value) && (c.value as StoredPaper).doc === undefined) ids.push(c.key as PaperId);
      if (ids.length >= chunk) {
        done = false;
        break;
      }
    }
    await tx.done;
  }
  // Unchanged papers: `decide` returns them as they are; the commit indexes what lacks a doc number.
  await commitPapers(db, {
    ids,
    decide: (_id, old) => old ?? undefined,
    also: {
      stores: ['meta'],
      write: (tx) => {
        const meta = tx.objectStore('meta');
        return [done ? meta.delete(REINDEX_KEY) : meta.put({ after: last }, REINDEX_KEY)];
      },
    },
  });
  return ids.length;
}
