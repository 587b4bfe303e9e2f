/**
 * Related work: for a corpus paper, or a paper seen only on a page, the corpus papers most like it, each
 * with a score and a short reason. Pure.
 *
 * There is no whole-corpus model: the index already holds every paper's terms with their document
 * frequencies. A lookup takes the paper's strongest terms (TF-IDF, IDF from the index), asks the index for
 * the hundred papers sharing most of their weight or an author (`RelatedSource.candidates`), and rescores
 * only those with vectors built on the fly from their stored text. So nothing is built up front, and a
 * paper added to the index is at once relatable.
 *
 * Text similarity is TF-IDF cosine over uni- and bigrams (sublinear tf, stop words, document-frequency
 * cut-offs scaled to the corpus), the title counting twice. A bigram's document frequency is not indexed;
 * it is taken as its rarer word's (an upper bound, so its IDF is a lower bound). Shared authors and
 * categories and shared taxonomy topics add to it.
 */

import { authorKey } from '../core/authors';
import type { Paper, PaperId } from '../core/paper';
import { normaliseTitle, STOP_WORDS, stem, words } from './normalize';
import { defaultTagger, type Tag } from './topics';

export interface RelatedOptions {
  /** Terms in more than this share of papers are dropped ("learning", "neural"). Default 0.3. */
  readonly maxDfRatio?: number;
  /** Terms in fewer papers are dropped. Default 1 below 1,000 papers, else 2 (hapaxes cannot relate two papers). */
  readonly minDf?: number;
  /** Strongest terms kept per paper. Default 48. */
  readonly termsPerPaper?: number;
  /** Papers rescored per lookup: those sharing most of the paper's strongest terms or an author. Default 100. */
  readonly candidates?: number;
  /** Weights of the signals; text is cosine in [0, 1], the others overlaps in [0, 1]. */
  readonly weights?: Partial<{ text: number; authors: number; categories: number; topics: number }>;
  /** Topics of a paper seen on a page. Default: the bundled taxonomy. */
  readonly topicsOf?: (doc: DraftPaper) => readonly Tag[];
}

/** A corpus paper as related work reads it: with the topics found when it was indexed. */
export interface RelatedPaperRecord extends Paper {
  readonly topics?: readonly Tag[];
}

/** What related work needs of the corpus (an index snapshot: src/engine/index/related-source.ts). */
export interface RelatedSource {
  /** Papers in the corpus. */
  readonly size: number;
  /** Exact document frequencies (title or abstract). */
  df(terms: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /**
   * Document frequencies good enough for a candidate's vector: exact where cheap, else an estimate that
   * is right for frequent words and bounded for rare ones.
   */
  dfEstimate(terms: readonly string[], exact: ReadonlyMap<string, number>): Promise<ReadonlyMap<string, number>>;
  /**
   * Papers sharing the weighted terms or the authors, best first by Σ weight of shared terms
   * (+ `authorWeight` per shared author).
   */
  candidates(
    weighted: ReadonlyMap<string, number>,
    authorKeys: readonly string[],
    limit: number,
    authorWeight: number,
  ): Promise<{ id: PaperId; score: number }[]>;
  /** How many papers share at least `minShared` of the terms, or an author (the paper `exclude` not counted). */
  countSharing(
    terms: readonly string[],
    authorKeys: readonly string[],
    minShared: number,
    cap: number,
    exclude: PaperId | undefined,
  ): Promise<number>;
  papers(ids: readonly PaperId[]): Promise<readonly (RelatedPaperRecord | undefined)[]>;
}

/** What is known of a paper seen on a page. */
export interface DraftPaper {
  readonly title: string;
  readonly abstract?: string | undefined;
  readonly authors?: readonly string[];
  readonly categories?: readonly string[];
}

export interface RelatedItem {
  readonly id: PaperId;
  readonly score: number;
  /** e.g. `shared terms "scaling laws", "power law" · shared author Blake Bordelon · same topic Neural scaling laws`. */
  readonly reason: string;
  readonly sharedTerms: readonly string[];
  readonly sharedAuthors: readonly string[];
  readonly sharedTopics: readonly string[];
  readonly sharedCategories: readonly string[];
}

/** A pruned, unit-length TF-IDF vector; `surface` gives each term's first spelling in the text. */
interface Vec {
  readonly weights: Map<string, number>;
  readonly surface: Map<string, string>;
}

interface Meta {
  readonly authorKeys: readonly string[];
  readonly authorNames: readonly string[];
  readonly categories: readonly string[];
  /** Topic labels. */
  readonly topics: readonly string[];
}

const DEFAULT_WEIGHTS = { text: 0.75, authors: 0.12, categories: 0.03, topics: 0.1 };
/** Candidate vectors kept between lookups (a listing page asks for related work of neighbouring papers). */
const VECTOR_CACHE = 4000;
/** Unigrams of the paper's vector used to find candidates in the index. */
const SEED_TERMS = 16;
/** Distinctive words of a draft a cheap related count looks at, and how many a paper must share. */
const COUNT_TERMS = 8;
const COUNT_MIN_SHARED = 2;
/** Words in more papers than this (share of the corpus, at least the minimum) are too common to count on. */
const COUNT_RARE_RATIO = 0.01;
const COUNT_RARE_MIN = 50;
/** Seed terms in more than this share of papers (and over 1,000) are skipped when there are enough rarer ones. */
const SEED_MAX_DF = 0.05;

/** Uni- and bigram features of a text with their surface forms; bigrams do not span stop words. */
export function features(
  text: string,
  out: Map<string, number>,
  surface?: Map<string, string>,
  weight = 1,
  seq?: string[],
): void {
  const ws = words(normaliseTitle(text));
  let prev: string | undefined;
  let prevWord = '';
  for (const w of ws) {
    if (STOP_WORDS.has(w) || (w.length < 2 && !/\d/.test(w))) {
      prev = undefined;
      continue;
    }
    const s = stem(w);
    seq?.push(s);
    out.set(s, (out.get(s) ?? 0) + weight);
    if (surface && !surface.has(s)) surface.set(s, w);
    if (prev !== undefined) {
      const bi = `${prev} ${s}`;
      out.set(bi, (out.get(bi) ?? 0) + weight);
      if (surface && !surface.has(bi)) surface.set(bi, `${prevWord} ${w}`);
    }
    prev = s;
    prevWord = w;
  }
}

function draftOf(p: Paper): DraftPaper {
  return {
    title: p.title,
    abstract: p.abstract,
    authors: p.authors.map((a) => a.name),
    categories: p.categories ?? (p.primaryCategory ? [p.primaryCategory] : []),
  };
}

export class RelatedModel {
  private readonly weights: typeof DEFAULT_WEIGHTS;
  private readonly topicsOf: (doc: DraftPaper) => readonly Tag[];
  private readonly termsPerPaper: number;
  private readonly candidates: number;
  /** Candidate vectors, oldest first (a listing page asks for related work of neighbouring papers). */
  private readonly cache = new Map<PaperId, Vec>();

