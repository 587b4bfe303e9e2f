/**
 * Planning a commit: what a write of papers changes in the papers store and in the index, decided in one
 * place and applied by the database layer in ONE transaction (src/db/corpus.ts). Pure.
 *
 * A paper whose indexed fields changed (or that is new) goes into the commit's new segment; its old doc,
 * if indexed, is marked deleted in the segment that held it. A paper whose indexed fields did not change
 * (a page seen again, a note in provenance) is rewritten without touching the index. The manifest gets
 * the new segment, the deletions, the corpus counts and a revision one higher.
 */

import { hasCodeOf } from '../../core/code';
import type { Paper, PaperId } from '../../core/paper';
import type { Tag } from '../topics';
import { type AnalyzedDoc, analyze, categoriesOf } from './analyze';
import { docOfId, lowerBound } from './docs';
import { averageLengths, type CorpusCounts, type Manifest, type SegmentEntry } from './manifest';
import { buildSegment, type DeletionsRecord, key, type SegmentMeta } from './segment';

/** A paper as the papers store keeps it: with its doc number and topics once indexed. */
export interface IndexedPaper extends Paper {
  /** Its doc number in the index; absent until indexed (records written before the index existed). */
  readonly doc?: number;
  /** Taxonomy topics found when it was indexed. */
  readonly topics?: readonly Tag[];
}

export interface Change {
  readonly id: PaperId;
  /** The record before the commit. */
  readonly old: IndexedPaper | undefined;
  /** The paper after it, or null to remove it. */
  readonly next: Paper | null;
}

/** Where an indexed doc is. */
export interface Location {
  readonly seg: number;
  readonly local: number;
}

export interface CommitPlan {
  readonly manifest: Manifest;
  readonly put: readonly IndexedPaper[];
  readonly remove: readonly PaperId[];
  /** Index records to write (the new segment's and updated deletions). */
  readonly records: ReadonlyMap<string, unknown>;
  readonly segment: SegmentMeta | undefined;
  readonly indexed: number;
  readonly unchanged: number;
  readonly removed: number;
}

/** The fields the index reads: if none changed, a rewrite leaves the index alone. */
function indexedFields(p: Paper): string {
  const sources = p.provenance.map((q) => (q.kind === 'imported' ? `i:${q.importId}` : q.kind));
  return JSON.stringify([
    p.title,
    p.abstract ?? '',
    p.authors.map((a) => [a.name, a.key]),
    categoriesOf(p),
    (p.published ?? '').slice(0, 4),
    [...new Set(sources)].sort(),
    // `!h:code`: a paper that gains (or loses) code links is re-analysed for its keyword.
    hasCodeOf(p),
  ]);
}

export function needsIndexing(old: IndexedPaper | undefined, next: Paper): boolean {
  return old?.doc === undefined || indexedFields(old) !== indexedFields(next);
}

/** Docs the commit removes from the index: the caller locates them before planning. */
export function docsToLocate(changes: readonly Change[]): number[] {
  const out: number[] = [];
  for (const c of changes) {
    const doc = c.old?.doc;
    if (doc !== undefined && (c.next === null || needsIndexing(c.old, c.next))) out.push(doc);
  }
  return out;
}

function countsDelta(counts: CorpusCounts, p: Paper | undefined, sign: 1 | -1): CorpusCounts {
  if (!p) return counts;
  const kinds = new Set(p.provenance.map((q) => q.kind));
  return {
    papers: counts.papers + sign,
    bundled: counts.bundled + (kinds.has('bundled') ? sign : 0),
    learned: counts.learned + (kinds.has('learned') ? sign : 0),
    imported: counts.imported + (kinds.has('imported') ? sign : 0),
  };
}

/** The index's average field lengths (impacts need them): over every doc its segments hold. */
export function corpusAverages(segments: readonly SegmentEntry[], extra?: AnalyzedDoc[]): number[] {
  const sums = segments.reduce<number[]>(
    (acc, s) => acc.map((x, f) => x + (s.lengthSums[f] ?? 0)),
    new Array<number>(5).fill(0),
  );
  let docs = segments.reduce((n, s) => n + s.docs, 0);
  for (const d of extra ?? []) {
    d.lengths.forEach((l, f) => {
      sums[f] = (sums[f] ?? 0) + l;
    });
    docs++;
  }
  return averageLengths({ lengthSums: sums, liveDocs: docs });
}

