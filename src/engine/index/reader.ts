/**
 * Reading the index: snapshots of the manifest, and the segment records a query needs, read in batches
 * and kept in a bounded cache. Pure: the records come from an `IndexSource` (IndexedDB in the extension,
 * a Map in tests and benches).
 *
 * Start-up reads the manifest and nothing else; every other record is read the first time a query needs
 * it. Segment records never change, so the cache never goes stale; a segment's deletions record is cached
 * under its `delGen`, and filtered to the snapshot's revision.
 */
import { isKeyword } from './analyze';
import { contains, FIRST_ALLOCATED, idOfDoc, lowerBound } from './docs';
import { MANIFEST_KEY, type Manifest, parseManifest, type SegmentEntry } from './manifest';
import {
  type DeletionsRecord,
  type DocsRecord,
  type HeadRecord,
  key,
  type PostingsRecord,
  type VocabRecord,
  vocabBlockOf,
} from './segment';
import type { TitleTable } from './title-keys';

/** Where index records are read from. */
export interface IndexSource {
  /** The records under `keys`, in order (undefined where there is none), read together. */
  get(keys: readonly string[]): Promise<unknown[]>;
}

export class IndexError extends Error {
  override name = 'IndexError';
}

/** Approximate bytes a record holds in memory, for the cache's budget. */
export function sizeOf(v: unknown, depth = 0): number {
  if (v === null || v === undefined) return 8;
  if (ArrayBuffer.isView(v)) return v.byteLength + 64;
  if (typeof v === 'string') return 24 + v.length * 2;
  if (typeof v !== 'object' || depth > 2) return 16;
  if (Array.isArray(v)) {
    if (v.length > 0 && typeof v[0] === 'string') return 24 + v.reduce((s: number, x: string) => s + 24 + x.length, 0);
    return v.reduce((s: number, x: unknown) => s + sizeOf(x, depth + 1), 24);
  }
  let s = 32;
  for (const x of Object.values(v)) s += sizeOf(x, depth + 1);
  return s;
}

/** Records by key, least recently used dropped past a byte budget. */
export class RecordCache {
  private readonly map = new Map<string, { v: unknown; bytes: number }>();
  private used = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly source: IndexSource,
    readonly budget: number,
  ) {}

  get bytes(): number {
    return this.used;
  }

  /** The records under `keys` (missing ones read in one batch). A record absent from the store is an error. */
  async ensure(keys: Iterable<string>): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    const missing: string[] = [];
    for (const k of keys) {
      if (out.has(k)) continue;
      const e = this.map.get(k);
      if (e) {
        this.hits++;
        this.map.delete(k);
        this.map.set(k, e);
        out.set(k, e.v);
      } else if (!missing.includes(k)) missing.push(k);
    }
    if (missing.length) {
      this.misses += missing.length;
      const values = await this.source.get(missing);
      missing.forEach((k, i) => {
        const v = values[i];
        if (v === undefined) throw new IndexError(`index: record ${k} is missing`);
        out.set(k, v);
        this.put(k, v);
      });
    }
    return out;
  }

  /** Reads records without caching them (mutable ones, such as deletions). */
  async readUncached(keys: readonly string[]): Promise<unknown[]> {
    return this.source.get(keys);
  }

  peek(k: string): unknown {
    return this.map.get(k)?.v;
  }

  put(k: string, v: unknown, bytes = sizeOf(v)): void {
    const old = this.map.get(k);
    if (old) {
      this.used -= old.bytes;
      this.map.delete(k);
    }
    this.map.set(k, { v, bytes });
    this.used += bytes;
    for (const [k0, e] of this.map) {
      if (this.used <= this.budget || k0 === k) break;
      this.map.delete(k0);
      this.used -= e.bytes;
    }
  }

  /** Drops every record of the given segments (merged away). */
  dropSegments(ids: ReadonlySet<number>): void {
    for (const [k, e] of this.map) {
      const m = /^s(\d+):/.exec(k);
      if (m && ids.has(Number(m[1]))) {
        this.map.delete(k);
        this.used -= e.bytes;
      }
    }
  }

  clear(): void {
    this.map.clear();
    this.used = 0;
  }
}

/** Where a term's postings are in one segment. */
export interface TermInfo {
  readonly seg: SegmentEntry;
  readonly df: number;
  readonly block: number;
  readonly at: number;
  readonly len: number;
  readonly full: number;
  readonly restMax: number;
}

/** A term's postings in one segment: local docs ascending, impacts parallel; `complete` unless a top tier. */
export interface Postings {
  readonly seg: SegmentEntry;
  readonly docs: Uint32Array;
  readonly imps: Uint8Array;
  readonly complete: boolean;
  /** Upper bound of impacts missing from an incomplete list. */
  readonly restMax: number;
  readonly df: number;
}

