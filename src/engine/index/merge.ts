/**
 * Merging segments: which to merge (a tiered policy), and writing the merged one. Pure.
 *
 * Every commit adds a segment, so an import of a million papers leaves five hundred and a day of browsing
 * a few hundred of one paper each; a query reads every segment, so they are merged in the background when
 * idle. The policy is tiered, as Lucene's: segments of about the same size (a "tier", each `FACTOR` times
 * the one below) merge `FACTOR` at a time, so every paper is rewritten about log₁₀(corpus / batch) times
 * over its life, and no merge rewrites the whole index unless the whole index is one tier. A segment with
 * more than `RECLAIM` of its docs deleted is rewritten alone.
 *
 * The merged segment is streamed: vocabularies are walked term by term across the inputs, so memory holds
 * one term's lists, the doc maps and the output's pending records (drained by the caller into
 * transactions under a segment id no manifest lists yet, invisible until the merge commits).
 */
import { NF } from './analyze';
import { lowerBound } from './docs';
import type { SegmentEntry } from './manifest';
import type { Deleted, Snapshot } from './reader';
import {
  type BuiltSegment,
  type DocsRecord,
  key,
  type PostingsRecord,
  SegmentWriter,
  type VocabRecord,
} from './segment';
import type { TitleTable } from './title-keys';

/** Segments per merge, and the size ratio between tiers. */
export const FACTOR = 10;
/** Docs of the smallest tier (an import batch). */
const FLOOR = 2000;
/** A segment with more than this share of its docs deleted is rewritten. */
const RECLAIM = 0.3;
/** Beyond this many segments, the smallest merge whatever their tiers (a query reads every segment). */
const MAX_SEGMENTS = 48;

const tierOf = (docs: number) => (docs <= FLOOR ? 0 : Math.floor(Math.log(docs / FLOOR) / Math.log(FACTOR)) + 1);

/** The next merge to run, or undefined when the index is in shape. */
export function pickMerge(segments: readonly SegmentEntry[]): SegmentEntry[] | undefined {
  const byTier = new Map<number, SegmentEntry[]>();
  for (const s of segments) {
    const t = tierOf(s.docs - s.deleted);
    const list = byTier.get(t) ?? [];
    list.push(s);
    byTier.set(t, list);
  }
  for (const t of [...byTier.keys()].sort((a, b) => a - b)) {
    const list = byTier.get(t) ?? [];
    if (list.length >= FACTOR) return [...list].sort((a, b) => a.docs - b.docs).slice(0, FACTOR);
  }
  if (segments.length > MAX_SEGMENTS) return [...segments].sort((a, b) => a.docs - b.docs).slice(0, FACTOR);
  const wasteful = segments.find((s) => s.docs > 0 && s.deleted / s.docs > RECLAIM);
  return wasteful ? [wasteful] : undefined;
}

interface Input {
  readonly seg: SegmentEntry;
  readonly docs: DocsRecord;
  readonly del: Deleted;
  /** Old local → new local, or -1 for a deleted doc. */
  readonly map: Int32Array;
}

/** Merges the inputs' sorted doc lists, dropping deleted docs; maps every input's local docs to the output's. */
function mergeDocs(inputs: readonly { docs: Uint32Array; del: Deleted }[]): { out: Uint32Array; maps: Int32Array[] } {
  const maps = inputs.map((i) => new Int32Array(i.docs.length).fill(-1));
  const total = inputs.reduce((n, i) => n + i.docs.length, 0);
  const out = new Uint32Array(total);
  const at = inputs.map(() => 0);
  let n = 0;
  for (;;) {
    let best = -1;
    let bestDoc = 0;
    for (let k = 0; k < inputs.length; k++) {
      const i = inputs[k];
      const pos = at[k] ?? 0;
      if (!i || pos >= i.docs.length) continue;
      const d = i.docs[pos] ?? 0;
      if (best < 0 || d < bestDoc) {
        best = k;
        bestDoc = d;
      }
    }
    if (best < 0) break;
    const pos = at[best] ?? 0;
    at[best] = pos + 1;
    const input = inputs[best];
    if (!input || input.del.locals?.[pos] === 1) continue;
    if (n > 0 && out[n - 1] === bestDoc) throw new Error(`merge: doc ${bestDoc} is live in two segments`);
    (maps[best] as Int32Array)[pos] = n;
    out[n++] = bestDoc;
  }
  return { out: out.slice(0, n), maps };
}

