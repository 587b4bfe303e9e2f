/**
 * Ranked full-text search over the corpus. Pure; runs in the background service worker and in Node.
 *
 * Our own inverted index (MiniSearch's design and BM25+ scoring, measured against it in the bench; see
 * README.md), built for per-keystroke search at 100k papers:
 * - postings live in three typed arrays (CSR: one range per term), so a query is tight loops over numbers
 *   into a score array, and the index is stored and loaded as typed arrays (structured clone, no JSON);
 * - a query runs in two phases per word: exact and, for the word being typed, prefix completions (capped
 *   to the most frequent); typo tolerance only for a word with neither, so the common case never scans the
 *   vocabulary;
 * - only the head of the ranking is sorted, highlighted and phrase-boosted.
 * Papers added after a build go to a small log that queries also read; it is merged into the arrays when it
 * grows or when the index is serialised. Removed papers are tombstoned until then.
 */
import { authorKey } from '../core/authors';
import type { Paper, PaperId } from '../core/paper';
import { err, ok, type Result } from '../core/paper';
import { highlight, type Segment, snippet } from './highlight';
import { mayContainWord, normaliseTitle, STOP_WORDS, terms, words } from './normalize';
import { categoryName, defaultTagger } from './topics';

export type SearchField = 'title' | 'authors' | 'abstract' | 'topics' | 'categories';

export interface SearchIndexOptions {
  /** Field weights. Defaults: title 3, authors 3, topics 1.5, categories 1, abstract 1. */
  readonly boosts?: Partial<Record<SearchField, number>>;
  /**
   * Typo tolerance as a fraction of word length (edit distance, rounded, at least 1; a swap of two letters
   * is one edit). Only a word that is no index term is looked up with typos, so "loss" never also finds
   * "less"; such a word of 3–4 letters gets one edit ("tsk", "mdal" are typed slips of task, modal; at
   * 5+ letters only they were forgiven, and short words are most of a title's slips). Words under 3 letters
   * and numbers match exactly. Default 0.25; 0–0.3 is sensible.
   */
  readonly fuzzy?: number;
  /** Multiplier when the query words appear as one phrase in the title (half of it for the abstract). Default 1.5. */
  readonly phraseBoost?: number;
  /** Topic labels indexed for a paper. Default: the bundled taxonomy's tags. */
  readonly topicsOf?: (p: Paper) => readonly string[];
}

export interface SearchFilter {
  readonly yearFrom?: number;
  readonly yearTo?: number;
  /** Any of these categories (codes, `cs.LG`; an archive such as `hep-th` or `cs` matches its subjects). */
  readonly categories?: readonly string[];
  /** Every one of these authors, by any name form ("D. Roberts" finds "Daniel A. Roberts"). */
  readonly authors?: readonly string[];
  /** Reading-list state, supplied by the caller: keep only saved papers, or only unsaved ones. */
  readonly saved?: { readonly has: (id: PaperId) => boolean; readonly want: boolean };
}

export interface SearchQueryOptions {
  readonly limit?: number;
  readonly filter?: SearchFilter;
  /** Prefix-match the last word (as the user types). Default true. */
  readonly prefix?: boolean;
  /** Gives full papers for abstract snippets and the abstract phrase boost. */
  readonly lookup?: (id: PaperId) => Paper | undefined;
}

export interface SearchHit {
  readonly id: PaperId;
  readonly score: number;
  readonly title: string;
  readonly year?: number;
  /** Index terms that matched (after prefix and typo expansion). */
  readonly terms: readonly string[];
  readonly highlights: {
    readonly title: readonly Segment[];
    readonly authors: readonly Segment[];
    readonly abstract?: readonly Segment[];
  };
}

/** What the index keeps of a paper (for filters, hits and related work). */
export interface StoredPaper {
  readonly id: PaperId;
  readonly title: string;
  readonly year: number;
  readonly categories: readonly string[];
  readonly authorKeys: readonly string[];
  readonly topics: readonly string[];
}

/**
 * Format 2: typed arrays, for IndexedDB's structured clone (not JSON). Format 1 was MiniSearch's JSON; it
 * is a cache of the corpus, so `load` rejects it with a reason and the caller rebuilds.
 */
export const SEARCH_INDEX_FORMAT = 2;
export interface SerialisedSearchIndex {
  readonly formatVersion: number;
  readonly options: {
    readonly boosts: Record<SearchField, number>;
    readonly fuzzy: number;
    readonly phraseBoost: number;
  };
  readonly terms: readonly string[];
  /** Term t's postings are entries[offsets[t] .. offsets[t + 1]). */
  readonly offsets: Uint32Array;
  /** doc << 3 | field, ascending by doc within a term. */
  readonly entries: Int32Array;
  readonly tfs: Uint8Array;
  readonly docs: {
    /** '' for a removed paper's slot. */
    readonly ids: readonly string[];
    readonly titles: readonly string[];
    readonly authors: readonly string[];
    readonly years: Uint16Array;
    /** Lists joined by U+001F. */
    readonly categories: readonly string[];
    readonly authorKeys: readonly string[];
    readonly topics: readonly string[];
    /** Terms per field, 5 per doc. */
    readonly lengths: Uint16Array;
  };
}

