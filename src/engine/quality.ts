/**
 * Known-item search quality: queries made from corpus titles the way a user types them in the popup, and
 * the metrics of any engine's rankings over them (MRR@10, recall@10). Pure and engine-agnostic: an engine
 * is a `SearchAdapter` (build from papers, answer a query with ranked ids), so the bench
 * (tests/bench/quality.ts) puts Paperlens beside its peers on the same queries, and a new engine joins by
 * adding one adapter.
 *
 * Query classes, all drawn from one seeded PRNG so a run is repeatable:
 * - `words`: 2 or 3 content words of the title (no stop words, 3+ letters), in title order;
 * - `typo`: the same words, each word of 4+ letters with one real typing error (a neighbouring key for a
 *   letter, a letter dropped, doubled or inserted, two letters swapped; never the first letter);
 * - `prefix`: the same words, the last cut to its first 2..n−1 letters (the query as it stands mid-word);
 * - `author`: an author's surname and one content word of the title (papers with authors only).
 * Every query of one target paper falls in the same split (`tune` or `test`, by a hash of its id), so
 * ranking changes are tuned on one half and judged on the other, and a target's typo query never leaks
 * into the split its plain query was tuned on.
 */
import type { Paper, PaperId } from '../core/paper';
import { prng } from '../corpus/synth';
import { normaliseTitle, STOP_WORDS, words } from './normalize';

export const QUERY_KINDS = ['words', 'typo', 'prefix', 'author'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];
export type Split = 'tune' | 'test';

export interface KnownItemQuery {
  readonly kind: QueryKind;
  /** What the user typed. */
  readonly text: string;
  readonly target: PaperId;
  /** Papers that count as found: the target and any paper with the same title key (duplicates). */
  readonly relevant: readonly PaperId[];
  readonly split: Split;
}

export interface KnownItemOptions {
  /** PRNG seed. Default 12. */
  readonly seed?: number;
  /** Papers whose titles make a words, a typo and a prefix query each. Default 200. */
  readonly targets?: number;
  /** Papers (with authors) that make an author query each. Default 100. */
  readonly authorTargets?: number;
  /** Share of target papers in the test split. Default 0.5. */
  readonly testShare?: number;
}

/** Content words of a title as typed: folded, lower case, no stop words, 3+ letters, not a bare number. */
export function contentWords(title: string): string[] {
  const out: string[] = [];
  for (const w of words(normaliseTitle(title)))
    if (w.length >= 3 && !STOP_WORDS.has(w) && /\p{L}/u.test(w) && !out.includes(w)) out.push(w);
  return out;
}

// QWERTY neighbours: the usual substitution and insertion errors hit an adjacent key.
const KEYS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbours(c: string): string {
  const row = KEYS.findIndex((r) => r.includes(c));
  if (row < 0) return 'e';
  const at = (KEYS[row] ?? '').indexOf(c);
  let out = '';
  for (const r of [row - 1, row, row + 1]) {
    const keys = KEYS[r];
    if (!keys) continue;
    for (const i of [at - 1, at, at + 1]) {
      const k = keys[i];
      if (k && k !== c) out += k;
    }
  }
  return out;
}

/**
 * One typing error in `w` (lower-case letters, 2+ long), never in its first letter: a neighbouring key
 * instead of a letter, a letter dropped, a letter doubled or a neighbouring key added, or two adjacent
 * letters swapped. The result differs from `w` and is one edit away (a swap counts as one edit).
 */
export function typo(w: string, rand: () => number): string {
  const pick = (s: string) => s.charAt(Math.floor(rand() * s.length));
  for (;;) {
    const i = 1 + Math.floor(rand() * (w.length - 1));
    const c = w.charAt(i);
    const op = Math.floor(rand() * 4);
    let out: string;
    if (op === 0) out = w.slice(0, i) + pick(neighbours(c)) + w.slice(i + 1);
    else if (op === 1) out = w.slice(0, i) + w.slice(i + 1);
    else if (op === 2) out = w.slice(0, i) + (rand() < 0.5 ? c : pick(neighbours(c))) + w.slice(i);
    else out = i + 1 < w.length ? w.slice(0, i) + w.charAt(i + 1) + c + w.slice(i + 2) : w;
    if (out !== w) return out;
  }
}

