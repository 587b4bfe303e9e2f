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
 * - the figure is withheld when fewer than `minEarlier` corpus papers in the paper's primary category are dated
 *   before it (against a handful of papers every word is "new"), or when it has fewer than `minWords`
 *   distinctive words.
 *
 * Non-goals: phrase matching (the index has no positions), citation-based novelty, judging against
 * papers the corpus does not hold. The figure says what the local corpus shows, nothing more.
 */
import { OLD_ARCHIVES } from '../core/ids';
import { type DocNumber, docOfId, FIRST_ALLOCATED } from './index/docs';
import { keywordDocsOf, type Snapshot } from './index/reader';
import { indexTokens, termOf } from './index/tokens';

export interface NoveltySource {
  /** Live papers in the index. */
  readonly size: number;
  /** Document frequency of each term (cheap: the vocabularies, no postings). */
  df(terms: readonly string[]): Promise<Map<string, number>>;
  /** Live docs holding each term (or keyword such as `!c:cs.LG`). */
  docsOf(terms: readonly string[]): Promise<Map<string, readonly DocNumber[]>>;
  /** How many live docs are dated before the doc `own`. */
  countBefore(own: DocNumber): Promise<number>;
  /** How many live docs holding `keyword` (such as `!c:cs.LG`) are dated before the doc `own`. */
  countWithBefore(keyword: string, own: DocNumber): Promise<number>;
}

export interface NoveltyOptions {
  /** Distinctive words judged at most. */
  readonly maxWords: number;
  /** Fewer distinctive words than this: no figure. */
  readonly minWords: number;
  /** Fewer earlier corpus papers (in the paper's primary category) than this: no figure. */
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
      /** Earlier papers in its primary category (all earlier papers when it has none). */
      readonly earlierInCategory: number;
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
  // Its primary category (the first listed): one keyword's postings, counted by binary search.
  const category = paper.categories?.[0];
  const [earlier, inCategory] = await Promise.all([
    source.countBefore(doc),
    category ? source.countWithBefore(`!c:${category}`, doc) : Promise.resolve(undefined),
  ]);
  const judged = inCategory ?? earlier;
  if (judged < o.minEarlier) {
    const where = category ? ` in ${category} (its primary category)` : '';
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
    earlierInCategory: judged,
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

const OLD_BASE = 2 ** 30;

/** First index in [0, n) whose doc `at(i)` (ascending) is ≥ x. */
function firstAtLeast(n: number, at: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How many of `n` ascending global docs are dated before `own`. New-style numbers are in date order, and
 * every old-style id (1991 to March 2007) is earlier than every new-style one, so for a new-style paper this
 * is three binary searches; for an old-style paper only the old-style range is read.
 */
function earlierAmong(n: number, at: (i: number) => number, own: DocNumber, ownKey: number): number {
  const oldFrom = firstAtLeast(n, at, OLD_BASE);
  const oldTo = firstAtLeast(n, at, FIRST_ALLOCATED);
  if (own < OLD_BASE) return firstAtLeast(n, at, own) + (oldTo - oldFrom);
  let c = 0;
  for (let i = oldFrom; i < oldTo; i++) {
    const k = submittedKey(at(i));
    if (k !== undefined && k < ownKey) c++;
  }
  return c;
}

/**
 * The index snapshot as a novelty source: `df` from the vocabularies, a word's docs from its postings, and
 * counts by binary search over the docs records and a keyword's postings (no pass over every paper).
 */
export function noveltySource(snap: Snapshot): NoveltySource {
  const isEarlier = (d: DocNumber, ownKey: number) => {
    const k = submittedKey(d);
    return k !== undefined && k < ownKey;
  };
  return {
    size: snap.size,
    df: (terms) => snap.df(terms),
    docsOf: (terms) => keywordDocsOf(snap, terms),
    async countBefore(own) {
      const ownKey = submittedKey(own) ?? 0;
      let n = 0;
      for (const seg of snap.segments) {
        const [d, del] = await Promise.all([snap.docs(seg), snap.deletions(seg)]);
        n += earlierAmong(d.docs.length, (i) => d.docs[i] ?? 0, own, ownKey);
        for (const g of del.globals) if (isEarlier(g, ownKey)) n--;
      }
      return n;
    },
    async countWithBefore(keyword, own) {
      const ownKey = submittedKey(own) ?? 0;
      const infos = (await snap.lookup([keyword])).get(keyword) ?? [];
      let n = 0;
      for (const p of await snap.postings(infos, true)) {
        const [d, del] = await Promise.all([snap.docs(p.seg), snap.deletions(p.seg)]);
        const global = (i: number) => d.docs[p.docs[i] ?? 0] ?? 0;
        n += earlierAmong(p.docs.length, global, own, ownKey);
        for (const g of del.globals) {
          if (!isEarlier(g, ownKey)) continue;
          // A deleted doc counts only if the keyword's postings hold it.
          const local = firstAtLeast(d.docs.length, (i) => d.docs[i] ?? 0, g);
          const at = firstAtLeast(p.docs.length, (i) => p.docs[i] ?? 0, local);
          if (p.docs[at] === local) n--;
        }
      }
      return n;
    },
  };
}
