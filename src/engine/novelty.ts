/**
 * Novelty, explained: how much of what a paper is about is new relative to the corpus papers dated before
 * it. Pure; reads the index through a small interface (postings of a few terms, one pass over doc numbers),
 * never the corpus records, so it costs the same few reads at 1M papers as at 1,000.
 *
 * The rule, as the panel states it:
 * - a paper's *distinctive words* are the terms of its title and abstract that are not common in the
 *   corpus (in at most `commonShare` of its papers), the `maxWords` rarest by tf·idf;
 * - a word is *new* when no corpus paper dated before this one uses it; the figure is the share of new
 *   words among the distinctive ones;
 * - papers are dated by their arXiv identifier (`2401.12345` was submitted in January 2024; the doc number
 *   packs the id, see index/docs.ts), so "before" needs no record read. A paper without an arXiv id has no
 *   date Paperlens trusts, and gets no figure;
 * - the figure is withheld when fewer than `minEarlier` corpus papers in the paper's categories are dated
 *   before it (against a handful of papers every word is "new"), or when it has fewer than `minWords`
 *   distinctive words.
 *
 * Non-goals: phrase matching (the index has no positions), citation-based novelty, judging against
 * papers the corpus does not hold. The figure says what the local corpus shows, nothing more.
 */
import { OLD_ARCHIVES } from '../core/ids';
import { type DocNumber, docOfId, FIRST_ALLOCATED, lowerBound } from './index/docs';
import { keywordDocsOf, type Snapshot } from './index/reader';
import { indexTokens, termOf } from './index/tokens';

export interface NoveltySource {
  /** Live papers in the index. */
  readonly size: number;
  /** Document frequency of each term (cheap: the vocabularies, no postings). */
  df(terms: readonly string[]): Promise<Map<string, number>>;
  /** Live docs holding each term (or keyword such as `!c:cs.LG`). */
  docsOf(terms: readonly string[]): Promise<Map<string, readonly DocNumber[]>>;
  /** How many live docs are dated before `key` (a `submittedKey`): one pass over the doc numbers. */
  countBefore(key: number): Promise<number>;
}

export interface NoveltyOptions {
  /** Distinctive words judged at most. */
  readonly maxWords: number;
  /** Fewer distinctive words than this: no figure. */
  readonly minWords: number;
  /** Fewer earlier corpus papers (in the paper's categories) than this: no figure. */
  readonly minEarlier: number;
  /** A word in more than this share of the corpus is common, never distinctive. */
  readonly commonShare: number;
}

export const NOVELTY_DEFAULTS: NoveltyOptions = { maxWords: 25, minWords: 5, minEarlier: 100, commonShare: 0.05 };

export interface NoveltyPaper {
  readonly id: string;
  readonly title: string;
  readonly abstract?: string;
  readonly categories?: readonly string[];
}

export interface DistinctiveWord {
  /** The word as the paper writes it (its first form). */
  readonly word: string;
  /** The index term (stemmed). */
  readonly term: string;
}

export type Novelty =
  | { readonly status: 'withheld'; readonly reason: string; readonly earlier: number }
  | {
      readonly status: 'scored';
      readonly share: number;
      readonly distinctive: number;
      readonly novel: readonly DistinctiveWord[];
      /** Shared words, each with the earliest earlier doc using it. */
      readonly shared: readonly (DistinctiveWord & { readonly first: DocNumber })[];
      readonly earlier: number;
      readonly earlierInCategories: number;
    };

/**
 * A doc's submission month and sequence as one comparable number, from its arXiv id; undefined for
 * allocated numbers (papers without an arXiv id). New-style ids begin in April 2007, old-style ones in 1991.
 */