const DEFAULT_BOOSTS: Record<SearchField, number> = { title: 3, authors: 3, topics: 1.5, categories: 1, abstract: 1 };
const FIELDS: readonly SearchField[] = ['title', 'authors', 'abstract', 'topics', 'categories'];
const NF = FIELDS.length;
export const TITLE_FIELD = 0;
export const ABSTRACT_FIELD = 2;
const SEP = '\u001f';
// BM25+ as MiniSearch has it: k1, b, and the lower bound d for long fields.
const K1 = 1.2;
const B = 0.7;
const D = 0.5;
/** Typed prefixes complete to at most this many index terms, the most frequent ones. */
const PREFIX_CAP = 12;
/** A typed prefix shorter than this completes nothing ("a" would touch every paper). */
const MIN_PREFIX = 2;
const PREFIX_WEIGHT = 0.375;
const FUZZY_CAP = 16;
const FUZZY_WEIGHT = 0.45;
/**
 * A query word seen this often or less in the index may itself be a slip: real text is full of them
 * ("leaning" for learning, an acronym "CLAS" beside class), so a typed slip is often an index term of its
 * own, and an exact hit used to stop the typo look-up. Such a word is still looked up with typos, and a
 * spelling within reach counts if it is `LIKELIER` times as frequent (it is then the likelier intent; the
 * exact word keeps its full weight, so a real rare word still ranks its paper first).
 */
const RARE_TERM = 2;
const LIKELIER = 5;
/** Query words beyond this are ignored (the coordination mask is 32 bits). */
const MAX_QUERY_TERMS = 16;
/** Log entries past this are merged into the arrays before the next query. */
const LOG_LIMIT = 50_000;

interface Expansion {
  readonly term: number;
  readonly weight: number;
  /** Which query word it stands for. */
  readonly q: number;
}

/** A growable typed array. */
class Grow<T extends Int32Array | Uint8Array> {
  n = 0;
  constructor(
    public a: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = this.make(Math.max(1024, this.a.length * 2));
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
}

export class SearchIndex {
  private readonly boosts: Record<SearchField, number>;
  private readonly fieldBoost: Float64Array;
  private readonly fuzzy: number;
  private readonly phraseBoost: number;
  private readonly authorBoost = 2;
  /** Custom topic labels; by default the bundled tagger reads the terms already computed for indexing. */
  private readonly topicsOf: ((p: Paper) => readonly string[]) | undefined;

  // Vocabulary.
  private readonly termIds = new Map<string, number>();
  private readonly termList: string[] = [];
  private sorted: string[] | undefined;
  /** Per term, the set of its letters as bits (a–z, then digits and the rest folded); see `near`. */
  private letterSets: number[] = [];
  /** Per term: papers with it in each field (5 per term), and in title or abstract. */
  private fieldDf: number[] = [];
  private textDf: number[] = [];

  // Postings merged into arrays.
  private offsets: Uint32Array<ArrayBufferLike> = new Uint32Array(1);
  private entries: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private tfs: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  // Postings since the last merge, in doc order.
  private logCode = new Grow(new Int32Array(0), (n) => new Int32Array(n));
  private logDoc = new Grow(new Int32Array(0), (n) => new Int32Array(n));
  private logTf = new Grow(new Uint8Array(0), (n) => new Uint8Array(n));
  private logByTerm: Map<number, number[]> | undefined;

  // Papers, by internal doc number.
  private readonly docOf = new Map<string, number>();
  private ids: string[] = [];
  private titles: string[] = [];
  private authorText: string[] = [];
  private years: number[] = [];
  private cats: (readonly string[])[] = [];
  private akeys: (readonly string[])[] = [];
  private topicLabels: (readonly string[])[] = [];
  private lengths: number[] = [];
  private live = new Uint8Array(0);
  private liveCount = 0;
  private changes = 0;
  private dead = 0;
  private readonly totalLength = new Float64Array(NF);
  private readonly byAuthor = new Map<string, number[]>();

  constructor(options: SearchIndexOptions = {}) {
    this.boosts = { ...DEFAULT_BOOSTS, ...options.boosts };
    this.fieldBoost = Float64Array.from(FIELDS.map((f) => this.boosts[f]));
    this.fuzzy = options.fuzzy ?? 0.25;
    this.phraseBoost = options.phraseBoost ?? 1.5;
    this.topicsOf = options.topicsOf;
  }

  static build(papers: Iterable<Paper>, options: SearchIndexOptions = {}): SearchIndex {
    const idx = new SearchIndex(options);
    idx.addAll(papers);
    return idx;
  }

  get size(): number {
    return this.liveCount;
  }

  /** Changes with every add or remove (for caches of derived data). */
  get version(): number {
    return this.changes;
  }

  has(id: PaperId): boolean {
    return this.docOf.has(id);
  }

  /** Adds papers; a paper already indexed is replaced (its metadata may have grown). */
  addAll(papers: Iterable<Paper>): void {
    for (const p of papers) {
      this.remove(p.id);
      this.addOne(p);
    }
    if (this.logCode.n > LOG_LIMIT) this.merge();
  }

