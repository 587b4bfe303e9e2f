/**
 * Ranked search over an index snapshot. Pure.
 *
 * Query words expand as before the index was persistent (each word; the word being typed to its most
 * frequent completions; a word with neither to its nearest spellings), then each segment scores its
 * postings into a score array by local doc: BM25F impacts × IDF × the expansion's weight, with a bit per
 * query word matched. The coordination factor (words matched / words asked)² sinks partial matches, and a
 * query that reads as a person's name lifts that person's papers.
 *
 * What a query reads is bounded. While the lists it needs are short (`EXHAUSTIVE` postings in all), it
 * reads them whole and its ranking is exact. Past that (common words over a large corpus), big terms give
 * their top tier (segment.ts): the papers where the word weighs most. The head of that ranking then looks
 * each missing query word up in its whole list, so a paper with the second word in its abstract is not
 * ranked as if it lacked it. Such a ranking is exact for the papers it returns but may miss one whose every
 * word is outside every top tier; `exact` says which kind a result is, and `total` is then an estimate.
 */
import { authorKey } from '../../core/authors';
import type { PaperId } from '../../core/paper';
import { mayContainWord, normaliseTitle, STOP_WORDS, words } from '../normalize';
import { IMPACT_SCALE, KEYWORD } from './analyze';
import { docOfId, lowerBound } from './docs';
import { idOf, type Postings, type Snapshot, type TermInfo } from './reader';
import { type DocsRecord, type HeadRecord, key, type VocabRecord, vocabBlockOf } from './segment';
import { searchTerms } from './tokens';

export interface QueryFilter {
  readonly yearFrom?: number;
  readonly yearTo?: number;
  /** Any of these categories (`cs.LG`; an archive such as `cs` or `hep-th` matches its subjects). */
  readonly categories?: readonly string[];
  /** Every one of these authors, by any name form. */
  readonly authors?: readonly string[];
  /** Reading-list state from the caller: keep only saved papers, or only unsaved ones. */
  readonly saved?: { readonly ids: ReadonlySet<string>; readonly want: boolean };
}

export interface QueryOptions {
  readonly limit?: number;
  /** Prefix-match the last word (as the user types). Default true. */
  readonly prefix?: boolean;
  readonly filter?: QueryFilter;
  /**
   * Titles and abstracts of the best hits (read by id), for the phrase boost: the query words as a phrase
   * in the title count `PHRASE_BOOST` times, in the abstract half that. Without it there is no phrase boost.
   */
  readonly texts?: (ids: readonly PaperId[]) => Promise<readonly ({ title: string; abstract?: string } | undefined)[]>;
}

export interface RankedHit {
  readonly id: PaperId;
  readonly doc: number;
  readonly score: number;
  /** Index terms standing for the query words this paper matched (for highlighting). */
  readonly terms: readonly string[];
}

export interface QueryResult {
  readonly hits: RankedHit[];
  /** Papers that matched (an estimate when not `exact`). */
  readonly total: number;
  readonly exact: boolean;
}

export interface Expansion {
  readonly term: string;
  readonly weight: number;
  /** Which query word it stands for. */
  readonly q: number;
}

/** Typed prefixes complete to at most this many words, the most frequent ones. */
export const PREFIX_CAP = 12;
/** A typed prefix shorter than this completes nothing ("a" would touch every paper). */
const MIN_PREFIX = 2;
const PREFIX_WEIGHT = 0.375;
const FUZZY_CAP = 16;
const FUZZY_WEIGHT = 0.45;
/**
 * Typo tolerance as a share of word length (rounded, at least 1; a swap of two letters is one edit). Only
 * a word that is no index term (or a rare one, see `RARE_TERM`) is looked up with typos, so "loss" never
 * also finds "less"; words of 3–4 letters get one edit ("tsk", "mdal" are slips of task, modal). Words
 * under 3 letters and numbers match exactly.
 */
const FUZZY = 0.25;
/**
 * A query word in this many papers or fewer may itself be a slip: real text is full of them ("leaning" for
 * learning, an acronym "CLAS" beside class), so a typed slip is often an index term of its own. Such a word
 * is still looked up with typos, and a spelling within reach counts if it is `LIKELIER` times as frequent
 * (the likelier intent; the exact word keeps its full weight, so a real rare word still ranks its paper).
 */
