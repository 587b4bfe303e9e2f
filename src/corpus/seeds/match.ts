/**
 * Which reference paper each seed entry is. Pure.
 *
 * The reference (data/seed-papers.json) gives ids, titles and authors but no abstracts, and entries in
 * the code-for-papers pages have no titles. So the match runs in three passes, strongest evidence first:
 *
 * 1. **Title**: an entry with a title matches the reference paper with the same folded title (or, for a
 *    small spelling difference, a word-bigram Dice ≥ 0.85).
 * 2. **Abstract**: an untitled entry whose abstract overlaps an already matched entry's abstract (word
 *    4-shingle containment ≥ 0.5, which tolerates truncation and revised wording) is the same paper.
 * 3. **Title words and authors**: the rest are scored against every reference paper by how many of
 *    the title's content words (5-letter stems) the abstract uses, plus how many of the entry's
 *    authors the paper has; assignments go greedily by score, one entry per paper per page, and need
 *    a clear margin over the runner-up.
 *
 * Anything still unmatched, or matched without margin, is resolved by `SEED_OVERRIDES`, a short
 * documented list; the build fails if an entry stays unmatched.
 */
import { authorKey, foldName } from '../../core/authors';
import type { ArxivId } from '../../core/paper';
import type { SeedEntry } from './types';

export interface ReferencePaper {
  readonly id: ArxivId;
  readonly title: string;
  readonly authors: readonly string[];
}

export type MatchMethod = 'title' | 'abstract' | 'title-words' | 'override';

export interface SeedMatch {
  readonly entry: SeedEntry;
  readonly id: ArxivId;
  readonly method: MatchMethod;
  /** The evidence's strength in [0, 2]; for 'title-words', the margin over the runner-up is in `margin`. */
  readonly score: number;
  readonly margin?: number;
}

/** A hand decision for an entry the passes cannot settle: the entry is named by file and abstract opening. */
export interface SeedOverride {
  readonly file: string;
  readonly abstractStartsWith: string;
  readonly id: string;
  readonly why: string;
}

/**
 * Empty today: every entry of the five seeds is settled by the three passes. Add an entry here, with
 * its reason, only when a new seed brings an entry that is truly ambiguous.
 */
export const SEED_OVERRIDES: readonly SeedOverride[] = [];

const TITLE_DICE = 0.85;
const ABSTRACT_CONTAINMENT = 0.5;
const WORDS_MIN_SCORE = 0.5;
const WORDS_MIN_MARGIN = 0.15;

export interface MatchResult {
  readonly matches: readonly SeedMatch[];
  readonly unmatched: readonly SeedEntry[];
}