  add(paper: Paper): void {
    this.addAll([paper]);
  }

  remove(id: PaperId): boolean {
    const d = this.docOf.get(id);
    if (d === undefined) return false;
    this.docOf.delete(id);
    this.changes++;
    this.live[d] = 0;
    this.liveCount--;
    this.dead++;
    for (let f = 0; f < NF; f++) this.totalLength[f] = (this.totalLength[f] ?? 0) - (this.lengths[d * NF + f] ?? 0);
    const keys = this.akeys[d] ?? [];
    for (const k of keys) {
      const list = this.byAuthor.get(k);
      const at = list?.indexOf(d) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
    }
    return true;
  }

  /** The stored fields of an indexed paper. */
  stored(id: PaperId): StoredPaper | undefined {
    const d = this.docOf.get(id);
    return d === undefined ? undefined : this.storedAt(d);
  }

  search(query: string, options: SearchQueryOptions = {}): SearchHit[] {
    return this.run(query, options).hits;
  }

  /** `search`, with the number of papers that matched at all (after filters). */
  run(query: string, options: SearchQueryOptions = {}): { hits: SearchHit[]; total: number } {
    const qTerms = [...new Set(terms(query))].slice(0, MAX_QUERY_TERMS);
    const prefix = options.prefix ?? true;
    // The word being typed may be a stop word only so far: "neural no" is on its way to "node", "work" to
    // "workshop". It is dropped as a stop word, so it is put back as an optional word that only completes:
    // it scores the papers with a completion and costs the others nothing (it stays out of coordination).
    const tail = words(normaliseTitle(query)).at(-1) ?? '';
    const optional = prefix && STOP_WORDS.has(tail) && tail.length >= MIN_PREFIX && qTerms.length < MAX_QUERY_TERMS;
    if (optional) qTerms.push(tail);
    if (qTerms.length === 0) return { hits: [], total: 0 };
    if (this.logCode.n > LOG_LIMIT) this.merge();
    const limit = options.limit ?? 20;
    const expansions = this.expand(qTerms, prefix, optional);
    const n = this.ids.length;
    const score = new Float64Array(n);
    const mask = new Uint32Array(n);
    const touched: number[] = [];
    this.score(expansions, score, mask, touched);
    const filter = options.filter ? this.compileFilter(options.filter) : undefined;
    // A query that reads as a person's name ("Daniel Roberts", "D. A. Roberts") lifts that person's papers
    // above papers by other Daniels or about robustness.
    const person = /^\p{L}[\p{L}.'’-]*(?:[\s,]+\p{L}[\p{L}.'’-]*){1,3}$/u.test(query.trim())
      ? authorKey(query)
      : undefined;
    const kept: number[] = [];
    const optionalBit = 1 << (qTerms.length - 1);
    for (const d of touched) {
      if (filter && !filter(d)) continue;
      // Coordination: the share of query words the paper matched, squared, so partial matches sink.
      const m = mask[d] ?? 0;
      const asked = optional && (m & optionalBit) === 0 ? qTerms.length - 1 : qTerms.length;
      let s = (score[d] ?? 0) * (popcount(m) / asked) ** 2;
      if (person && (this.akeys[d] ?? []).includes(person)) s *= this.authorBoost;
      score[d] = s;
      kept.push(d);
    }
    // Only the head is sorted: the phrase boost (at most ×1.5) cannot lift a paper from further down.
    const head = topByScore(kept, score, Math.max(limit * 5, 100));
    const phrase = qTerms.length > 1 ? ` ${normaliseTitle(query)} ` : undefined;
    const scored = head.map((d) => ({ d, score: score[d] ?? 0 }));
    if (phrase) {
      // Normalising the head's titles and abstracts was most of a query's time (5 of 6 ms on the real
      // sample), so a text is normalised only if it may hold the phrase's longest word.
      const longest = phrase
        .trim()
        .split(' ')
        .reduce((a, b) => (b.length > a.length ? b : a), '');
      const holds = (text: string) =>
        (!/^[a-z0-9]+$/.test(longest) || mayContainWord(text, longest)) && ` ${normaliseTitle(text)} `.includes(phrase);
      for (const s of scored) if (holds(this.titles[s.d] ?? '')) s.score *= this.phraseBoost;
      // The abstract phrase boost needs the full paper from the caller.
      if (options.lookup)
        for (const s of scored) {
          const abs = options.lookup(this.ids[s.d] as PaperId)?.abstract;
          if (abs && holds(abs)) s.score *= 1 + (this.phraseBoost - 1) / 2;
        }
    }
    scored.sort((a, b) => b.score - a.score || a.d - b.d);
    const hits = scored.slice(0, limit).map(({ d, score: s }) => this.toHit(d, s, expansions, options.lookup));
    return { hits, total: kept.length };
  }