  /** Related work over a corpus source; cheap: builds nothing. One model per corpus revision. */
  constructor(
    private readonly source: RelatedSource,
    private readonly opts: RelatedOptions = {},
  ) {
    this.weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
    this.topicsOf = opts.topicsOf ?? ((d) => defaultTagger().tag(d));
    this.termsPerPaper = opts.termsPerPaper ?? 48;
    this.candidates = opts.candidates ?? 100;
  }

  get size(): number {
    return this.source.size;
  }

  /** Related corpus papers for a corpus paper (itself excluded). Unknown id: empty. */
  async related(id: PaperId, k = 8): Promise<RelatedItem[]> {
    const [p] = await this.source.papers([id]);
    if (!p) return [];
    return this.rank(await this.vectorise(draftOf(p)), metaOf(p, this.topicsOf), k, id);
  }

  /** Related corpus papers for a paper seen only on a page. A corpus paper with the same id is excluded. */
  async relatedToDraft(draft: DraftPaper, k = 8, exclude?: PaperId): Promise<RelatedItem[]> {
    const names = draft.authors ?? [];
    const meta: Meta = {
      authorKeys: names.map(authorKey),
      authorNames: names,
      categories: draft.categories ?? [],
      topics: this.topicsOf(draft).map((t) => t.label),
    };
    return this.rank(await this.vectorise(draft), meta, k, exclude);
  }

  /**
   * How many corpus papers are related to each draft, cheaply enough for a listing page: a paper counts
   * when it shares at least `COUNT_MIN_SHARED` of the draft's `COUNT_TERMS` most distinctive words (title
   * or abstract) or an author. No rescoring; a count over `cap` is answered as `cap + 1` ("cap+"). The
   * drafts share one document-frequency lookup. A corpus paper's own entry (by `id`) is not counted.
   */
  async relatedCounts(
    drafts: readonly (DraftPaper & { readonly id?: PaperId | undefined })[],
    cap = 99,
  ): Promise<number[]> {
    const feats = drafts.map((d) => featuresOf(d));
    const all = new Set<string>();
    for (const f of feats) for (const t of f.tf.keys()) if (!t.includes(' ')) all.add(t);
    const dfs = await this.source.df([...all]);
    // Words in many papers make everything related on a large corpus (and are slow to walk): rarer ones only.
    const rare = Math.max(COUNT_RARE_MIN, COUNT_RARE_RATIO * this.source.size);
    const out: number[] = [];
    for (const [i, d] of drafts.entries()) {
      const vec = this.weigh(feats[i] ?? featuresOf(d), dfs, false);
      const terms: string[] = [];
      for (const [t] of vec.weights) {
        if (t.includes(' ') || (dfs.get(t) ?? 0) > rare) continue;
        terms.push(t);
        if (terms.length === COUNT_TERMS) break;
      }
      const keys = (d.authors ?? []).map(authorKey);
      out.push(await this.source.countSharing(terms, keys, COUNT_MIN_SHARED, cap, d.id));
    }
    return out;
  }