/** A segment's deletions as of a snapshot: a bitmap over local docs, and the global docs. */
export interface Deleted {
  readonly count: number;
  readonly locals: Uint8Array | undefined;
  readonly globals: Uint32Array;
}

const NONE: Deleted = { count: 0, locals: undefined, globals: new Uint32Array(0) };

export interface ReaderOptions {
  /** Bytes of records kept in memory. Default 48 MB. */
  readonly cacheBytes?: number;
}

/** The index as one consistent snapshot. Cheap to make; methods read what they need. */
export class Snapshot {
  private readonly deletionMemo = new Map<number, Deleted>();

  constructor(
    readonly manifest: Manifest,
    private readonly cache: RecordCache,
  ) {}

  get revision(): number {
    return this.manifest.revision;
  }

  get segments(): readonly SegmentEntry[] {
    return this.manifest.segments;
  }

  /** Live papers in the index. */
  get size(): number {
    return this.manifest.liveDocs;
  }

  segment(id: number): SegmentEntry {
    const s = this.segments.find((x) => x.id === id);
    if (!s) throw new IndexError(`index: no segment ${id} in revision ${this.revision}`);
    return s;
  }

  /** Records by key, not kept in the cache (a merge reads each once). */
  readUncached(keys: readonly string[]): Promise<unknown[]> {
    return this.cache.readUncached(keys);
  }

  /** Records by key (cached). */
  records(keys: Iterable<string>): Promise<Map<string, unknown>> {
    return this.cache.ensure(keys);
  }

  /** Where each term is, per segment (segments without it are left out). */
  async lookup(terms: readonly string[]): Promise<Map<string, TermInfo[]>> {
    const wanted: { term: string; seg: SegmentEntry; k: string }[] = [];
    for (const seg of this.segments)
      for (const term of terms) {
        const b = vocabBlockOf(seg.firsts, term);
        if (b >= 0) wanted.push({ term, seg, k: key.vocab(seg.id, b) });
      }
    const records = await this.cache.ensure(wanted.map((w) => w.k));
    const out = new Map<string, TermInfo[]>();
    for (const term of terms) out.set(term, []);
    for (const { term, seg, k } of wanted) {
      const v = records.get(k) as VocabRecord;
      const i = findTerm(v.terms, term);
      if (i < 0) continue;
      out.get(term)?.push({
        seg,
        df: v.df[i] ?? 0,
        block: v.block[i] ?? 0,
        at: v.at[i] ?? 0,
        len: v.len[i] ?? 0,
        full: v.full[i] ?? -1,
        restMax: v.restMax[i] ?? 0,
      });
    }
    return out;
  }

  /** Document frequencies (deleted docs included until their segment is merged). */
  async df(terms: readonly string[]): Promise<Map<string, number>> {
    const infos = await this.lookup(terms);
    const out = new Map<string, number>();
    for (const [t, list] of infos)
      out.set(
        t,
        list.reduce((s, x) => s + x.df, 0),
      );
    return out;
  }

  /**
   * Postings of looked-up terms. `whole`: read whole lists of big terms (their own records); otherwise a
   * big term gives its top tier. Deleted docs are still in the lists: filter with `deletions`.
   */
  async postings(infos: readonly TermInfo[], whole: boolean | ((t: TermInfo) => boolean)): Promise<Postings[]> {
    const wantWhole = (t: TermInfo) => t.full >= 0 && (typeof whole === 'function' ? whole(t) : whole);
    const keys = infos.map((t) => (wantWhole(t) ? key.full(t.seg.id, t.full) : key.postings(t.seg.id, t.block)));
    const records = await this.cache.ensure(keys);
    return infos.map((t, i) => {
      const r = records.get(keys[i] ?? '') as PostingsRecord;
      if (wantWhole(t)) return { seg: t.seg, docs: r.docs, imps: r.imps, complete: true, restMax: 0, df: t.df };
      return {
        seg: t.seg,
        docs: r.docs.subarray(t.at, t.at + t.len),
        imps: r.imps.subarray(t.at, t.at + t.len),
        complete: t.full < 0,
        restMax: t.restMax,
        df: t.df,
      };
    });
  }

  /** The segment's deletions visible at this snapshot. */
  async deletions(seg: SegmentEntry): Promise<Deleted> {
    if (seg.deleted === 0) return NONE;
    const memo = this.deletionMemo.get(seg.id);
    if (memo) return memo;
    const k = `${key.deletions(seg.id)}@${seg.delGen}`;
    let rec = this.cache.peek(k) as DeletionsRecord | undefined;
    if (!rec) {
      [rec] = (await this.cache.readUncached([key.deletions(seg.id)])) as [DeletionsRecord | undefined];
      if (!rec) throw new IndexError(`index: deletions of segment ${seg.id} are missing`);
      this.cache.put(k, rec);
    }
    let count = 0;
    const locals = new Uint8Array(seg.docs);
    const globals: number[] = [];
    for (let i = 0; i < rec.docs.length; i++) {
      if ((rec.revs[i] ?? 0) > this.revision) continue;
      locals[rec.locals[i] ?? 0] = 1;
      globals.push(rec.docs[i] ?? 0);
      count++;
    }
    const out: Deleted = { count, locals: count ? locals : undefined, globals: Uint32Array.from(globals) };
    this.deletionMemo.set(seg.id, out);
    return out;
  }