const RARE_TERM = 2;
const LIKELIER = 5;
/** Query words beyond this are ignored (the coordination mask is 32 bits). */
const MAX_QUERY_TERMS = 16;
/** Whole lists are read while the query's postings total at most this many. */
export const EXHAUSTIVE = 250_000;
/** Vocabulary blocks a completion scans per segment beyond its head record. */
const PREFIX_BLOCKS = 4;
const PERSON_BOOST = 2;
export const PHRASE_BOOST = 1.5;
/** Hits whose text is read for the phrase boost: at least this many, and twice the limit. */
const PHRASE_HEAD = 40;

// ───────────────────────────── expansion ─────────────────────────────

/**
 * Index terms standing for each query word: the word itself; for the word being typed, its most frequent
 * completions; and only for a word with neither, the terms within its typo distance (nearest only).
 */
export async function expand(
  snap: Snapshot,
  qTerms: readonly string[],
  prefix: boolean,
  optionalLast = false,
): Promise<Expansion[]> {
  const dfs = await snap.df(qTerms);
  const last = prefix ? qTerms.length - 1 : -1;
  const out: Expansion[] = [];
  const heads = await snap.heads();
  const prefixWeight = (t: string, c: string) => (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * (c.length - t.length));
  for (const [q, t] of qTerms.entries()) {
    if (optionalLast && q === last) {
      // A stop word being typed: completions only (stop words are no index terms, nor typos of one).
      for (const c of await completionsOf(snap, heads, t)) out.push({ term: c, weight: prefixWeight(t, c), q });
      continue;
    }
    let found = 0;
    const exactDf = dfs.get(t) ?? 0;
    if (exactDf > 0) {
      out.push({ term: t, weight: 1, q });
      if (exactDf > RARE_TERM) found++;
    }
    if (q === last && t.length >= MIN_PREFIX) {
      const completions = (await completionsOf(snap, heads, t)).filter((c) => c !== t);
      for (const c of completions) out.push({ term: c, weight: prefixWeight(t, c), q });
      found += completions.length;
    }
    if (found === 0 && t.length >= 3 && !/\d/.test(t)) {
      const max = Math.max(1, Math.round(FUZZY * t.length));
      for (const { term, dist, df } of nearest(heads, t, max))
        if (df >= LIKELIER * exactDf) out.push({ term, weight: (FUZZY_WEIGHT * t.length) / (t.length + dist), q });
    }
  }
  return out;
}

/** The most frequent words starting with `p` (summed over segments). */
async function completionsOf(
  snap: Snapshot,
  heads: readonly { seg: Snapshot['segments'][number]; head: HeadRecord }[],
  p: string,
): Promise<string[]> {
  const df = new Map<string, number>();
  const end = `${p}\uffff`;
  const more: string[] = [];
  for (const { seg, head } of heads) {
    let n = 0;
    for (let i = lowerStr(head.terms, p); i < head.terms.length && (head.terms[i] ?? '') < end; i++) {
      const t = head.terms[i] ?? '';
      df.set(t, (df.get(t) ?? 0) + (head.df[i] ?? 0));
      n++;
    }
    // Past the head, the rest of the range (rare words) matters only when the head has too few.
    if (!seg.headComplete && n < PREFIX_CAP) {
      const from = Math.max(0, vocabBlockOf(seg.firsts, p));
      const to = Math.min(from + PREFIX_BLOCKS - 1, Math.max(0, vocabBlockOf(seg.firsts, end)));
      for (let b = from; b <= to; b++) more.push(key.vocab(seg.id, b));
    }
  }
  if (more.length) {
    const records = await snap.records(more);
    for (const r of records.values()) {
      const v = r as VocabRecord;
      for (let i = lowerStr(v.terms, p); i < v.terms.length && (v.terms[i] ?? '') < end; i++) {
        const t = v.terms[i] ?? '';
        if (t.charCodeAt(0) === 0x21) continue;
        if (!df.has(t)) df.set(t, v.df[i] ?? 0);
      }
    }
  }
  return [...df]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, PREFIX_CAP)
    .map(([t]) => t);
}