  /**
   * BM25+ of every expansion into `score`, with the query words matched as bits of `mask`. The hot loop of
   * a query: plain loops over the arrays, per-field constants hoisted.
   */
  private score(expansions: readonly Expansion[], score: Float64Array, mask: Uint32Array, touched: number[]): void {
    const n = Math.max(1, this.liveCount);
    const norm = new Float64Array(NF);
    for (let f = 0; f < NF; f++) norm[f] = (K1 * B) / ((this.totalLength[f] ?? 0) / n || 1);
    const lengths = this.lengths;
    const live = this.live;
    const entries = this.entries;
    const tfs = this.tfs;
    const idfBoost = new Float64Array(NF);
    for (const e of expansions) {
      for (let f = 0; f < NF; f++) {
        const df = this.fieldDf[e.term * NF + f] ?? 0;
        idfBoost[f] = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (this.fieldBoost[f] ?? 1) * e.weight;
      }
      const bit = 1 << e.q;
      const add = (doc: number, field: number, tf: number): void => {
        if (live[doc] === 0) return;
        const len = lengths[doc * NF + field] ?? 1;
        const s = (idfBoost[field] ?? 0) * (D + (tf * (K1 + 1)) / (tf + K1 * (1 - B) + (norm[field] ?? 0) * len));
        const m = mask[doc] ?? 0;
        if (m === 0) touched.push(doc);
        score[doc] = (score[doc] ?? 0) + s;
        mask[doc] = m | bit;
      };
      if (e.term + 1 < this.offsets.length) {
        // `add`, inlined: this loop runs once per posting of every expansion (100k for a common word).
        const end = this.offsets[e.term + 1] ?? 0;
        for (let i = this.offsets[e.term] ?? 0; i < end; i++) {
          const c = entries[i] ?? 0;
          const doc = c >>> 3;
          if (live[doc] === 0) continue;
          const field = c & 7;
          const tf = tfs[i] ?? 1;
          const s =
            (idfBoost[field] ?? 0) *
            (D + (tf * (K1 + 1)) / (tf + K1 * (1 - B) + (norm[field] ?? 0) * (lengths[doc * NF + field] ?? 1)));
          const m = mask[doc] ?? 0;
          if (m === 0) touched.push(doc);
          score[doc] = (score[doc] ?? 0) + s;
          mask[doc] = m | bit;
        }
      }
      if (this.logCode.n > 0)
        for (const i of this.logIndex().get(e.term) ?? [])
          add(this.logDoc.a[i] ?? 0, (this.logCode.a[i] ?? 0) & 7, this.logTf.a[i] ?? 1);
    }
  }

  /**
   * Papers sharing the given terms (title or abstract) or authors, best first by Σ weight of shared terms
   * (+ `authorWeight` per shared author): the candidate set for related work, from the same postings.
   */
  candidates(
    weighted: ReadonlyMap<string, number>,
    authorKeys: readonly string[],
    limit: number,
    authorWeight = 1,
  ): { id: PaperId; score: number }[] {
    if (this.logCode.n > LOG_LIMIT) this.merge();
    const n = this.ids.length;
    const score = new Float64Array(n);
    const seen = new Uint8Array(n);
    const touched: number[] = [];
    for (const [t, w] of weighted) {
      const term = this.termIds.get(t);
      if (term === undefined) continue;
      let last = -1;
      this.forEachPosting(term, (doc, field) => {
        if (doc === last || (field !== TITLE_FIELD && field !== ABSTRACT_FIELD) || this.live[doc] === 0) return;
        last = doc;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
        score[doc] = (score[doc] ?? 0) + w;
      });
    }
    for (const k of new Set(authorKeys))
      for (const doc of this.byAuthor.get(k) ?? []) {
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
        score[doc] = (score[doc] ?? 0) + authorWeight;
      }
    return topByScore(touched, score, limit).map((d) => ({ id: this.ids[d] as PaperId, score: score[d] ?? 0 }));
  }

  /** Papers with the term in their title or abstract (0 for an unknown term). */
  docFreq(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : (this.textDf[t] ?? 0);
  }

  /** Structured-clonable form (IndexedDB stores it as is). Merges pending changes first. */
  serialise(): SerialisedSearchIndex {
    this.merge();
    const n = this.ids.length;
    const lengths = new Uint16Array(n * NF);
    for (let i = 0; i < lengths.length; i++) lengths[i] = Math.min(65535, this.lengths[i] ?? 0);
    const live = (d: number) => this.live[d] === 1;
    return {
      formatVersion: SEARCH_INDEX_FORMAT,
      options: { boosts: this.boosts, fuzzy: this.fuzzy, phraseBoost: this.phraseBoost },
      terms: this.termList,
      offsets: this.offsets,
      entries: this.entries,
      tfs: this.tfs,
      docs: {
        ids: this.ids.map((id, d) => (live(d) ? id : '')),
        titles: this.titles,
        authors: this.authorText,
        years: Uint16Array.from(this.years),
        categories: this.cats.map((c) => c.join(SEP)),
        authorKeys: this.akeys.map((c) => c.join(SEP)),
        topics: this.topicLabels.map((c) => c.join(SEP)),
        lengths,
      },
    };
  }