  /** The paper's most distinctive terms, as tags: what the taxonomy may have missed. */
  async keyphrases(draft: DraftPaper, k = 5): Promise<Tag[]> {
    const v = await this.vectorise(draft);
    const out: Tag[] = [];
    const taken = new Set<string>();
    for (const [t, w] of [...v.weights].sort((a, b) => b[1] - a[1])) {
      // Prefer phrases: a unigram already inside a chosen bigram adds nothing.
      if (t.split(' ').every((x) => taken.has(x))) continue;
      for (const x of t.split(' ')) taken.add(x);
      out.push({
        kind: 'keyphrase',
        id: t,
        label: v.surface.get(t) ?? t,
        why: 'distinctive term for this paper (TF-IDF)',
        score: w,
      });
      if (out.length >= k) break;
    }
    return out;
  }

  /** Sublinear-tf × IDF over uni- and bigrams, IDF from the index, pruned to the strongest terms. */
  private async vectorise(d: DraftPaper): Promise<Vec> {
    const f = featuresOf(d, true);
    return this.weigh(f, await this.source.df(unigramsOf(f.tf)), true);
  }

  private weigh(f: Features, dfs: ReadonlyMap<string, number>, withSurface: boolean): Vec {
    const n = this.source.size;
    const maxDf = Math.max(2, (this.opts.maxDfRatio ?? 0.3) * n);
    const minDf = this.opts.minDf ?? (n < 1000 ? 1 : 2);
    const df = (t: string) => dfs.get(t) ?? 0;
    const entries: [string, number][] = [];
    for (const [t, c] of f.tf) {
      const space = t.indexOf(' ');
      const x = space < 0 ? df(t) : Math.min(df(t.slice(0, space)), df(t.slice(space + 1)));
      if (x < minDf || x > maxDf) continue;
      entries.push([t, (1 + Math.log(c)) * (Math.log((1 + n) / (1 + x)) + 1)]);
    }
    entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const kept = entries.slice(0, this.termsPerPaper);
    const norm = Math.sqrt(kept.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return { weights: new Map(kept.map(([t, w]) => [t, w / norm])), surface: withSurface ? f.surface : new Map() };
  }

  private async rank(vec: Vec, meta: Meta, k: number, self: PaperId | undefined): Promise<RelatedItem[]> {
    // Candidates: papers sharing the strongest unigrams. Terms in many papers are expensive to walk and
    // rarely decide the top few, so they seed only when the paper has few rarer ones.
    const unigrams = [...vec.weights].filter(([t]) => !t.includes(' '));
    const dfs = await this.source.df(unigrams.map(([t]) => t));
    const rare = unigrams.filter(([t]) => (dfs.get(t) ?? 0) <= Math.max(1000, SEED_MAX_DF * this.source.size));
    const seeds = new Map((rare.length >= 4 ? rare : unigrams).slice(0, SEED_TERMS));
    const pool = (await this.source.candidates(seeds, meta.authorKeys, this.candidates + 1, 0.5)).filter(
      (c) => c.id !== self,
    );
    const records = await this.source.papers(pool.map((c) => c.id));
    // Candidates' vectors need IDFs of all their words: one estimate for all of them, exact where the
    // asking paper has the word (those are the words that score).
    const fresh: { i: number; f: Features }[] = [];
    pool.forEach((c, i) => {
      const p = records[i];
      if (p && !this.cache.has(c.id)) fresh.push({ i, f: featuresOf(draftOf(p)) });
    });
    const exact = new Map<string, number>();
    for (const t of vec.weights.keys()) for (const w of t.split(' ')) exact.set(w, 0);
    const known = await this.source.df([...exact.keys()]);
    const need = new Set<string>();
    for (const { f } of fresh) for (const t of unigramsOf(f.tf)) need.add(t);
    const estimates = fresh.length ? await this.source.dfEstimate([...need], known) : known;
    for (const { i, f } of fresh) {
      const id = pool[i]?.id;
      if (!id) continue;
      if (this.cache.size >= VECTOR_CACHE) this.cache.delete(this.cache.keys().next().value as PaperId);
      this.cache.set(id, this.weigh(f, estimates, false));
    }
    const w = this.weights;
    const scored: { id: PaperId; score: number; other: Vec; m: Meta }[] = [];
    pool.forEach((c, i) => {
      const p = records[i];
      const other = this.cache.get(c.id);
      if (!p || !other) return;
      const m = metaOf(p, this.topicsOf);
      let text = 0;
      for (const [t, x] of vec.weights) text += x * (other.weights.get(t) ?? 0);
      const shared = overlap(meta.authorKeys, m.authorKeys);
      const authorSim = shared === 0 ? 0 : shared / Math.sqrt(meta.authorKeys.length * m.authorKeys.length);
      const score =
        w.text * text +
        w.authors * authorSim +
        w.categories * jaccard(meta.categories, m.categories) +
        w.topics * jaccard(meta.topics, m.topics);
      scored.push({ id: c.id, score, other, m });
    });
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return scored.slice(0, k).map((s) => explain(vec, meta, s.id, s.other, s.m, s.score));
  }
}

interface Features {
  readonly tf: Map<string, number>;
  readonly surface: Map<string, string>;
}

function featuresOf(d: DraftPaper, withSurface = false): Features {
  const tf = new Map<string, number>();
  const surface = new Map<string, string>();
  features(d.title, tf, withSurface ? surface : undefined, 2);
  if (d.abstract) features(d.abstract, tf, withSurface ? surface : undefined, 1);
  return { tf, surface };
}

/** The words of uni- and bigram features (a bigram's IDF is its rarer word's). */
function unigramsOf(tf: ReadonlyMap<string, number>): string[] {
  const out = new Set<string>();
  for (const t of tf.keys()) for (const w of t.split(' ')) out.add(w);
  return [...out];
}

function metaOf(p: RelatedPaperRecord, topicsOf: (d: DraftPaper) => readonly Tag[]): Meta {
  return {
    authorKeys: [...new Set(p.authors.map((a) => a.key || authorKey(a.name)))],
    authorNames: p.authors.map((a) => a.name),
    categories: p.categories ?? (p.primaryCategory ? [p.primaryCategory] : []),
    topics: (p.topics ?? topicsOf(draftOf(p))).filter((t) => t.kind === 'topic').map((t) => t.label),
  };
}

function explain(vec: Vec, meta: Meta, id: PaperId, other: Vec, m: Meta, score: number): RelatedItem {
  const shared: { t: string; w: number }[] = [];
  for (const [t, x] of vec.weights) {
    const wo = other.weights.get(t);
    if (wo !== undefined) shared.push({ t, w: x * wo });
  }
  shared.sort((a, b) => b.w - a.w);
  // Show bigrams before the unigrams they contain.
  const terms: string[] = [];
  for (const { t, w } of shared) {
    // A term contributing under 1% of a unit cosine is noise, not a reason.
    if (w < 0.01) break;
    if (terms.some((x) => x.includes(' ') && x.split(' ').includes(t))) continue;
    terms.push(t);
    if (terms.length === 3) break;
  }
  const sharedTerms = terms.map((t) => vec.surface.get(t) ?? other.surface.get(t) ?? t);
  const sharedAuthors = m.authorNames.filter((_, j) => meta.authorKeys.includes(m.authorKeys[j] ?? ''));
  const mine = new Set(meta.topics);
  const sharedTopics = m.topics.filter((t) => mine.has(t));
  const sharedCategories = m.categories.filter((c) => meta.categories.includes(c));
  const parts: string[] = [];
  if (sharedTerms.length) parts.push(`shared terms ${sharedTerms.map((t) => `"${t}"`).join(', ')}`);
  if (sharedAuthors.length)
    parts.push(`shared author${sharedAuthors.length > 1 ? 's' : ''} ${sharedAuthors.slice(0, 3).join(', ')}`);
  if (sharedTopics.length) parts.push(`same topic ${sharedTopics.slice(0, 2).join(', ')}`);
  if (parts.length === 0 && sharedCategories.length) parts.push(`same category ${sharedCategories[0]}`);
  return {
    id,
    score: Math.round(score * 1000) / 1000,
    reason: parts.join(' · '),
    sharedTerms,
    sharedAuthors,
    sharedTopics,
    sharedCategories,
  };
}

/**
 * The related-work table for a corpus, as the corpus build stores it: paper id → its top `k` related
 * papers. Computed once for the bundled corpus; papers added later use `RelatedModel` on the fly.
 */
export async function precomputeRelated(
  model: RelatedModel,
  ids: readonly PaperId[],
  k = 8,
): Promise<Record<string, readonly RelatedItem[]>> {
  const out: Record<string, readonly RelatedItem[]> = {};
  for (const id of ids) out[id] = await model.related(id, k);
  return out;
}

function overlap(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (const x of new Set(a)) if (b.includes(x)) n++;
  return n;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}