function lowerStr(a: readonly string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] ?? '') < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Head words within `max` edits of `t`, the nearest only: "difusion" means "diffusion", not "fusion". */
export function nearest(
  heads: readonly { head: HeadRecord }[],
  t: string,
  max: number,
): { term: string; dist: number; df: number }[] {
  const out = new Map<string, { dist: number; df: number }>();
  const rows = new Int32Array(3 * (t.length + 1));
  const mine = letterSet(t);
  for (const { head } of heads)
    head.terms.forEach((x, i) => {
      const seen = out.get(x);
      if (seen) {
        seen.df += head.df[i] ?? 0;
        return;
      }
      if (Math.abs(x.length - t.length) > max || x === t) return;
      if (popcount(mine ^ letterSet(x)) > 2 * max) return;
      const dist = boundedEdit(t, x, max, rows);
      if (dist <= max) out.set(x, { dist, df: head.df[i] ?? 0 });
    });
  const best = Math.min(...[...out.values()].map((o) => o.dist));
  return [...out]
    .filter(([, o]) => o.dist === best)
    .slice(0, FUZZY_CAP)
    .map(([term, o]) => ({ term, dist: o.dist, df: o.df }));
}

/** The letters of a word as bits: a–z one each, digits and anything else folded onto the last bits. */
export function letterSet(w: string): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + (c % 3) : 29 + (c % 3));
  }
  return m;
}

export function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/**
 * Edit distance of `a` and `b` counting a swap of two adjacent letters as one edit (optimal string
 * alignment), or `max + 1` as soon as it must exceed `max`. A swap is the commonest slip when typing fast
 * ("mdoel", "lareg"); as two Levenshtein edits it put a 5-letter word's slip out of reach. `rows` holds
 * three rows of `a.length + 1`.
 */
export function boundedEdit(
  a: string,
  b: string,
  max: number,
  rows: Int32Array = new Int32Array(3 * (a.length + 1)),
): number {
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

// ───────────────────────────── filters ─────────────────────────────

/** Per segment, the local docs a filter allows (undefined: no filter). */
type Allowed = Map<number, Uint8Array> | undefined;

async function allowedBy(snap: Snapshot, f: QueryFilter | undefined): Promise<Allowed> {
  if (!f) return undefined;
  const sets: string[][] = [];
  if (f.categories?.length) {
    // An archive ("cs", "hep-th") stands for every category in it: find its subjects among the keywords.
    const wanted = new Set<string>();
    for (const c of f.categories) wanted.add(KEYWORD.category + c);
    const prefixes = f.categories.map((c) => `${KEYWORD.category}${c}.`);
    for (const seg of snap.segments) {
      const blocks = new Set<number>();
      for (const p of prefixes)
        for (let b = Math.max(0, vocabBlockOf(seg.firsts, p)); b <= vocabBlockOf(seg.firsts, `${p}\uffff`); b++)
          blocks.add(b);
      const records = await snap.records([...blocks].map((b) => key.vocab(seg.id, b)));
      for (const r of records.values())
        for (const t of (r as VocabRecord).terms) if (prefixes.some((p) => t.startsWith(p))) wanted.add(t);
    }
    sets.push([...wanted]);
  }
  for (const a of f.authors ?? []) sets.push([KEYWORD.author + authorKey(a)]);
  if (f.yearFrom !== undefined || f.yearTo !== undefined) {
    const from = f.yearFrom ?? 1900;
    const to = f.yearTo ?? 2100;
    const years: string[] = [];
    for (let y = Math.max(1900, from); y <= Math.min(2100, to); y++) years.push(KEYWORD.year + y);
    sets.push(years);
  }
  let ids: Map<number, Uint8Array> | undefined;
  if (f.saved?.want) {
    // Only saved papers: a small set (the reading list), located in each segment.
    ids = new Map();
    const docs = [...f.saved.ids].flatMap((id) => {
      const d = docOfId(id);
      return d === undefined ? [] : [d];
    });
    for (const seg of snap.segments) {
      const rec = await snap.docs(seg);
      const bits = new Uint8Array(seg.docs);
      for (const d of docs) {
        const i = lowerBound(rec.docs, d);
        if (rec.docs[i] === d) bits[i] = 1;
      }
      for (let i = 0; i < rec.allocIds.length; i++)
        if (f.saved.ids.has(rec.allocIds[i] ?? '')) {
          const at = lowerBound(rec.docs, rec.allocDocs[i] ?? 0);
          bits[at] = 1;
        }
      ids.set(seg.id, bits);
    }
  }
  if (sets.length === 0) return ids;
  // Each set is a union of keywords; the filter is the intersection of the sets.
  const infos = await snap.lookup(sets.flat());
  const out = new Map<number, Uint8Array>();
  for (const seg of snap.segments) {
    const count = new Uint8Array(seg.docs);
    for (const set of sets) {
      const mark = new Uint8Array(seg.docs);
      const mine = set.flatMap((k) => (infos.get(k) ?? []).filter((i) => i.seg.id === seg.id));
      for (const p of await snap.postings(mine, true)) for (const local of p.docs) mark[local] = 1;
      for (let i = 0; i < mark.length; i++) if (mark[i]) count[i] = (count[i] ?? 0) + 1;
    }
    const bits = new Uint8Array(seg.docs);
    const saved = ids?.get(seg.id);
    for (let i = 0; i < bits.length; i++) if (count[i] === sets.length && (!saved || saved[i])) bits[i] = 1;
    out.set(seg.id, bits);
  }
  return out;
}

// ───────────────────────────── scoring ─────────────────────────────

export interface Candidate {
  seg: number;
  local: number;
  score: number;
  mask: number;
  /** Raw BM25 sum before coordination. */
  raw: number;
}

/** Score arrays reused across queries, per segment size (a 1M-doc segment's arrays are 8 MB). */
const pool = new Map<number, { score: Float64Array; mask: Uint32Array }[]>();
function arrays(n: number): { score: Float64Array; mask: Uint32Array } {
  const list = pool.get(n);
  const a = list?.pop();
  return a ?? { score: new Float64Array(n), mask: new Uint32Array(n) };
}
function release(n: number, a: { score: Float64Array; mask: Uint32Array }, touched: readonly number[]): void {
  for (const i of touched) {
    a.score[i] = 0;
    a.mask[i] = 0;
  }
  let list = pool.get(n);
  if (!list) {
    list = [];
    pool.set(n, list);
  }
  // Only large arrays are worth keeping; one per size is enough for one query at a time.
  if (n >= 4096 && list.length < 1) list.push(a);
  if (pool.size > 32) pool.clear();
}

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** A query that reads as a person's name ("Daniel Roberts", "D. A. Roberts"). */
export function personOf(query: string): string | undefined {
  return /^\p{L}[\p{L}.'’-]*(?:[\s,]+\p{L}[\p{L}.'’-]*){1,3}$/u.test(query.trim()) ? authorKey(query) : undefined;
}

