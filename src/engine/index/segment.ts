/**
 * Segments: the immutable pieces the index is made of, and how one is built. Pure.
 *
 * Every write of papers (an import batch, a learned page, a restore) adds one segment holding just those
 * papers, in the same IndexedDB transaction as the papers themselves; merges combine small segments into
 * larger ones when the background is idle (merge.ts). A segment is a handful of records in the `index`
 * store, each read only when a query needs it:
 *
 * | key | record | what |
 * | --- | --- | --- |
 * | `s<id>:d` | `DocsRecord` | the segment's doc numbers, ascending (a doc's *local* number is its position) |
 * | `s<id>:v<b>` | `VocabRecord` | vocabulary block b: 512 sorted terms with their document frequency and where their postings are |
 * | `s<id>:p<b>` | `PostingsRecord` | postings block b: local doc numbers and impact bytes of many terms, ~16k postings |
 * | `s<id>:f<n>` | `PostingsRecord` | the whole postings list of a term in more than `BIG` docs |
 * | `s<id>:h` | `HeadRecord` | the `HEAD` most frequent words, sorted: prefix completion and typo tolerance read this |
 * | `s<id>:t` | `TitleTable` | title keys (title-keys.ts), with global doc numbers |
 * | `s<id>:x` | `DeletionsRecord` | docs deleted since the segment was written (the only mutable record) |
 *
 * A term in more than `BIG` docs keeps only its `topSize` highest-impact postings in its block (its top tier),
 * with the highest impact left out (`restMax`, an upper bound for the others); the whole list is its own
 * record. So a query reads a bounded amount per term, and the whole list only when it must.
 * Postings are sorted by local doc; an impact is a paper's BM25F score for the term, quantised (analyze.ts);
 * keywords carry impact 0.
 */
import { type AnalyzedDoc, impactOf, isKeyword, NF } from './analyze';
import { FIRST_ALLOCATED } from './docs';
import { type TitleTable, titleTable } from './title-keys';

export const SEGMENT_FORMAT = 1;
/** Terms per vocabulary block. */
export const VOCAB_BLOCK = 512;
/** Postings per postings block (a block may hold one more list that starts below it). */
export const POSTINGS_BLOCK = 16_384;
/** A term in more docs than this has a top tier and a whole-list record. */
export const BIG = 4096;
/**
 * Postings in a big term's top tier: an eighth of its list, at least 2,048 and at most 65,536. A query
 * over a million papers scores a few top tiers (its candidates) instead of lists of half a million.
 */
export const topSize = (df: number): number => Math.min(65_536, Math.max(2048, Math.ceil(df / 8)));
/**
 * Words in a segment's head record. A typed prefix completes to the most frequent words that start with
 * it, and a misspelt word is corrected to a frequent word: both scan the head, not the whole vocabulary
 * (half a million words at a million real papers). On a corpus of up to some 20,000 real papers the head
 * is the whole vocabulary; above, a word outside it is rare (in a few dozen papers at most).
 */
export const HEAD = 32_768;

export interface SegmentMeta {
  readonly id: number;
  readonly format: number;
  readonly docs: number;
  /** The first term of each vocabulary block. */
  readonly firsts: readonly string[];
  readonly postingsBlocks: number;
  readonly fulls: number;
  /** Sum of each field's length over the segment's docs (for the corpus's averages). */
  readonly lengthSums: readonly number[];
  /** Approximate stored bytes, for the merge policy and the footprint report. */
  readonly bytes: number;
  /** Whether the head record holds every word; if not, the lowest document frequency it holds. */
  readonly headComplete: boolean;
  readonly headMinDf: number;
}

export interface HeadRecord {
  /** Words (no keywords), ascending, with their document frequency in the segment. */
  readonly terms: readonly string[];
  readonly df: Uint32Array;
}

export interface DocsRecord {
  /** Global doc numbers, ascending. */
  readonly docs: Uint32Array;
  /** The ids of allocated numbers (docs.ts), ascending by number. */
  readonly allocDocs: Uint32Array;
  readonly allocIds: readonly string[];
}