  /**
   * Loads `serialise()` output. An older or unknown format, or arrays that do not fit together, are
   * rejected with a reason; the caller rebuilds from the corpus.
   */
  static load(data: unknown, options: Pick<SearchIndexOptions, 'topicsOf'> = {}): Result<SearchIndex> {
    if (typeof data !== 'object' || data === null) return err('search index: not an object');
    const s = data as Partial<SerialisedSearchIndex>;
    if (s.formatVersion !== SEARCH_INDEX_FORMAT)
      return err(
        `search index: format ${String(s.formatVersion)} is not supported (expected ${SEARCH_INDEX_FORMAT}); rebuild it`,
      );
    const d = s.docs;
    if (
      !s.options ||
      !Array.isArray(s.terms) ||
      !(s.offsets instanceof Uint32Array) ||
      !(s.entries instanceof Int32Array) ||
      !(s.tfs instanceof Uint8Array) ||
      !d ||
      !Array.isArray(d.ids) ||
      !(d.years instanceof Uint16Array) ||
      !(d.lengths instanceof Uint16Array)
    )
      return err('search index: missing or mistyped arrays');
    const n = d.ids.length;
    if (
      s.offsets.length !== s.terms.length + 1 ||
      s.entries.length !== s.tfs.length ||
      s.offsets[s.terms.length] !== s.entries.length ||
      [d.titles, d.authors, d.categories, d.authorKeys, d.topics].some((a) => !Array.isArray(a) || a.length !== n) ||
      d.years.length !== n ||
      d.lengths.length !== n * NF
    )
      return err('search index: arrays of different lengths');
    const idx = new SearchIndex({ ...s.options, ...options });
    s.terms.forEach((t, i) => {
      idx.termIds.set(t, i);
      idx.termList.push(t);
      idx.letterSets.push(letterSet(t));
    });
    idx.offsets = s.offsets;
    idx.entries = s.entries;
    idx.tfs = s.tfs;
    idx.ids = [...d.ids];
    idx.titles = [...d.titles];
    idx.authorText = [...d.authors];
    idx.years = Array.from(d.years);
    const split = (x: string) => (x === '' ? [] : x.split(SEP));
    idx.cats = d.categories.map(split);
    idx.akeys = d.authorKeys.map(split);
    idx.topicLabels = d.topics.map(split);
    idx.lengths = Array.from(d.lengths);
    idx.live = new Uint8Array(n);
    d.ids.forEach((id, i) => {
      if (id === '') return;
      idx.live[i] = 1;
      idx.liveCount++;
      idx.docOf.set(id, i);
      for (const k of new Set(idx.akeys[i] ?? [])) push(idx.byAuthor, k, i);
      for (let f = 0; f < NF; f++) idx.totalLength[f] = (idx.totalLength[f] ?? 0) + (idx.lengths[i * NF + f] ?? 0);
    });
    idx.dead = n - idx.liveCount;
    idx.countDf();
    return ok(idx);
  }