export async function search(snap: Snapshot, query: string, options: QueryOptions = {}): Promise<QueryResult> {
  const qTerms = [...new Set(searchTerms(query))].slice(0, MAX_QUERY_TERMS);
  const prefix = options.prefix ?? true;
  // The word being typed may be a stop word only so far: "neural no" is on its way to "node", "work" to
  // "workshop". It is dropped as a stop word, so it is put back as an optional word that only completes:
  // it scores the papers with a completion and costs the others nothing (it stays out of coordination).
  const tail = words(normaliseTitle(query)).at(-1) ?? '';
  const optional = prefix && STOP_WORDS.has(tail) && tail.length >= MIN_PREFIX && qTerms.length < MAX_QUERY_TERMS;
  if (optional) qTerms.push(tail);
  if (qTerms.length === 0 || snap.size === 0) return { hits: [], total: 0, exact: true };
  const limit = options.limit ?? 20;
  const expansions = await expand(snap, qTerms, prefix, optional);
  if (expansions.length === 0) return { hits: [], total: 0, exact: true };
  const person = personOf(query);
  const terms = [...new Set(expansions.map((e) => e.term))];
  const [infos, allowed] = await Promise.all([
    snap.lookup(person ? [...terms, KEYWORD.author + person] : terms),
    allowedBy(snap, options.filter),
  ]);
  const N = Math.max(1, snap.size);
  const dfOf = (t: string) => (infos.get(t) ?? []).reduce((s, i) => s + i.df, 0);
  const totalPostings = terms.reduce((s, t) => s + dfOf(t), 0);
  const exact = totalPostings <= EXHAUSTIVE;
  const weightOf = new Map<string, { w: number; bit: number }[]>();
  for (const e of expansions) {
    const list = weightOf.get(e.term) ?? [];
    list.push({ w: e.weight * idf(N, dfOf(e.term)), bit: 1 << e.q });
    weightOf.set(e.term, list);
  }
  const byTerm: { term: string; info: TermInfo }[] = [];
  for (const t of terms) for (const info of infos.get(t) ?? []) byTerm.push({ term: t, info });
  const lists = await snap.postings(
    byTerm.map((x) => x.info),
    exact,
  );
  const personLists = person ? await snap.postings(infos.get(KEYWORD.author + person) ?? [], true) : ([] as Postings[]);

  const nq = qTerms.length;
  const optionalBit = optional ? 1 << (nq - 1) : 0;
  /** Coordination: the share of query words matched, squared (an optional word unmatched is not asked). */
  const coord = (mask: number) => (popcount(mask) / (optional && (mask & optionalBit) === 0 ? nq - 1 : nq)) ** 2;
  const candidates: Candidate[] = [];
  let matched = 0;
  for (const seg of snap.segments) {
    const del = await snap.deletions(seg);
    const ok = allowed?.get(seg.id);
    const a = arrays(seg.docs);
    const touched: number[] = [];
    lists.forEach((p, i) => {
      if (p.seg.id !== seg.id) return;
      const term = byTerm[i]?.term ?? '';
      for (const { w, bit } of weightOf.get(term) ?? []) {
        const scale = w / IMPACT_SCALE;
        const { docs, imps } = p;
        for (let j = 0; j < docs.length; j++) {
          const local = docs[j] ?? 0;
          const m = a.mask[local] ?? 0;
          if (m === 0) touched.push(local);
          a.score[local] = (a.score[local] ?? 0) + scale * (imps[j] ?? 0);
          a.mask[local] = m | bit;
        }
      }
    });
    const isPerson = person ? new Set<number>() : undefined;
    if (isPerson) for (const p of personLists) if (p.seg.id === seg.id) for (const l of p.docs) isPerson.add(l);
    for (const local of touched) {
      if (del.locals?.[local] === 1 || (ok && ok[local] !== 1)) continue;
      matched++;
      const mask = a.mask[local] ?? 0;
      const raw = a.score[local] ?? 0;
      let score = raw * coord(mask);
      if (isPerson?.has(local)) score *= PERSON_BOOST;
      candidates.push({ seg: seg.id, local, score, mask, raw });
    }
    release(seg.docs, a, touched);
  }
  let head = topCandidates(candidates, Math.max(limit * 5, 100));
  if (!exact) head = await complete(snap, head, qTerms, weightOf, infos, coord, person, personLists);
  // Ids, and the saved-state filter that only the caller's reading list can answer.
  const docsOf = new Map<number, DocsRecord>();
  for (const c of head) if (!docsOf.has(c.seg)) docsOf.set(c.seg, await snap.docs(snap.segment(c.seg)));
  const hits: RankedHit[] = [];
  const unsaved = options.filter?.saved && !options.filter.saved.want ? options.filter.saved.ids : undefined;
  for (const c of head) {
    const docs = docsOf.get(c.seg);
    const doc = docs?.docs[c.local];
    if (!docs || doc === undefined) continue;
    const id = idOf(docs, doc) as PaperId | undefined;
    if (!id || unsaved?.has(id)) continue;
    const matchedTerms = expansions.filter((e) => (c.mask & (1 << e.q)) !== 0).map((e) => e.term);
    hits.push({ id, doc, score: c.score, terms: [...new Set(matchedTerms)] });
  }
  const ranked = await phraseBoost(hits, query, qTerms.length, limit, options.texts);
  const estimate = exact
    ? matched
    : Math.max(
        matched,
        ...qTerms.map((_, q) => expansions.filter((e) => e.q === q).reduce((s, e) => s + dfOf(e.term), 0)),
      );
  return { hits: ranked, total: estimate, exact };
}