export interface VocabRecord {
  readonly terms: readonly string[];
  readonly df: Uint32Array;
  /** Postings block, first entry and length of each term's (top-tier) postings. */
  readonly block: Uint32Array;
  readonly at: Uint32Array;
  readonly len: Uint32Array;
  /** The whole-list record of a big term, or -1. */
  readonly full: Int32Array;
  /** A big term's highest impact outside its top tier (0 otherwise). */
  readonly restMax: Uint8Array;
}

export interface PostingsRecord {
  readonly docs: Uint32Array;
  readonly imps: Uint8Array;
}

export interface DeletionsRecord {
  /** Global doc numbers, ascending, each with its local number and the index revision that deleted it. */
  readonly docs: Uint32Array;
  readonly locals: Uint32Array;
  readonly revs: Uint32Array;
}

export const key = {
  docs: (s: number) => `s${s}:d`,
  vocab: (s: number, b: number) => `s${s}:v${b}`,
  postings: (s: number, b: number) => `s${s}:p${b}`,
  full: (s: number, n: number) => `s${s}:f${n}`,
  titles: (s: number) => `s${s}:t`,
  head: (s: number) => `s${s}:h`,
  deletions: (s: number) => `s${s}:x`,
};

/** The segment a record key belongs to (for garbage collection), or undefined for other keys. */
export function segmentOfKey(k: string): number | undefined {
  const m = /^s(\d+):/.exec(k);
  return m ? Number(m[1]) : undefined;
}

export interface BuiltSegment {
  readonly meta: SegmentMeta;
  readonly records: ReadonlyMap<string, unknown>;
}

/** A term's postings while a segment is written: local docs ascending, impacts parallel. */
export interface TermPostings {
  readonly term: string;
  readonly docs: Uint32Array;
  readonly imps: Uint8Array;
}

/**
 * Writes sorted term postings into vocabulary, postings and whole-list records. Shared by `buildSegment`
 * and the merge, so both lay segments out the same way.
 */
export class SegmentWriter {
  private readonly records = new Map<string, unknown>();
  private readonly firsts: string[] = [];
  private vocab = newVocab();
  private blockDocs = new Uint32Array(POSTINGS_BLOCK * 2);
  private blockImps = new Uint8Array(POSTINGS_BLOCK * 2);
  private blockLen = 0;
  private blocks = 0;
  private fulls = 0;
  private bytes = 0;
  private last = '';
  private readonly words: { term: string; df: number }[] = [];

  constructor(readonly id: number) {}

  /** Adds a term's postings; terms must come in ascending order. */
  add(p: TermPostings): void {
    if (p.docs.length === 0) return;
    if (this.vocab.terms.length > 0 && p.term <= this.last)
      throw new Error(`segment ${this.id}: term ${JSON.stringify(p.term)} out of order`);
    this.last = p.term;
    if (!isKeyword(p.term)) this.words.push({ term: p.term, df: p.docs.length });
    if (this.vocab.terms.length === VOCAB_BLOCK) this.closeVocab();
    let docs = p.docs;
    let imps = p.imps;
    let full = -1;
    let restMax = 0;
    if (p.docs.length > BIG) {
      full = this.fulls++;
      // Copies: a typed array stored in IndexedDB takes its whole buffer along, not just its view.
      this.put(
        key.full(this.id, full),
        { docs: p.docs.slice(), imps: p.imps.slice() } satisfies PostingsRecord,
        p.docs.length * 5,
      );
      ({ docs, imps, restMax } = topTier(p.docs, p.imps));
    }
    if (this.blockLen > 0 && this.blockLen + docs.length > POSTINGS_BLOCK) this.closeBlock();
    const v = this.vocab;
    v.terms.push(p.term);
    v.df.push(p.docs.length);
    v.block.push(this.blocks);
    v.at.push(this.blockLen);
    v.len.push(docs.length);
    v.full.push(full);
    v.restMax.push(restMax);
    if (this.blockLen + docs.length > this.blockDocs.length) {
      const size = Math.max(this.blockDocs.length * 2, this.blockLen + docs.length);
      const d = new Uint32Array(size);
      d.set(this.blockDocs.subarray(0, this.blockLen));
      this.blockDocs = d;
      const m = new Uint8Array(size);
      m.set(this.blockImps.subarray(0, this.blockLen));
      this.blockImps = m;
    }
    this.blockDocs.set(docs, this.blockLen);
    this.blockImps.set(imps, this.blockLen);
    this.blockLen += docs.length;
  }