export interface PlanInput {
  readonly manifest: Manifest;
  readonly changes: readonly Change[];
  /** Where each doc of `docsToLocate` is (undefined: not in the index after all). */
  readonly locate: (doc: number) => Location | undefined;
  /** The current deletions record of a segment, if it has one. */
  readonly deletions: (seg: number) => DeletionsRecord | undefined;
  /** Analyses of `next` papers done before the transaction, by id (reused when the paper is unchanged). */
  readonly analysed?: ReadonlyMap<PaperId, { readonly paper: Paper; readonly doc: Omit<AnalyzedDoc, 'doc'> }>;
}

export function planCommit(input: PlanInput): CommitPlan {
  const m = input.manifest;
  const revision = m.revision + 1;
  const seen = new Set<string>();
  let nextDoc = m.nextDoc;
  let counts = m.counts;
  const put: IndexedPaper[] = [];
  const remove: PaperId[] = [];
  const docs: AnalyzedDoc[] = [];
  const dels = new Map<number, { docs: number[]; locals: number[] }>();
  let unchanged = 0;
  let removed = 0;
  const unindex = (doc: number) => {
    const at = input.locate(doc);
    if (!at) return;
    let d = dels.get(at.seg);
    if (!d) {
      d = { docs: [], locals: [] };
      dels.set(at.seg, d);
    }
    d.docs.push(doc);
    d.locals.push(at.local);
  };
  for (const c of input.changes) {
    if (seen.has(c.id)) throw new Error(`commit: paper ${c.id} twice in one commit`);
    seen.add(c.id);
    // Records stored before the index existed (no doc number) were never counted.
    if (c.old?.doc !== undefined) counts = countsDelta(counts, c.old, -1);
    if (c.next === null) {
      if (c.old === undefined) continue;
      if (c.old.doc !== undefined) unindex(c.old.doc);
      remove.push(c.id);
      removed++;
      continue;
    }
    counts = countsDelta(counts, c.next, 1);
    if (!needsIndexing(c.old, c.next)) {
      put.push({ ...c.next, doc: c.old?.doc as number, ...(c.old?.topics ? { topics: c.old.topics } : {}) });
      unchanged++;
      continue;
    }
    if (c.old?.doc !== undefined) unindex(c.old.doc);
    let doc = docOfId(c.id) ?? c.old?.doc;
    if (doc === undefined) doc = nextDoc++;
    const pre = input.analysed?.get(c.id);
    const a: AnalyzedDoc = pre && pre.paper === c.next ? { ...pre.doc, doc } : analyze(c.next, doc);
    docs.push(a);
    put.push({ ...c.next, doc, topics: a.topics });
  }
  const records = new Map<string, unknown>();
  let segments: SegmentEntry[] = m.segments.map((s) => {
    const d = dels.get(s.id);
    if (!d) return s;
    const old = input.deletions(s.id);
    const merged = mergeDeletions(old, d, revision);
    records.set(key.deletions(s.id), merged);
    return { ...s, deleted: merged.docs.length, delGen: s.delGen + 1 };
  });
  let segment: SegmentMeta | undefined;
  if (docs.length > 0) {
    const built = buildSegment(m.nextSegment, docs, corpusAverages(m.segments, docs));
    segment = built.meta;
    for (const [k, v] of built.records) records.set(k, v);
    segments = [...segments, { ...built.meta, deleted: 0, delGen: 0 }];
  }
  const liveDocs = segments.reduce((n, s) => n + s.docs - s.deleted, 0);
  const manifest: Manifest = {
    ...m,
    revision,
    segments,
    nextSegment: segment ? m.nextSegment + 1 : m.nextSegment,
    nextDoc,
    liveDocs,
    lengthSums: sumLengths(segments),
    counts,
  };
  return { manifest, put, remove, records, segment, indexed: docs.length, unchanged, removed };
}