/** Reorders the head of the ranking by the phrase boost, and cuts it to `limit`. */
async function phraseBoost(
  hits: RankedHit[],
  query: string,
  words: number,
  limit: number,
  texts: QueryOptions['texts'],
): Promise<RankedHit[]> {
  if (!texts || words < 2 || hits.length === 0) return hits.slice(0, limit);
  const phrase = ` ${normaliseTitle(query)} `;
  const head = hits.slice(0, Math.max(PHRASE_HEAD, 2 * limit));
  const found = await texts(head.map((h) => h.id));
  // Normalising the head's titles and abstracts was most of a query's time, so a text is normalised only
  // if it may hold the phrase's longest word.
  const longest = phrase
    .trim()
    .split(' ')
    .reduce((a, b) => (b.length > a.length ? b : a), '');
  const holds = (text: string) =>
    (!/^[a-z0-9]+$/.test(longest) || mayContainWord(text, longest)) && ` ${normaliseTitle(text)} `.includes(phrase);
  const boosted = head.map((h, i) => {
    const t = found[i];
    let score = h.score;
    if (t && holds(t.title)) score *= PHRASE_BOOST;
    if (t?.abstract && holds(t.abstract)) score *= 1 + (PHRASE_BOOST - 1) / 2;
    return { ...h, score };
  });
  boosted.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return boosted.slice(0, limit);
}