  /** Puts a record that is not postings (docs, titles). */
  put(k: string, record: unknown, bytes: number): void {
    this.records.set(k, record);
    this.bytes += bytes;
  }

  /** Takes the records written so far (a merge writes a large segment in several transactions). */
  drain(): Map<string, unknown> {
    const out = new Map(this.records);
    this.records.clear();
    return out;
  }

  finish(docs: number, lengthSums: readonly number[]): BuiltSegment {
    if (this.vocab.terms.length > 0) this.closeVocab();
    if (this.blockLen > 0) this.closeBlock();
    const complete = this.words.length <= HEAD;
    const head = complete ? this.words : [...this.words].sort((a, b) => b.df - a.df).slice(0, HEAD);
    const headMinDf = complete ? 0 : (head[head.length - 1]?.df ?? 0);
    if (!complete) head.sort((a, b) => (a.term < b.term ? -1 : 1));
    const headRecord: HeadRecord = { terms: head.map((h) => h.term), df: Uint32Array.from(head, (h) => h.df) };
    this.put(key.head(this.id), headRecord, head.length * 24);
    const meta: SegmentMeta = {
      id: this.id,
      format: SEGMENT_FORMAT,
      docs,
      firsts: this.firsts,
      postingsBlocks: this.blocks,
      fulls: this.fulls,
      lengthSums,
      bytes: this.bytes,
      headComplete: complete,
      headMinDf,
    };
    return { meta, records: this.drain() };
  }

  private closeVocab(): void {
    const v = this.vocab;
    this.firsts.push(v.terms[0] ?? '');
    const record: VocabRecord = {
      terms: v.terms,
      df: Uint32Array.from(v.df),
      block: Uint32Array.from(v.block),
      at: Uint32Array.from(v.at),
      len: Uint32Array.from(v.len),
      full: Int32Array.from(v.full),
      restMax: Uint8Array.from(v.restMax),
    };
    this.put(
      key.vocab(this.id, this.firsts.length - 1),
      record,
      v.terms.reduce((s, t) => s + t.length * 2, 0) + v.terms.length * 21,
    );
    this.vocab = newVocab();
  }

  private closeBlock(): void {
    const record: PostingsRecord = {
      docs: this.blockDocs.slice(0, this.blockLen),
      imps: this.blockImps.slice(0, this.blockLen),
    };
    this.put(key.postings(this.id, this.blocks), record, this.blockLen * 5);
    this.blocks++;
    this.blockLen = 0;
  }
}

function newVocab() {
  return {
    terms: [] as string[],
    df: [] as number[],
    block: [] as number[],
    at: [] as number[],
    len: [] as number[],
    full: [] as number[],
    restMax: [] as number[],
  };
}

/** The `top` highest-impact postings (ties: lower doc first), in doc order, and the best impact left out. */
export function topTier(
  docs: Uint32Array,
  imps: Uint8Array,
  top = topSize(docs.length),
): { docs: Uint32Array; imps: Uint8Array; restMax: number } {
  // Counting sort by impact: find the impact threshold that keeps TOP postings.
  const count = new Uint32Array(256);
  for (let i = 0; i < imps.length; i++) count[imps[i] ?? 0] = (count[imps[i] ?? 0] ?? 0) + 1;
  let kept = 0;
  let threshold = 255;
  for (; threshold >= 0; threshold--) {
    if (kept + (count[threshold] ?? 0) >= top) break;
    kept += count[threshold] ?? 0;
  }
  // Everything above `threshold` is kept, and the first (TOP − kept) at `threshold`.
  let atThreshold = top - kept;
  const outDocs = new Uint32Array(top);
  const outImps = new Uint8Array(top);
  let n = 0;
  let restMax = 0;
  for (let i = 0; i < docs.length; i++) {
    const imp = imps[i] ?? 0;
    if (imp > threshold || (imp === threshold && atThreshold-- > 0)) {
      outDocs[n] = docs[i] ?? 0;
      outImps[n] = imp;
      n++;
    } else if (imp > restMax) restMax = imp;
  }
  return { docs: outDocs.subarray(0, n), imps: outImps.subarray(0, n), restMax };
}

/**
 * Builds a segment from analysed papers (one batch of a write). `avgLengths` are the corpus's average field
 * lengths with this batch counted, for the impacts.
 */