export function sumLengths(segments: readonly SegmentEntry[]): number[] {
  return segments.reduce<number[]>(
    (acc, s) => acc.map((x, f) => x + (s.lengthSums[f] ?? 0)),
    new Array<number>(5).fill(0),
  );
}

/** A segment's deletions with `more` added at `revision`, sorted by doc. */
export function mergeDeletions(
  old: DeletionsRecord | undefined,
  more: { readonly docs: readonly number[]; readonly locals: readonly number[] },
  revision: number,
): DeletionsRecord {
  const rows: [number, number, number][] = [];
  if (old)
    for (let i = 0; i < old.docs.length; i++) rows.push([old.docs[i] ?? 0, old.locals[i] ?? 0, old.revs[i] ?? 0]);
  const have = new Set(rows.map((r) => r[0]));
  more.docs.forEach((doc, i) => {
    if (!have.has(doc)) rows.push([doc, more.locals[i] ?? 0, revision]);
  });
  rows.sort((a, b) => a[0] - b[0]);
  return {
    docs: Uint32Array.from(rows, (r) => r[0]),
    locals: Uint32Array.from(rows, (r) => r[1]),
    revs: Uint32Array.from(rows, (r) => r[2]),
  };
}

/** Locates docs in the segments holding them, given the segments' docs records. */
export function locator(
  segments: readonly SegmentEntry[],
  docsOf: (seg: number) => { readonly docs: Uint32Array } | undefined,
): (doc: number) => Location | undefined {
  return (doc) => {
    // Newest first: a doc is indexed in one live segment at a time, most likely a recent one.
    for (let s = segments.length - 1; s >= 0; s--) {
      const seg = segments[s];
      const d = seg && docsOf(seg.id);
      if (!seg || !d) continue;
      const i = lowerBound(d.docs, doc);
      if (d.docs[i] === doc) return { seg: seg.id, local: i };
    }
    return undefined;
  };
}

/**
 * The manifest after a merge of `inputs` into `built` (read at revision `from`), or undefined when an
 * input is gone (another merge took it): the merge is then dropped. Docs deleted from the inputs after
 * `from` are deleted from the output, in its deletions record.
 */
export function planMerge(input: {
  readonly manifest: Manifest;
  readonly inputs: readonly number[];
  readonly built: { readonly meta: SegmentMeta; readonly docs: Uint32Array };
  readonly from: number;
  readonly deletions: (seg: number) => DeletionsRecord | undefined;
}): { manifest: Manifest; records: Map<string, unknown> } | undefined {
  const m = input.manifest;
  const ids = new Set(input.inputs);
  if (input.inputs.some((id) => !m.segments.some((s) => s.id === id))) return undefined;
  const revision = m.revision + 1;
  const late = { docs: [] as number[], locals: [] as number[] };
  for (const id of input.inputs) {
    const d = input.deletions(id);
    if (!d) continue;
    for (let i = 0; i < d.docs.length; i++) {
      if ((d.revs[i] ?? 0) <= input.from) continue;
      const doc = d.docs[i] ?? 0;
      const at = lowerBound(input.built.docs, doc);
      if (input.built.docs[at] === doc) {
        late.docs.push(doc);
        late.locals.push(at);
      }
    }
  }
  const records = new Map<string, unknown>();
  let entry: SegmentEntry = { ...input.built.meta, deleted: 0, delGen: 0 };
  if (late.docs.length) {
    const rec = mergeDeletions(undefined, late, revision);
    records.set(key.deletions(entry.id), rec);
    entry = { ...entry, deleted: rec.docs.length, delGen: 1 };
  }
  const segments = [...m.segments.filter((s) => !ids.has(s.id)), entry];
  return {
    manifest: {
      ...m,
      revision,
      segments,
      nextSegment: Math.max(m.nextSegment, entry.id + 1),
      liveDocs: segments.reduce((n, s) => n + s.docs - s.deleted, 0),
      lengthSums: sumLengths(segments),
      garbage: [...m.garbage, ...input.inputs],
    },
    records,
  };
}