export function matchSeedEntries(
  entries: readonly SeedEntry[],
  reference: readonly ReferencePaper[],
  overrides: readonly SeedOverride[] = SEED_OVERRIDES,
): MatchResult {
  const matched = new Map<SeedEntry, SeedMatch>();
  const byTitle = new Map(reference.map((r) => [normaliseTitle(r.title), r]));

  // Pass 1: titles.
  for (const e of entries) {
    if (!e.title) continue;
    const key = normaliseTitle(e.title);
    const exact = byTitle.get(key);
    if (exact) {
      matched.set(e, { entry: e, id: exact.id, method: 'title', score: 1 });
      continue;
    }
    const best = bestBy(reference, (r) => dice(bigrams(key), bigrams(normaliseTitle(r.title))));
    if (best && best.score >= TITLE_DICE)
      matched.set(e, { entry: e, id: best.item.id, method: 'title', score: best.score });
  }

  // Pass 2: abstracts shared with an entry already matched (on another page).
  const known = [...matched.values()].filter((m) => m.entry.abstract);
  for (const e of entries) {
    if (matched.has(e) || !e.abstract) continue;
    const shingles = shingle(e.abstract);
    const best = bestBy(
      known.filter((m) => m.entry.file !== e.file),
      (m) => containment(shingles, shingle(m.entry.abstract ?? '')),
    );
    if (best && best.score >= ABSTRACT_CONTAINMENT)
      matched.set(e, { entry: e, id: best.item.id, method: 'abstract', score: best.score });
  }

  // Pass 3: title words found in the abstract, plus shared authors; greedy, one paper per page.
  const taken = new Set([...matched.values()].map((m) => `${m.entry.file}|${m.id}`));
  const candidates: { entry: SeedEntry; ref: ReferencePaper; score: number; margin: number }[] = [];
  for (const e of entries) {
    if (matched.has(e) || !e.abstract) continue;
    const scored = reference.map((ref) => ({ ref, score: wordsScore(e, ref) })).sort((a, b) => b.score - a.score);
    for (const s of scored) candidates.push({ entry: e, ref: s.ref, score: s.score, margin: 0 });
  }
  candidates.sort((a, b) => b.score - a.score || a.ref.id.localeCompare(b.ref.id));
  for (const c of candidates) {
    if (matched.has(c.entry) || taken.has(`${c.entry.file}|${c.ref.id}`) || c.score < WORDS_MIN_SCORE) continue;
    // The margin is measured against the best paper still free on this page.
    const rival = candidates.find(
      (d) => d.entry === c.entry && d.ref !== c.ref && !taken.has(`${d.entry.file}|${d.ref.id}`),
    );
    const margin = c.score - (rival?.score ?? 0);
    if (margin < WORDS_MIN_MARGIN) continue;
    matched.set(c.entry, { entry: c.entry, id: c.ref.id, method: 'title-words', score: c.score, margin });
    taken.add(`${c.entry.file}|${c.ref.id}`);
  }

  // Overrides: only for entries the passes left open.
  for (const o of overrides) {
    const e = entries.find((x) => x.file === o.file && x.abstract?.startsWith(o.abstractStartsWith));
    const ref = reference.find((r) => r.id === o.id);
    if (e && ref && !matched.has(e)) matched.set(e, { entry: e, id: ref.id, method: 'override', score: 0 });
  }

  return {
    matches: entries.flatMap((e) => matched.get(e) ?? []),
    unmatched: entries.filter((e) => !matched.has(e)),
  };
}

/** Folded, lower-case words: the form titles are compared in. */
export function normaliseTitle(title: string): string {
  return foldName(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const STOP = new Set(['with', 'from', 'that', 'this', 'their', 'into', 'over', 'what', 'when', 'does', 'how', 'why']);

function stems(text: string): Set<string> {
  return new Set(
    normaliseTitle(text)
      .split(' ')
      .filter((w) => w.length >= 4 && !STOP.has(w))
      .map((w) => w.slice(0, 5)),
  );
}

function wordsScore(e: SeedEntry, ref: ReferencePaper): number {
  const title = stems(ref.title);
  const abstract = stems(e.abstract ?? '');
  const found = [...title].filter((w) => abstract.has(w)).length;
  const titleScore = title.size ? found / title.size : 0;
  const keys = new Set(ref.authors.map(authorKey));
  const listed = e.authors ?? [];
  const authorScore = listed.length ? listed.filter((a) => keys.has(authorKey(a))).length / listed.length : 0;
  return titleScore + authorScore;
}

function shingle(text: string): Set<string> {
  const words = normaliseTitle(text).split(' ');
  const out = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) out.add(words.slice(i, i + 4).join(' '));
  return out;
}

function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (small.size === 0) return 0;
  let n = 0;
  for (const s of small) if (large.has(s)) n++;
  return n / small.size;
}

function bigrams(s: string): string[] {
  const w = s.split(' ');
  return w.slice(1).map((x, i) => `${w[i]} ${x}`);
}

function dice(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const bs = new Set(b);
  return (2 * a.filter((x) => bs.has(x)).length) / (a.length + b.length);
}

function bestBy<T>(items: readonly T[], score: (t: T) => number): { item: T; score: number } | undefined {
  let best: { item: T; score: number } | undefined;
  for (const item of items) {
    const s = score(item);
    if (!best || s > best.score) best = { item, score: s };
  }
  return best;
}