export function buildSegment(id: number, docs: readonly AnalyzedDoc[], avgLengths: readonly number[]): BuiltSegment {
  const sorted = [...docs].sort((a, b) => a.doc - b.doc);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]?.doc === sorted[i - 1]?.doc) throw new Error(`segment ${id}: doc ${sorted[i]?.doc} twice`);
  // Postings as three parallel growable arrays (term number, local doc, impact), then grouped by term
  // with a counting sort: no per-term objects, no per-posting allocation.
  const termOf = new Map<string, number>();
  const names: string[] = [];
  let cap = 1 << 16;
  let pTerm = new Int32Array(cap);
  let pDoc = new Uint32Array(cap);
  let pImp = new Uint8Array(cap);
  let n = 0;
  const push = (t: number, local: number, imp: number) => {
    if (n === cap) {
      cap *= 2;
      const t2 = new Int32Array(cap);
      t2.set(pTerm);
      pTerm = t2;
      const d2 = new Uint32Array(cap);
      d2.set(pDoc);
      pDoc = d2;
      const i2 = new Uint8Array(cap);
      i2.set(pImp);
      pImp = i2;
    }
    pTerm[n] = t;
    pDoc[n] = local;
    pImp[n] = imp;
    n++;
  };
  const number = (term: string) => {
    let t = termOf.get(term);
    if (t === undefined) {
      t = names.length;
      termOf.set(term, t);
      names.push(term);
    }
    return t;
  };
  const lengthSums = new Array<number>(NF).fill(0);
  sorted.forEach((d, local) => {
    for (let f = 0; f < NF; f++) lengthSums[f] = (lengthSums[f] ?? 0) + (d.lengths[f] ?? 0);
    for (let i = 0; i < d.terms.length; i++) push(number(d.terms[i] ?? ''), local, impactOf(d, i, avgLengths));
    // Keywords are distinct per paper (analyze.ts), and never a search term.
    for (const k of d.keywords) push(number(k), local, 0);
  });
  const counts = new Uint32Array(names.length + 1);
  for (let i = 0; i < n; i++) counts[(pTerm[i] ?? 0) + 1] = (counts[(pTerm[i] ?? 0) + 1] ?? 0) + 1;
  for (let t = 1; t <= names.length; t++) counts[t] = (counts[t] ?? 0) + (counts[t - 1] ?? 0);
  const at = counts.slice(0, names.length);
  const docsByTerm = new Uint32Array(n);
  const impsByTerm = new Uint8Array(n);
  // Postings were pushed in local-doc order, so each term's run comes out sorted by local doc.
  for (let i = 0; i < n; i++) {
    const t = pTerm[i] ?? 0;
    const to = at[t] ?? 0;
    docsByTerm[to] = pDoc[i] ?? 0;
    impsByTerm[to] = pImp[i] ?? 0;
    at[t] = to + 1;
  }
  const w = new SegmentWriter(id);
  const order = names.map((_, t) => t).sort((x, y) => ((names[x] ?? '') < (names[y] ?? '') ? -1 : 1));
  for (const t of order) {
    const from = counts[t] ?? 0;
    const to = counts[t + 1] ?? 0;
    w.add({ term: names[t] ?? '', docs: docsByTerm.subarray(from, to), imps: impsByTerm.subarray(from, to) });
  }
  const alloc = sorted.filter((d) => d.doc >= FIRST_ALLOCATED);
  const docsRecord: DocsRecord = {
    docs: Uint32Array.from(sorted, (d) => d.doc),
    allocDocs: Uint32Array.from(alloc, (d) => d.doc),
    allocIds: alloc.map((d) => d.id as string),
  };
  w.put(key.docs(id), docsRecord, sorted.length * 4 + alloc.length * 24);
  const titles: TitleTable = titleTable(sorted.map((d) => ({ doc: d.doc, keys: d.titleKeys })));
  w.put(key.titles(id), titles, titles.h1.length * 12 + titles.parts.length * 8);
  return w.finish(sorted.length, lengthSums);
}

/** Whether `term` may be in vocabulary block `b` of a segment whose blocks start with `firsts`. */
export function vocabBlockOf(firsts: readonly string[], term: string): number {
  // The last block whose first term is ≤ term.
  let lo = 0;
  let hi = firsts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((firsts[mid] ?? '') <= term) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