/** Reads one input's vocabulary in order, with the postings of each term. */
class TermCursor {
  private block = -1;
  private vocab: VocabRecord | undefined;
  private i = 0;
  private readonly postings = new Map<number, PostingsRecord>();

  constructor(
    private readonly snap: Snapshot,
    readonly input: Input,
  ) {}

  /** The current term, or undefined at the end. Loads the next vocabulary block as needed. */
  async term(): Promise<string | undefined> {
    while (!this.vocab || this.i >= this.vocab.terms.length) {
      this.block++;
      if (this.block >= this.input.seg.firsts.length) return undefined;
      const k = key.vocab(this.input.seg.id, this.block);
      [this.vocab] = (await this.snap.readUncached([k])) as [VocabRecord];
      this.i = 0;
    }
    return this.vocab.terms[this.i];
  }

  /** The current term's whole list (remapped, deleted docs dropped); moves to the next term. */
  async take(): Promise<{ docs: number[]; imps: number[] }> {
    const v = this.vocab as VocabRecord;
    const i = this.i++;
    const full = v.full[i] ?? -1;
    let docs: Uint32Array;
    let imps: Uint8Array;
    if (full >= 0) {
      const [r] = (await this.snap.readUncached([key.full(this.input.seg.id, full)])) as [PostingsRecord];
      ({ docs, imps } = r);
    } else {
      const b = v.block[i] ?? 0;
      let r = this.postings.get(b);
      if (!r) {
        // Blocks are read in order: drop the ones behind.
        for (const old of this.postings.keys()) if (old < b) this.postings.delete(old);
        [r] = (await this.snap.readUncached([key.postings(this.input.seg.id, b)])) as [PostingsRecord];
        this.postings.set(b, r);
      }
      const at = v.at[i] ?? 0;
      const len = v.len[i] ?? 0;
      docs = r.docs.subarray(at, at + len);
      imps = r.imps.subarray(at, at + len);
    }
    const out = { docs: [] as number[], imps: [] as number[] };
    for (let j = 0; j < docs.length; j++) {
      const to = this.input.map[docs[j] ?? 0] ?? -1;
      if (to < 0) continue;
      out.docs.push(to);
      out.imps.push(imps[j] ?? 0);
    }
    return out;
  }
}

/** Merges runs sorted by doc (each input's remapped list is sorted, and inputs hold disjoint docs). */
function mergeRuns(runs: readonly { docs: number[]; imps: number[] }[]): { docs: Uint32Array; imps: Uint8Array } {
  const nonEmpty = runs.filter((r) => r.docs.length > 0);
  if (nonEmpty.length === 1 && nonEmpty[0])
    return { docs: Uint32Array.from(nonEmpty[0].docs), imps: Uint8Array.from(nonEmpty[0].imps) };
  const total = nonEmpty.reduce((n, r) => n + r.docs.length, 0);
  const docs = new Uint32Array(total);
  const imps = new Uint8Array(total);
  const at = nonEmpty.map(() => 0);
  for (let n = 0; n < total; n++) {
    let best = -1;
    let bestDoc = 0;
    for (let k = 0; k < nonEmpty.length; k++) {
      const r = nonEmpty[k];
      const pos = at[k] ?? 0;
      if (!r || pos >= r.docs.length) continue;
      const d = r.docs[pos] ?? 0;
      if (best < 0 || d < bestDoc) {
        best = k;
        bestDoc = d;
      }
    }
    const pos = at[best] ?? 0;
    docs[n] = bestDoc;
    imps[n] = nonEmpty[best]?.imps[pos] ?? 0;
    at[best] = pos + 1;
  }
  return { docs, imps };
}