  async docs(seg: SegmentEntry): Promise<DocsRecord> {
    return (await this.cache.ensure([key.docs(seg.id)])).get(key.docs(seg.id)) as DocsRecord;
  }

  async titleTable(seg: SegmentEntry): Promise<TitleTable> {
    return (await this.cache.ensure([key.titles(seg.id)])).get(key.titles(seg.id)) as TitleTable;
  }

  async heads(): Promise<{ seg: SegmentEntry; head: HeadRecord }[]> {
    const records = await this.cache.ensure(this.segments.map((s) => key.head(s.id)));
    return this.segments.map((seg) => ({ seg, head: records.get(key.head(seg.id)) as HeadRecord }));
  }

  /** The id of local doc `local` of `seg`. */
  idAt(docs: DocsRecord, local: number): string | undefined {
    const doc = docs.docs[local];
    return doc === undefined ? undefined : idOf(docs, doc);
  }

  /** Whether the global doc is in the index and not deleted (at this snapshot). */
  async holds(doc: number): Promise<boolean> {
    for (const seg of this.segments) {
      const d = await this.docs(seg);
      if (!contains(d.docs, doc)) continue;
      const del = await this.deletions(seg);
      if (!contains(del.globals, doc)) return true;
    }
    return false;
  }

  /** Live global docs of a keyword (author, category, topic, year, source, import), ascending. */
  async keywordDocs(keyword: string): Promise<number[]> {
    if (!isKeyword(keyword)) throw new IndexError(`index: ${keyword} is not a keyword`);
    return (await keywordDocsOf(this, [keyword])).get(keyword) ?? [];
  }
}

/** The id of a global doc, given the docs record of the segment holding it. */
export function idOf(docs: DocsRecord, doc: number): string | undefined {
  if (doc < FIRST_ALLOCATED) return idOfDoc(doc);
  const i = lowerBound(docs.allocDocs, doc);
  return docs.allocDocs[i] === doc ? docs.allocIds[i] : undefined;
}

/** Index of `term` in sorted `terms`, or -1. */
export function findTerm(terms: readonly string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] ?? '') < term) lo = mid + 1;
    else hi = mid;
  }
  return terms[lo] === term ? lo : -1;
}

/** The reader a process keeps: a cache, and snapshots of the latest manifest. */
export class IndexReader {
  readonly cache: RecordCache;
  private current: Manifest | undefined;

  constructor(
    private readonly source: IndexSource,
    options: ReaderOptions = {},
  ) {
    this.cache = new RecordCache(source, options.cacheBytes ?? 48 * 1024 * 1024);
  }

  /** A snapshot of the index as stored now (reads the manifest). */
  async snapshot(): Promise<Snapshot> {
    const [raw] = await this.source.get([MANIFEST_KEY]);
    const parsed = parseManifest(raw);
    if (!parsed.ok) throw new IndexError(parsed.error);
    const m = parsed.value;
    if (this.current && this.current.epoch !== m.epoch) this.cache.clear();
    else if (this.current && this.current.revision !== m.revision) {
      const live = new Set(m.segments.map((s) => s.id));
      const gone = new Set(this.current.segments.filter((s) => !live.has(s.id)).map((s) => s.id));
      if (gone.size) this.cache.dropSegments(gone);
    }
    this.current = m;
    return new Snapshot(m, this.cache);
  }
}

/** Live global docs of many keywords at once (one batch of reads), ascending per keyword. */
export async function keywordDocsOf(snap: Snapshot, keywords: readonly string[]): Promise<Map<string, number[]>> {
  const infos = await snap.lookup(keywords);
  const flat = keywords.flatMap((k) => (infos.get(k) ?? []).map((info) => ({ k, info })));
  const lists = await snap.postings(
    flat.map((f) => f.info),
    true,
  );
  const out = new Map<string, number[]>(keywords.map((k) => [k, []]));
  for (const [i, p] of lists.entries()) {
    const [docs, del] = await Promise.all([snap.docs(p.seg), snap.deletions(p.seg)]);
    const list = out.get(flat[i]?.k ?? '');
    for (const local of p.docs) if (del.locals?.[local] !== 1) list?.push(docs.docs[local] ?? 0);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}