const byRank = (a: Candidate, b: Candidate) => b.score - a.score || a.seg - b.seg || a.local - b.local;

/**
 * The `k` best candidates, best first (ties: earlier segment, lower local doc): the same as sorting all
 * and keeping `k`, without sorting all. A common word over a million papers leaves hundreds of thousands
 * of candidates; the `k`-th best score is found with a heap of `k` numbers, and only the candidates at or
 * above it are sorted.
 */
export function topCandidates(all: Candidate[], k: number): Candidate[] {
  if (all.length <= k * 4) return all.sort(byRank).slice(0, k);
  const threshold = kthLargest(all, k);
  const above: Candidate[] = [];
  const at: Candidate[] = [];
  for (const c of all) {
    if (c.score > threshold) above.push(c);
    else if (c.score === threshold) at.push(c);
  }
  at.sort(byRank);
  return above.concat(at.slice(0, k - above.length)).sort(byRank);
}

/** The `k`-th largest score (k ≤ all.length), with a min-heap of the `k` largest seen. */
function kthLargest(all: readonly Candidate[], k: number): number {
  const heap = new Float64Array(k);
  let size = 0;
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && (heap[l] as number) < (heap[m] as number)) m = l;
      if (r < size && (heap[r] as number) < (heap[m] as number)) m = r;
      if (m === i) return;
      const t = heap[i] as number;
      heap[i] = heap[m] as number;
      heap[m] = t;
      i = m;
    }
  };
  for (const c of all) {
    const v = c.score;
    if (size < k) {
      let i = size++;
      heap[i] = v;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((heap[p] as number) <= (heap[i] as number)) break;
        const t = heap[p] as number;
        heap[p] = heap[i] as number;
        heap[i] = t;
        i = p;
      }
    } else if (v > (heap[0] as number)) {
      heap[0] = v;
      down(0);
    }
  }
  return heap[0] as number;
}

/**
 * For candidates found through top tiers: looks each query word they did not match up in its whole list
 * (big terms only: a short list was read whole already), and rescores.
 */
async function complete(
  snap: Snapshot,
  head: Candidate[],
  qTerms: readonly string[],
  weightOf: ReadonlyMap<string, readonly { w: number; bit: number }[]>,
  infos: ReadonlyMap<string, readonly TermInfo[]>,
  coord: (mask: number) => number,
  person: string | undefined,
  personLists: readonly Postings[],
): Promise<Candidate[]> {
  const full = (1 << qTerms.length) - 1;
  const lacking = head.filter((c) => c.mask !== full);
  if (lacking.length === 0) return head;
  // Only the query words themselves (not completions or spellings) are looked up whole.
  const wanted: TermInfo[] = [];
  for (const t of qTerms) for (const i of infos.get(t) ?? []) if (i.full >= 0) wanted.push(i);
  if (wanted.length === 0) return head;
  const lists = await snap.postings(wanted, true);
  for (const c of lacking) {
    let raw = c.raw;
    let mask = c.mask;
    lists.forEach((p, i) => {
      if (p.seg.id !== c.seg) return;
      const info = wanted[i];
      const term = qTerms.find((t) => (infos.get(t) ?? []).includes(info as TermInfo)) ?? '';
      for (const { w, bit } of weightOf.get(term) ?? []) {
        if ((mask & bit) !== 0) continue;
        const j = lowerBound(p.docs, c.local);
        if (p.docs[j] !== c.local) continue;
        raw += (w / IMPACT_SCALE) * (p.imps[j] ?? 0);
        mask |= bit;
      }
    });
    c.raw = raw;
    c.mask = mask;
    let score = raw * coord(mask);
    if (person && personLists.some((p) => p.seg.id === c.seg && p.docs[lowerBound(p.docs, c.local)] === c.local))
      score *= PERSON_BOOST;
    c.score = score;
  }
  return topCandidates(head, head.length);
}