/** Each table with the docs deleted from its own segment (a doc re-indexed elsewhere is live there). */
function mergeTitles(tables: readonly { table: TitleTable; dead: ReadonlySet<number> }[]): TitleTable {
  const whole: [number, number, number][] = [];
  const parts: [number, number][] = [];
  for (const { table: t, dead } of tables) {
    for (let i = 0; i < t.h1.length; i++)
      if (!dead.has(t.wholeDocs[i] ?? 0)) whole.push([t.h1[i] ?? 0, t.h2[i] ?? 0, t.wholeDocs[i] ?? 0]);
    for (let i = 0; i < t.parts.length; i++)
      if (!dead.has(t.partDocs[i] ?? 0)) parts.push([t.parts[i] ?? 0, t.partDocs[i] ?? 0]);
  }
  whole.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  parts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    h1: Uint32Array.from(whole, (w) => w[0]),
    h2: Uint32Array.from(whole, (w) => w[1]),
    wholeDocs: Uint32Array.from(whole, (w) => w[2]),
    parts: Uint32Array.from(parts, (p) => p[0]),
    partDocs: Uint32Array.from(parts, (p) => p[1]),
  };
}

export interface MergeOptions {
  /** Called with the records written so far whenever they pass `flushBytes` (the caller stores them). */
  readonly flush: (records: Map<string, unknown>) => Promise<void>;
  readonly flushBytes?: number;
  /** Called between terms; lets the caller yield to other work (a slice scheduler). */
  readonly yieldEvery?: () => Promise<void> | undefined;
}

/** Writes the merge of `inputs` (as of `snap`) as segment `outId`. */
export async function mergeSegments(
  snap: Snapshot,
  inputs: readonly SegmentEntry[],
  outId: number,
  options: MergeOptions,
): Promise<BuiltSegment> {
  const loaded = await Promise.all(
    inputs.map(async (seg) => ({ seg, docs: await snap.docs(seg), del: await snap.deletions(seg) })),
  );
  const { out, maps } = mergeDocs(loaded.map((l) => ({ docs: l.docs.docs, del: l.del })));
  const ins: Input[] = loaded.map((l, i) => ({ ...l, map: maps[i] as Int32Array }));
  const w = new SegmentWriter(outId);
  const flushBytes = options.flushBytes ?? 16 << 20;
  let pending = 0;
  const cursors = ins.map((i) => new TermCursor(snap, i));
  for (;;) {
    const terms = await Promise.all(cursors.map((c) => c.term()));
    let next: string | undefined;
    for (const t of terms) if (t !== undefined && (next === undefined || t < next)) next = t;
    if (next === undefined) break;
    const runs: { docs: number[]; imps: number[] }[] = [];
    for (const [k, c] of cursors.entries()) if (terms[k] === next) runs.push(await c.take());
    const merged = mergeRuns(runs);
    w.add({ term: next, ...merged });
    pending += merged.docs.length * 5;
    if (pending > flushBytes) {
      await options.flush(w.drain());
      pending = 0;
    }
    await options.yieldEvery?.();
  }
  const alloc: { doc: number; id: string }[] = [];
  for (const i of ins)
    i.docs.allocDocs.forEach((doc, j) => {
      const local = lowerBound(i.docs.docs, doc);
      if ((i.map[local] ?? -1) >= 0) alloc.push({ doc, id: i.docs.allocIds[j] ?? '' });
    });
  alloc.sort((a, b) => a.doc - b.doc);
  const docsRecord: DocsRecord = {
    docs: out,
    allocDocs: Uint32Array.from(alloc, (a) => a.doc),
    allocIds: alloc.map((a) => a.id),
  };
  w.put(key.docs(outId), docsRecord, out.length * 4);
  const titles = mergeTitles(
    await Promise.all(ins.map(async (i) => ({ table: await snap.titleTable(i.seg), dead: new Set(i.del.globals) }))),
  );
  w.put(key.titles(outId), titles, titles.h1.length * 12 + titles.parts.length * 8);
  // Field lengths of deleted docs are not kept: scale the inputs' sums to the docs that survive.
  const kept = out.length;
  const all = inputs.reduce((n, s) => n + s.docs, 0) || 1;
  const lengthSums = new Array<number>(NF)
    .fill(0)
    .map((_, f) => Math.round((inputs.reduce((s, x) => s + (x.lengthSums[f] ?? 0), 0) * kept) / all));
  return w.finish(kept, lengthSums);
}