export function submittedKey(doc: DocNumber): number | undefined {
  if (doc < 0 || doc >= FIRST_ALLOCATED) return undefined;
  const OLD_BASE = 2 ** 30;
  let yymm: number;
  let seq: number;
  let century: number;
  if (doc >= OLD_BASE) {
    const rest = doc - OLD_BASE;
    if (Math.floor(rest / 10_000_000) >= OLD_ARCHIVES.length) return undefined;
    const n = rest % 10_000_000;
    yymm = Math.floor(n / 1000);
    seq = n % 1000;
    century = Math.floor(yymm / 100) >= 91 ? 1900 : 2000;
  } else {
    yymm = Math.floor(doc / 100_000);
    seq = doc % 100_000;
    century = 2000;
  }
  const year = century + Math.floor(yymm / 100);
  const month = yymm % 100;
  if (month < 1 || month > 12) return undefined;
  return (year * 12 + month - 1) * 100_000 + seq;
}

/** The paper's content words: term → its first written form and its count, in order of appearance. */
export function contentWords(title: string, abstract = ''): Map<string, { word: string; tf: number }> {
  const out = new Map<string, { word: string; tf: number }>();
  for (const text of [title, abstract]) {
    const { raw, tokens } = indexTokens(text);
    for (const w of tokens) {
      const term = raw ? termOf(w) : w;
      // Numbers and two-letter stems ("la", "2d") say little about what a paper is about.
      if (term.length < 3 || /^\d+$/.test(term)) continue;
      const seen = out.get(term);
      if (seen) seen.tf++;
      else out.set(term, { word: raw ? w : term, tf: 1 });
    }
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The novelty of `paper` against the corpus papers dated before it (see the module comment). */
export async function noveltyOf(
  paper: NoveltyPaper,
  source: NoveltySource,
  options: Partial<NoveltyOptions> = {},
): Promise<Novelty> {
  const o = { ...NOVELTY_DEFAULTS, ...options };
  const doc = docOfId(paper.id);
  const own = doc === undefined ? undefined : submittedKey(doc);
  if (doc === undefined || own === undefined)
    return {
      status: 'withheld',
      reason:
        'Paperlens dates papers by their arXiv identifier, and this paper has none, so it cannot tell which corpus papers came before it.',
      earlier: 0,
    };
  const isEarlier = (d: DocNumber) => {
    const k = submittedKey(d);
    return k !== undefined && k < own;
  };
  const cats = [...new Set(paper.categories ?? [])];
  const [earlier, inCats] = await Promise.all([
    source.countBefore(own),
    cats.length
      ? source.docsOf(cats.map((c) => `!c:${c}`)).then((m) => {
          const docs = new Set<DocNumber>();
          for (const list of m.values()) for (const d of list) if (isEarlier(d)) docs.add(d);
          return docs.size;
        })
      : Promise.resolve(undefined),
  ]);
  const judged = inCats ?? earlier;
  if (judged < o.minEarlier) {
    const where = cats.length ? ` in ${cats.join(', ')}` : '';
    return {
      status: 'withheld',
      reason: `Only ${plural(judged, 'corpus paper')}${where} ${judged === 1 ? 'is' : 'are'} dated before this one; Paperlens shows novelty when at least ${o.minEarlier} are, since against a few papers almost every word is new.`,
      earlier: judged,
    };
  }
  const words = contentWords(paper.title, paper.abstract);
  const df = await source.df([...words.keys()]);
  const common = Math.max(1, o.commonShare * source.size);
  const idf = (n: number) => Math.log((source.size + 1) / (n + 1));
  const ranked = [...words.entries()]
    .map(([term, w]) => ({ term, word: w.word, df: df.get(term) ?? 0, tf: w.tf }))
    .filter((w) => w.df <= common)
    .sort((a, b) => b.tf * idf(b.df) - a.tf * idf(a.df) || a.term.localeCompare(b.term))
    .slice(0, o.maxWords);
  if (ranked.length < o.minWords)
    return {
      status: 'withheld',
      reason: `Its title and abstract have ${plural(ranked.length, 'word')} that ${ranked.length === 1 ? 'is' : 'are'} not common in the corpus; Paperlens needs at least ${o.minWords} to judge.`,
      earlier: judged,
    };
  const docs = await source.docsOf(ranked.map((w) => w.term));
  const novel: DistinctiveWord[] = [];
  const shared: (DistinctiveWord & { first: DocNumber })[] = [];
  for (const w of ranked) {
    let first: DocNumber | undefined;
    let firstKey = Number.POSITIVE_INFINITY;
    for (const d of docs.get(w.term) ?? []) {
      const k = submittedKey(d);
      if (k !== undefined && k < own && k < firstKey) {
        first = d;
        firstKey = k;
      }
    }
    if (first === undefined) novel.push({ word: w.word, term: w.term });
    else shared.push({ word: w.word, term: w.term, first });
  }
  return {
    status: 'scored',
    share: novel.length / ranked.length,
    distinctive: ranked.length,
    novel,
    shared,
    earlier,
    earlierInCategories: judged,
  };
}

/** An author's papers' novelty, in fifths (0–20 %, …, 80–100 %), and how many had none to show. */
export interface NoveltyDistribution {
  readonly buckets: readonly [number, number, number, number, number];
  readonly withheld: number;
  /** The median share of the scored papers; undefined when none was scored. */
  readonly median?: number;
}

export function noveltyDistribution(results: readonly Novelty[]): NoveltyDistribution {
  const buckets: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const shares: number[] = [];
  let withheld = 0;
  for (const r of results) {
    if (r.status === 'withheld') {
      withheld++;
      continue;
    }
    shares.push(r.share);
    const b = Math.min(4, Math.floor(r.share * 5));
    buckets[b] = (buckets[b] ?? 0) + 1;
  }
  shares.sort((a, b) => a - b);
  const mid = shares.length >> 1;
  const median =
    shares.length === 0
      ? undefined
      : shares.length % 2
        ? (shares[mid] as number)
        : ((shares[mid - 1] as number) + (shares[mid] as number)) / 2;
  return { buckets, withheld, ...(median === undefined ? {} : { median }) };
}

/** arXiv categories Paperlens counts as AI and ML for its own "AI score" (stated beside the figure). */
export const AI_CATEGORIES: readonly string[] = ['cs.AI', 'cs.LG', 'cs.CL', 'cs.CV', 'cs.NE', 'stat.ML'];

/** Paperlens's AI score: the share of papers listed in at least one AI or ML category, 0–1; undefined for none. */
export function aiShare(papers: readonly { readonly categories?: readonly string[] }[]): number | undefined {
  if (papers.length === 0) return undefined;
  const ai = new Set(AI_CATEGORIES);
  return papers.filter((p) => (p.categories ?? []).some((c) => ai.has(c))).length / papers.length;
}

/** The index snapshot as a novelty source: `df` from the vocabularies, docs from postings, counts from the docs records. */
export function noveltySource(snap: Snapshot): NoveltySource {
  let keys: Float64Array | undefined;
  let sorted: Float64Array | undefined;
  return {
    size: snap.size,
    df: (terms) => snap.df(terms),
    docsOf: (terms) => keywordDocsOf(snap, terms),
    async countBefore(key) {
      // The first question is one linear pass; an author view asks for each of their papers, so from the
      // second on the keys are sorted once and each answer is a binary search.
      if (!keys) {
        const all: number[] = [];
        for (const seg of snap.segments) {
          const [d, del] = await Promise.all([snap.docs(seg), snap.deletions(seg)]);
          d.docs.forEach((doc, local) => {
            const k = del.locals?.[local] === 1 ? undefined : submittedKey(doc);
            if (k !== undefined) all.push(k);
          });
        }
        keys = Float64Array.from(all);
        let n = 0;
        for (const k of keys) if (k < key) n++;
        return n;
      }
      if (!sorted) sorted = keys.sort();
      return lowerBound(sorted, key);
    },
  };
}
