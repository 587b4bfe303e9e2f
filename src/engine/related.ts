/**
 * Related work: for a corpus paper, or a paper seen only on a page, the corpus papers most like it, each
 * with a score and a short reason. Pure.
 *
 * Text similarity is TF-IDF cosine over uni- and bigrams (sublinear tf, stop words, document-frequency
 * cut-offs scaled to the corpus), the title counting twice. Shared authors and categories and shared
 * taxonomy topics add to it. Vectors are pruned to each paper's strongest terms and scored through an
 * inverted index, so a lookup touches only papers sharing a strong term or an author.
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
  /** Weights of the signals; text is cosine in [0, 1], the others overlaps in [0, 1]. */
  readonly weights?: Partial<{ text: number; authors: number; categories: number; topics: number }>;
  /** Topic ids of a paper. Default: the bundled taxonomy. */
  readonly topicsOf?: (doc: DraftPaper) => readonly Tag[];
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

interface Vec {
  readonly terms: Int32Array;
  readonly weights: Float32Array;
}

interface Meta {
  readonly id: PaperId;
  readonly authorKeys: readonly string[];
  readonly authorNames: readonly string[];
  readonly categories: readonly string[];
  readonly topics: readonly Tag[];
}

const DEFAULT_WEIGHTS = { text: 0.75, authors: 0.12, categories: 0.03, topics: 0.1 };

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
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly idf: Float32Array;
  private readonly vecs: Vec[] = [];
  private readonly metas: Meta[] = [];
  private readonly index = new Map<PaperId, number>();
  private readonly postings: { docs: Int32Array; weights: Float32Array }[];
  private readonly byAuthor = new Map<string, number[]>();
  private readonly weights: typeof DEFAULT_WEIGHTS;
  private readonly topicsOf: (doc: DraftPaper) => readonly Tag[];
  private readonly termsPerPaper: number;
  private readonly surface = new Map<string, string>();

  private constructor(papers: readonly Paper[], opts: RelatedOptions) {
    const n = papers.length;
    this.weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
    this.topicsOf = opts.topicsOf ?? ((d) => defaultTagger().tag(d));
    const customTopics = opts.topicsOf !== undefined;
    this.termsPerPaper = opts.termsPerPaper ?? 48;
    const maxDf = Math.max(2, (opts.maxDfRatio ?? 0.3) * n);
    const minDf = opts.minDf ?? (n < 1000 ? 1 : 2);
    // Pass 1: document frequencies. Term maps are recomputed in pass 2 rather than kept: at 100k papers
    // holding them all costs gigabytes, recomputing costs seconds.
    const df = new Map<string, number>();
    for (const p of papers) for (const t of this.tf(draftOf(p)).keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const idfList: number[] = [];
    for (const [t, d] of df) {
      if (d < minDf || d > maxDf) continue;
      this.termIds.set(t, this.termNames.length);
      this.termNames.push(t);
      idfList.push(Math.log((1 + n) / (1 + d)) + 1);
    }
    this.idf = Float32Array.from(idfList);
    df.clear();
    // Pass 2: pruned, normalised vectors, and their postings.
    const post: { docs: number[]; weights: number[] }[] = this.termNames.map(() => ({ docs: [], weights: [] }));
    papers.forEach((p, i) => {
      const d = draftOf(p);
      // The term sequences from `features` are what the tagger reads; reuse them rather than re-tokenise.
      const seqs: [string[], string[]] = [[], []];
      const v = this.vectorise(this.tf(d, seqs));
      this.vecs.push(v);
      for (let k = 0; k < v.terms.length; k++) {
        const slot = post[v.terms[k] ?? 0];
        slot?.docs.push(i);
        slot?.weights.push(v.weights[k] ?? 0);
      }
      const authorKeys = p.authors.map((a) => a.key || authorKey(a.name));
      this.metas.push({
        id: p.id,
        authorKeys,
        authorNames: p.authors.map((a) => a.name),
        categories: d.categories ?? [],
        topics: customTopics ? this.topicsOf(d) : defaultTagger().tagTerms(seqs[0], seqs[1]),
      });
      this.index.set(p.id, i);
      for (const k of new Set(authorKeys)) {
        const list = this.byAuthor.get(k) ?? [];
        list.push(i);
        this.byAuthor.set(k, list);
      }
    });
    this.postings = post.map((p) => ({ docs: Int32Array.from(p.docs), weights: Float32Array.from(p.weights) }));
  }

  static build(papers: readonly Paper[], options: RelatedOptions = {}): RelatedModel {
    return new RelatedModel(papers, options);
  }

  get size(): number {
    return this.metas.length;
  }

  /** Related corpus papers for a corpus paper (itself excluded). Unknown id: empty. */
  related(id: PaperId, k = 8): RelatedItem[] {
    const i = this.index.get(id);
    const meta = i === undefined ? undefined : this.metas[i];
    const vec = i === undefined ? undefined : this.vecs[i];
    if (i === undefined || !meta || !vec) return [];
    return this.rank(vec, meta, k, i);
  }

  /** Related corpus papers for a paper seen only on a page. A corpus paper with the same id is excluded. */
  relatedToDraft(draft: DraftPaper, k = 8, exclude?: PaperId): RelatedItem[] {
    const vec = this.vectorise(this.tf(draft));
    const names = draft.authors ?? [];
    const meta: Meta = {
      id: (exclude ?? '') as PaperId,
      authorKeys: names.map(authorKey),
      authorNames: names,
      categories: draft.categories ?? [],
      topics: this.topicsOf(draft),
    };
    return this.rank(vec, meta, k, exclude === undefined ? -1 : (this.index.get(exclude) ?? -1));
  }

  /** The paper's most distinctive terms, as tags: what the taxonomy may have missed. */
  keyphrases(draft: DraftPaper, k = 5): Tag[] {
    const v = this.vectorise(this.tf(draft));
    const out: Tag[] = [];
    const order = [...v.terms.keys()].sort((a, b) => (v.weights[b] ?? 0) - (v.weights[a] ?? 0));
    const taken = new Set<string>();
    for (const j of order) {
      const t = this.termNames[v.terms[j] ?? 0] ?? '';
      // Prefer phrases: a unigram already inside a chosen bigram adds nothing.
      if (t.split(' ').every((w) => taken.has(w))) continue;
      for (const w of t.split(' ')) taken.add(w);
      const label = this.surface.get(t) ?? t;
      out.push({
        kind: 'keyphrase',
        id: t,
        label,
        why: 'distinctive term for this paper (TF-IDF)',
        score: v.weights[j] ?? 0,
      });
      if (out.length >= k) break;
    }
    return out;
  }

  private tf(d: DraftPaper, seqs?: [string[], string[]]): Map<string, number> {
    const tf = new Map<string, number>();
    features(d.title, tf, this.surface, 2, seqs?.[0]);
    if (d.abstract) features(d.abstract, tf, this.surface, 1, seqs?.[1]);
    return tf;
  }

  private vectorise(tf: Map<string, number>): Vec {
    const entries: [number, number][] = [];
    for (const [t, c] of tf) {
      const id = this.termIds.get(t);
      if (id === undefined) continue;
      entries.push([id, (1 + Math.log(c)) * (this.idf[id] ?? 0)]);
    }
    entries.sort((a, b) => b[1] - a[1]);
    const kept = entries.slice(0, this.termsPerPaper);
    const norm = Math.sqrt(kept.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return {
      terms: Int32Array.from(kept.map(([t]) => t)),
      weights: Float32Array.from(kept.map(([, w]) => w / norm)),
    };
  }

  private rank(vec: Vec, meta: Meta, k: number, self: number): RelatedItem[] {
    const text = new Map<number, number>();
    for (let a = 0; a < vec.terms.length; a++) {
      const p = this.postings[vec.terms[a] ?? 0];
      if (!p) continue;
      const wq = vec.weights[a] ?? 0;
      for (let b = 0; b < p.docs.length; b++) {
        const d = p.docs[b] ?? 0;
        text.set(d, (text.get(d) ?? 0) + wq * (p.weights[b] ?? 0));
      }
    }
    const candidates = new Set(text.keys());
    for (const key of meta.authorKeys) for (const d of this.byAuthor.get(key) ?? []) candidates.add(d);
    candidates.delete(self);
    const w = this.weights;
    const scored: { d: number; score: number }[] = [];
    for (const d of candidates) {
      const m = this.metas[d];
      if (!m) continue;
      const shared = overlap(meta.authorKeys, m.authorKeys);
      const authorSim = shared === 0 ? 0 : shared / Math.sqrt(meta.authorKeys.length * m.authorKeys.length);
      const score =
        w.text * (text.get(d) ?? 0) +
        w.authors * authorSim +
        w.categories * jaccard(meta.categories, m.categories) +
        w.topics *
          jaccard(
            meta.topics.map((t) => t.id),
            m.topics.map((t) => t.id),
          );
      scored.push({ d, score });
    }
    scored.sort((a, b) => b.score - a.score || a.d - b.d);
    return scored.slice(0, k).map(({ d, score }) => this.explain(vec, meta, d, score));
  }

  private explain(vec: Vec, meta: Meta, d: number, score: number): RelatedItem {
    const m = this.metas[d] as Meta;
    const other = this.vecs[d] as Vec;
    const wOther = new Map<number, number>();
    other.terms.forEach((t, j) => {
      wOther.set(t, other.weights[j] ?? 0);
    });
    const shared: { t: string; w: number }[] = [];
    vec.terms.forEach((t, j) => {
      const wo = wOther.get(t);
      if (wo !== undefined) shared.push({ t: this.termNames[t] ?? '', w: (vec.weights[j] ?? 0) * wo });
    });
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
    const sharedTerms = terms.map((t) => this.surface.get(t) ?? t);
    const sharedAuthors = m.authorNames.filter((_, j) => meta.authorKeys.includes(m.authorKeys[j] ?? ''));
    const mine = new Set(meta.topics.map((t) => t.id));
    const sharedTopics = m.topics.filter((t) => mine.has(t.id)).map((t) => t.label);
    const sharedCategories = m.categories.filter((c) => meta.categories.includes(c));
    const parts: string[] = [];
    if (sharedTerms.length) parts.push(`shared terms ${sharedTerms.map((t) => `"${t}"`).join(', ')}`);
    if (sharedAuthors.length)
      parts.push(`shared author${sharedAuthors.length > 1 ? 's' : ''} ${sharedAuthors.slice(0, 3).join(', ')}`);
    if (sharedTopics.length) parts.push(`same topic ${sharedTopics.slice(0, 2).join(', ')}`);
    if (parts.length === 0 && sharedCategories.length) parts.push(`same category ${sharedCategories[0]}`);
    return {
      id: m.id,
      score: Math.round(score * 1000) / 1000,
      reason: parts.join(' · '),
      sharedTerms,
      sharedAuthors,
      sharedTopics,
      sharedCategories,
    };
  }
}

/**
 * The related-work table for a corpus, as the corpus build stores it: paper id → its top `k` related
 * papers. Computed once for the bundled corpus; papers added later use `RelatedModel` on the fly.
 */
export function precomputeRelated(
  papers: readonly Paper[],
  k = 8,
  options: RelatedOptions = {},
): Record<string, readonly RelatedItem[]> {
  const model = RelatedModel.build(papers, options);
  const out: Record<string, readonly RelatedItem[]> = {};
  for (const p of papers) out[p.id] = model.related(p.id, k);
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