  private addOne(p: Paper): void {
    const d = this.ids.length;
    const cats = p.categories ?? (p.primaryCategory ? [p.primaryCategory] : []);
    const authors = p.authors.map((a) => a.name).join(', ');
    const titleTerms = terms(p.title);
    const abstractTerms = terms(p.abstract ?? '');
    const topics = this.topicsOf
      ? this.topicsOf(p)
      : defaultTagger()
          .tagTerms(titleTerms, abstractTerms)
          .map((t) => t.label);
    const fieldTerms = [
      titleTerms,
      terms(authors),
      abstractTerms,
      terms(topics.join(' · ')),
      terms(cats.map((c) => `${c} ${categoryName(c) ?? ''}`).join(' · ')),
    ];
    this.ids.push(p.id);
    this.docOf.set(p.id, d);
    this.changes++;
    this.titles.push(p.title);
    this.authorText.push(authors);
    this.years.push(Number((p.published ?? '').slice(0, 4)) || 0);
    this.cats.push(cats);
    const keys = p.authors.map((a) => a.key || authorKey(a.name));
    this.akeys.push(keys);
    this.topicLabels.push(topics);
    if (this.live.length <= d) {
      const grown = new Uint8Array(Math.max(1024, this.live.length * 2));
      grown.set(this.live);
      this.live = grown;
    }
    this.live[d] = 1;
    this.liveCount++;
    for (const k of new Set(keys)) push(this.byAuthor, k, d);
    const inText = new Set<number>();
    fieldTerms.forEach((ts, f) => {
      this.lengths.push(ts.length);
      this.totalLength[f] = (this.totalLength[f] ?? 0) + ts.length;
      const tf = new Map<string, number>();
      for (const x of ts) tf.set(x, (tf.get(x) ?? 0) + 1);
      const text = f === TITLE_FIELD || f === ABSTRACT_FIELD;
      for (const [x, c] of tf) {
        const term = this.termId(x);
        this.logCode.push((term << 3) | f);
        this.logDoc.push(d);
        this.logTf.push(Math.min(255, c));
        this.fieldDf[term * NF + f] = (this.fieldDf[term * NF + f] ?? 0) + 1;
        if (text && !inText.has(term)) {
          inText.add(term);
          this.textDf[term] = (this.textDf[term] ?? 0) + 1;
        }
      }
    });
    this.logByTerm = undefined;
  }

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.termList.length;
      this.termIds.set(t, id);
      this.termList.push(t);
      this.letterSets.push(letterSet(t));
      for (let f = 0; f < NF; f++) this.fieldDf.push(0);
      this.textDf.push(0);
      this.sorted = undefined;
    }
    return id;
  }

  private forEachPosting(term: number, f: (doc: number, field: number, tf: number) => void): void {
    if (term + 1 < this.offsets.length) {
      const end = this.offsets[term + 1] ?? 0;
      for (let i = this.offsets[term] ?? 0; i < end; i++) {
        const c = this.entries[i] ?? 0;
        f(c >>> 3, c & 7, this.tfs[i] ?? 1);
      }
    }
    if (this.logCode.n === 0) return;
    for (const i of this.logIndex().get(term) ?? [])
      f(this.logDoc.a[i] ?? 0, (this.logCode.a[i] ?? 0) & 7, this.logTf.a[i] ?? 1);
  }

  /** Log entries by term, built when first needed after an add. */
  private logIndex(): Map<number, number[]> {
    if (!this.logByTerm) {
      this.logByTerm = new Map();
      for (let i = 0; i < this.logCode.n; i++) push(this.logByTerm, (this.logCode.a[i] ?? 0) >>> 3, i);
    }
    return this.logByTerm;
  }

  /** Merges the log into the arrays and drops removed papers' postings. */
  private merge(): void {
    if (this.logCode.n === 0 && this.dead === 0) return;
    const nT = this.termList.length;
    const oldT = this.offsets.length - 1;
    const count = new Uint32Array(nT + 1);
    for (let t = 0; t < oldT; t++)
      for (let i = this.offsets[t] ?? 0; i < (this.offsets[t + 1] ?? 0); i++)
        if (this.live[(this.entries[i] ?? 0) >>> 3] === 1) count[t + 1] = (count[t + 1] ?? 0) + 1;
    const log = this.logCode;
    for (let i = 0; i < log.n; i++)
      if (this.live[this.logDoc.a[i] ?? 0] === 1) {
        const t = ((log.a[i] ?? 0) >>> 3) + 1;
        count[t] = (count[t] ?? 0) + 1;
      }
    for (let t = 1; t <= nT; t++) count[t] = (count[t] ?? 0) + (count[t - 1] ?? 0);
    const total = count[nT] ?? 0;
    const entries = new Int32Array(total);
    const tfs = new Uint8Array(total);
    const cursor = count.slice(0, nT);
    for (let t = 0; t < oldT; t++)
      for (let i = this.offsets[t] ?? 0; i < (this.offsets[t + 1] ?? 0); i++) {
        const c = this.entries[i] ?? 0;
        if (this.live[c >>> 3] !== 1) continue;
        const at = cursor[t] ?? 0;
        entries[at] = c;
        tfs[at] = this.tfs[i] ?? 1;
        cursor[t] = at + 1;
      }
    for (let i = 0; i < log.n; i++) {
      const doc = this.logDoc.a[i] ?? 0;
      if (this.live[doc] !== 1) continue;
      const code = log.a[i] ?? 0;
      const t = code >>> 3;
      const at = cursor[t] ?? 0;
      entries[at] = (doc << 3) | (code & 7);
      tfs[at] = this.logTf.a[i] ?? 1;
      cursor[t] = at + 1;
    }
    this.offsets = count;
    this.entries = entries;
    this.tfs = tfs;
    this.logCode = new Grow(new Int32Array(0), (k) => new Int32Array(k));
    this.logDoc = new Grow(new Int32Array(0), (k) => new Int32Array(k));
    this.logTf = new Grow(new Uint8Array(0), (k) => new Uint8Array(k));
    this.logByTerm = undefined;
    if (this.dead > 0) {
      // Removed papers' slots keep their number (postings refer to it) but not their text.
      for (let d = 0; d < this.ids.length; d++)
        if (this.live[d] !== 1 && this.titles[d] !== '') {
          this.titles[d] = '';
          this.authorText[d] = '';
          this.cats[d] = [];
          this.akeys[d] = [];
          this.topicLabels[d] = [];
        }
      this.dead = 0;
      this.countDf();
    }
  }

  /** Document frequencies from the arrays (after a load or a merge that dropped papers). */
  private countDf(): void {
    const nT = this.termList.length;
    this.fieldDf = new Array<number>(nT * NF).fill(0);
    this.textDf = new Array<number>(nT).fill(0);
    for (let t = 0; t < nT; t++) {
      let lastText = -1;
      for (let i = this.offsets[t] ?? 0; i < (this.offsets[t + 1] ?? 0); i++) {
        const c = this.entries[i] ?? 0;
        const f = c & 7;
        this.fieldDf[t * NF + f] = (this.fieldDf[t * NF + f] ?? 0) + 1;
        if ((f === TITLE_FIELD || f === ABSTRACT_FIELD) && c >>> 3 !== lastText) {
          lastText = c >>> 3;
          this.textDf[t] = (this.textDf[t] ?? 0) + 1;
        }
      }
    }
  }

  /**
   * Index terms standing for each query word: the word itself; for the word being typed, its most frequent
   * completions; and only for a word with neither (or seen at most `RARE_TERM` times), the terms within its
   * typo distance.
   */
  private expand(qTerms: readonly string[], prefix: boolean, optionalLast = false): Expansion[] {
    const out: Expansion[] = [];
    const last = prefix ? qTerms.length - 1 : -1;
    qTerms.forEach((t, q) => {
      if (optionalLast && q === last) {
        // A stop word being typed: completions only (stop words are no index terms, nor typos of one).
        for (const c of this.completions(t)) out.push({ term: c, weight: this.prefixWeight(t, c), q });
        return;
      }
      const exact = this.termIds.get(t);
      let found = 0;
      const exactDf = exact === undefined ? 0 : this.df(exact);
      if (exact !== undefined && exactDf > 0) {
        out.push({ term: exact, weight: 1, q });
        if (exactDf > RARE_TERM) found++;
      }
      if (q === last && t.length >= MIN_PREFIX) {
        const completions = this.completions(t).filter((x) => x !== exact);
        for (const c of completions) out.push({ term: c, weight: this.prefixWeight(t, c), q });
        found += completions.length;
      }
      if (found === 0 && t.length >= 3 && !/\d/.test(t) && this.fuzzy > 0) {
        const max = Math.max(1, Math.round(this.fuzzy * t.length));
        for (const { term, dist } of this.near(t, max))
          if (this.df(term) >= LIKELIER * exactDf)
            out.push({ term, weight: (FUZZY_WEIGHT * t.length) / (t.length + dist), q });
      }
    });
    return out;
  }

  /** A completion's weight: less the more letters it adds to what was typed. */
  private prefixWeight(typed: string, term: number): number {
    const len = this.termList[term]?.length ?? typed.length;
    return (PREFIX_WEIGHT * typed.length) / (typed.length + 0.3 * (len - typed.length));
  }

  /** Postings of a term over all fields (a paper with it in two fields counts twice). */
  private df(t: number): number {
    let s = 0;
    for (let f = 0; f < NF; f++) s += this.fieldDf[t * NF + f] ?? 0;
    return s;
  }

  private anyDf(t: number): boolean {
    for (let f = 0; f < NF; f++) if ((this.fieldDf[t * NF + f] ?? 0) > 0) return true;
    return false;
  }

  private sortedTerms(): string[] {
    this.sorted ??= [...this.termList].sort();
    return this.sorted;
  }

  private completions(p: string): number[] {
    const sorted = this.sortedTerms();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? '') < p) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < sorted.length && (sorted[i] ?? '').startsWith(p); i++) {
      const id = this.termIds.get(sorted[i] ?? '');
      if (id !== undefined && this.anyDf(id)) out.push(id);
    }
    if (out.length <= PREFIX_CAP) return out;
    const df = (t: number) => {
      let s = 0;
      for (let f = 0; f < NF; f++) s += this.fieldDf[t * NF + f] ?? 0;
      return s;
    };
    return out.sort((a, b) => df(b) - df(a)).slice(0, PREFIX_CAP);
  }

  /**
   * Index terms within `max` edits of `t`. A scan of the vocabulary, but most terms are rejected by length
   * or by their letter sets (one edit changes at most two letters of the set) before any edit distance.
   */
  private near(t: string, max: number): { term: number; dist: number }[] {
    const out: { term: number; dist: number }[] = [];
    const rows = new Int32Array(3 * (t.length + 1));
    const mine = letterSet(t);
    const list = this.termList;
    const sets = this.letterSets;
    for (let term = 0; term < list.length; term++) {
      const x = list[term] ?? '';
      if (Math.abs(x.length - t.length) > max || popcount(mine ^ (sets[term] ?? 0)) > 2 * max || x === t) continue;
      const dist = boundedEdit(t, x, max, rows);
      if (dist <= max && this.anyDf(term)) out.push({ term, dist });
    }
    // Only the nearest: "difusion" means "diffusion" (1 edit), not "fusion" (2), though both are in reach.
    const best = Math.min(...out.map((o) => o.dist));
    return out.filter((o) => o.dist === best).slice(0, FUZZY_CAP);
  }

  private storedAt(d: number): StoredPaper {
    return {
      id: this.ids[d] as PaperId,
      title: this.titles[d] ?? '',
      year: this.years[d] ?? 0,
      categories: this.cats[d] ?? [],
      authorKeys: this.akeys[d] ?? [],
      topics: this.topicLabels[d] ?? [],
    };
  }

  /** Whether doc `d` has index term `term` in any field (binary search in its sorted postings). */
  private holds(term: number, d: number): boolean {
    let lo = this.offsets[term] ?? 0;
    let hi = term + 1 < this.offsets.length ? (this.offsets[term + 1] ?? 0) : lo;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.entries[mid] ?? 0) >>> 3 < d) lo = mid + 1;
      else hi = mid;
    }
    if (lo < (this.offsets[term + 1] ?? 0) && (this.entries[lo] ?? 0) >>> 3 === d) return true;
    if (this.logCode.n > 0) for (const i of this.logIndex().get(term) ?? []) if (this.logDoc.a[i] === d) return true;
    return false;
  }

  private toHit(
    d: number,
    score: number,
    expansions: readonly Expansion[],
    lookup: SearchQueryOptions['lookup'],
  ): SearchHit {
    const matchedTerms = [
      ...new Set(expansions.filter((e) => this.holds(e.term, d)).map((e) => this.termList[e.term] ?? '')),
    ];
    const matched = new Set(matchedTerms);
    const id = this.ids[d] as PaperId;
    const title = this.titles[d] ?? '';
    const abs = lookup?.(id)?.abstract;
    const year = this.years[d] || undefined;
    const base = {
      id,
      score,
      title,
      terms: matchedTerms,
      highlights: {
        title: highlight(title, matched),
        authors: highlight(this.authorText[d] ?? '', matched),
        ...(abs ? { abstract: snippet(abs, matched) } : {}),
      },
    };
    return year === undefined ? base : { ...base, year };
  }

  private compileFilter(f: SearchFilter): (d: number) => boolean {
    const keys = f.authors?.map(authorKey);
    return (d) => {
      const year = this.years[d] ?? 0;
      if (f.yearFrom !== undefined && (year === 0 || year < f.yearFrom)) return false;
      if (f.yearTo !== undefined && (year === 0 || year > f.yearTo)) return false;
      if (f.categories && f.categories.length > 0) {
        const cats = this.cats[d] ?? [];
        const hit = cats.some((c) => f.categories?.some((want) => c === want || c.startsWith(`${want}.`)));
        if (!hit) return false;
      }
      const akeys = this.akeys[d] ?? [];
      if (keys && !keys.every((k) => akeys.includes(k))) return false;
      if (f.saved && f.saved.has(this.ids[d] as PaperId) !== f.saved.want) return false;
      return true;
    };
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The letters of a word as bits: a–z one each, digits and anything else folded onto the last bits. */
function letterSet(w: string): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + (c % 3) : 29 + (c % 3));
  }
  return m;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/**
 * The `k` docs with the highest score, best first (ties by doc number). A bounded min-heap: most of a
 * common word's 100k papers are rejected by one comparison with the heap's weakest.
 */