/** FNV-1a of a string, for a split that depends on the paper only (not on the order of generation). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function splitOf(id: string, testShare = 0.5): Split {
  return hash(id) % 1000 < testShare * 1000 ? 'test' : 'tune';
}

/** `count` distinct items of `xs` in a random order (a partial Fisher–Yates shuffle of a copy). */
function sample<T>(xs: readonly T[], count: number, rand: () => number): T[] {
  const a = [...xs];
  const n = Math.min(count, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a.slice(0, n);
}

/**
 * The known-item queries for a corpus: `targets` papers give a words, a typo and a prefix query each
 * (from the same words), `authorTargets` papers with authors an author query. Deterministic for a seed.
 */
export function knownItemQueries(papers: readonly Paper[], options: KnownItemOptions = {}): KnownItemQuery[] {
  const rand = prng(options.seed ?? 12);
  const testShare = options.testShare ?? 0.5;
  const byKey = new Map<string, PaperId[]>();
  for (const p of papers) {
    const k = normaliseTitle(p.title);
    const list = byKey.get(k);
    if (list) list.push(p.id);
    else byKey.set(k, [p.id]);
  }
  const relevant = (p: Paper) => byKey.get(normaliseTitle(p.title)) ?? [p.id];
  const out: KnownItemQuery[] = [];
  const query = (kind: QueryKind, text: string, p: Paper) =>
    out.push({ kind, text, target: p.id, relevant: relevant(p), split: splitOf(p.id, testShare) });

  // A title gives a prefix query only if the last chosen word can be cut (4+ letters).
  const usable = papers.filter((p) => {
    const ws = contentWords(p.title);
    return ws.length >= 2 && ws.slice(1).some((w) => w.length >= 4);
  });
  for (const p of sample(usable, options.targets ?? 200, rand)) {
    const ws = contentWords(p.title);
    // The last chosen word: one of 4+ letters with n − 1 words before it (two words when three won't fit).
    const lastsFor = (n: number) => ws.flatMap((w, i) => (i >= n - 1 && w.length >= 4 ? [i] : []));
    let n = Math.min(ws.length, rand() < 0.5 ? 2 : 3);
    if (lastsFor(n).length === 0) n = 2;
    const lasts = lastsFor(n);
    const last = lasts[Math.floor(rand() * lasts.length)] ?? ws.length - 1;
    const before = sample(
      ws.slice(0, last).map((_, i) => i),
      n - 1,
      rand,
    ).sort((a, b) => a - b);
    const chosen = [...before, last].map((i) => ws[i] ?? '');
    query('words', chosen.join(' '), p);
    const typed = chosen.map((w) => (/^[a-z]{4,}$/.test(w) ? typo(w, rand) : w));
    query('typo', typed.join(' '), p);
    const lastWord = chosen[chosen.length - 1] ?? '';
    const cut = 2 + Math.floor(rand() * (lastWord.length - 2));
    query('prefix', [...chosen.slice(0, -1), lastWord.slice(0, cut)].join(' '), p);
  }
  const authored = papers.filter((p) => p.authors.length > 0 && contentWords(p.title).length > 0);
  for (const p of sample(authored, options.authorTargets ?? 100, rand)) {
    const author = p.authors[Math.floor(rand() * p.authors.length)];
    const surname = words(normaliseTitle(author?.name ?? '')).at(-1) ?? '';
    const ws = contentWords(p.title);
    const w = ws[Math.floor(rand() * ws.length)] ?? '';
    if (surname) query('author', `${surname} ${w}`, p);
  }
  return out;
}

/** Builds an engine's index from papers and answers queries with ranked paper ids (best first). */
export interface SearchAdapter {
  readonly name: string;
  /** The configuration, in a few words, for the table. */
  readonly config: string;
  build(papers: readonly Paper[]): Searcher | Promise<Searcher>;
}
export type Searcher = (query: string, k: number) => readonly string[] | Promise<readonly string[]>;

export interface QueryOutcome {
  readonly query: KnownItemQuery;
  /** 1-based rank of the first relevant paper in the top k; 0 when none is there. */
  readonly rank: number;
  readonly ms: number;
  /** The top k, for reading failures. */
  readonly top: readonly string[];
}

/** Runs every query through `search`, timing each with `clock` (milliseconds). */
export async function runQueries(
  search: Searcher,
  queries: readonly KnownItemQuery[],
  clock: () => number,
  k = 10,
): Promise<QueryOutcome[]> {
  const out: QueryOutcome[] = [];
  for (const query of queries) {
    const t = clock();
    const top = (await search(query.text, k)).slice(0, k);
    const ms = clock() - t;
    const rank = top.findIndex((id) => query.relevant.includes(id as PaperId)) + 1;
    out.push({ query, rank, ms, top });
  }
  return out;
}

export interface Summary {
  readonly n: number;
  /** Mean reciprocal rank of the first relevant paper, 0 beyond the top k. */
  readonly mrr: number;
  /** Share of queries with a relevant paper in the top k. */
  readonly recall: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

export function summarise(outcomes: readonly QueryOutcome[]): Summary {
  const n = outcomes.length;
  if (n === 0) return { n, mrr: 0, recall: 0, p50Ms: 0, p95Ms: 0 };
  const mrr = outcomes.reduce((s, o) => s + (o.rank > 0 ? 1 / o.rank : 0), 0) / n;
  const recall = outcomes.filter((o) => o.rank > 0).length / n;
  const ms = outcomes.map((o) => o.ms);
  return { n, mrr, recall, p50Ms: percentile(ms, 0.5), p95Ms: percentile(ms, 0.95) };
}

/** Summaries per query class and overall (`all`), for one split or both (`all`). */
export function scoreboard(
  outcomes: readonly QueryOutcome[],
): Record<QueryKind | 'all', Record<Split | 'all', Summary>> {
  const rows = {} as Record<QueryKind | 'all', Record<Split | 'all', Summary>>;
  for (const kind of [...QUERY_KINDS, 'all'] as const) {
    const of = outcomes.filter((o) => kind === 'all' || o.query.kind === kind);
    rows[kind] = {
      tune: summarise(of.filter((o) => o.query.split === 'tune')),
      test: summarise(of.filter((o) => o.query.split === 'test')),
      all: summarise(of),
    };
  }
  return rows;
}