export function topByScore(docs: readonly number[], score: Float64Array, k: number): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  // "Weaker": lower score, or equal score and a later doc.
  const weaker = (a: number, b: number) => {
    const sa = score[a] ?? 0;
    const sb = score[b] ?? 0;
    return sa < sb || (sa === sb && a > b);
  };
  const down = (i0: number) => {
    let i = i0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && weaker(heap[l] ?? 0, heap[m] ?? 0)) m = l;
      if (r < heap.length && weaker(heap[r] ?? 0, heap[m] ?? 0)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] ?? 0, heap[i] ?? 0];
      i = m;
    }
  };
  for (const d of docs) {
    if (heap.length < k) {
      heap.push(d);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!weaker(heap[i] ?? 0, heap[p] ?? 0)) break;
        [heap[i], heap[p]] = [heap[p] ?? 0, heap[i] ?? 0];
        i = p;
      }
    } else if (weaker(heap[0] ?? 0, d)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0) || a - b);
}

/**
 * Edit distance of `a` and `b` counting a swap of two adjacent letters as one edit (optimal string
 * alignment), or `max + 1` as soon as it must exceed `max`. A swap is the commonest slip when typing fast
 * ("mdoel", "lareg"); as two Levenshtein edits it put a 5-letter word's slip out of reach. `rows` holds
 * three rows of `a.length + 1`.
 */
function boundedEdit(a: string, b: string, max: number, rows: Int32Array): number {
  const w = a.length + 1;
  // Rows i − 2, i − 1 and i of the table, rotating through `rows`.
  let r2 = 0;
  let r1 = w;
  let r0 = 2 * w;
  for (let j = 0; j < w; j++) rows[r1 + j] = j;
  for (let i = 1; i <= b.length; i++) {
    rows[r0] = i;
    let best = i;
    const cb = b.charCodeAt(i - 1);
    for (let j = 1; j < w; j++) {
      const ca = a.charCodeAt(j - 1);
      let v = Math.min(
        (rows[r1 + j] ?? 0) + 1,
        (rows[r0 + j - 1] ?? 0) + 1,
        (rows[r1 + j - 1] ?? 0) + (ca === cb ? 0 : 1),
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(i - 2) && a.charCodeAt(j - 2) === cb)
        v = Math.min(v, (rows[r2 + j - 2] ?? 0) + 1);
      rows[r0 + j] = v;
      if (v < best) best = v;
    }
    // A swap's cell is never below the previous row's minimum, so a row past `max` ends it.
    if (best > max) return max + 1;
    [r2, r1, r0] = [r1, r0, r2];
  }
  return rows[r1 + a.length] ?? max + 1;
}
