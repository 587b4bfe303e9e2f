/**
 * Title recognition: which corpus paper does a string on a page name? Pure.
 *
 * Exact: the normalised key (see normalize.ts) looked up in a Map, so linear in the length of the text.
 * Fuzzy: candidates come from the text's rarest pairs of consecutive words (an inverted index over title
 * word pairs), then each is verified by a word-level edit distance that also accepts a missing subtitle
 * and a truncated tail ("…", as Google Scholar prints long titles). Titles that merely share words fail the
 * verification; short generic strings ("Introduction", "Deep Learning") fail the specificity rule.
 */
import type { PaperId } from '../core/paper';
import { normaliseTitle, STOP_WORDS, words } from './normalize';

export interface TitleMatch {
  readonly id: PaperId;
  /** 1 for an exact key match; below 1 by how much the text had to be bent to fit. */
  readonly confidence: number;
  readonly kind: 'exact' | 'fuzzy';
}

export interface ScanHit extends TitleMatch {
  /** Index of the candidate string in the array passed to `scan`. */
  readonly index: number;
}

export interface TitleIndexOptions {
  /** Matches below this confidence are not reported. Default 0.8; 0.7–0.9 is sensible. */
  readonly minConfidence?: number;
  /**
   * A title with fewer content words (not stop words) than this is too generic to claim from a page on
   * its own: "Deep Learning" is a real paper title and also a section heading on every ML page.
   * Such titles match only with confidence 0.6 (below the default `minConfidence`). Default 3.
   */
  readonly minContentWords?: number;
  /** How many candidate titles (those sharing most words) are verified per text. Default 24. */
  readonly maxVerify?: number;
}

interface Entry {
  readonly id: PaperId;
  readonly key: string;
  /** Key of the part before a subtitle separator, when there is one. */
  readonly main?: string;
}

const DEFAULTS = { minConfidence: 0.8, minContentWords: 3, maxVerify: 24 } as const;
/** Posting entries counted per fuzzy lookup (past the two rarest words' lists). */
const SEED_BUDGET = 4000;
export const TITLE_INDEX_FORMAT = 1;

export interface SerialisedTitleIndex {
  readonly formatVersion: number;
  readonly entries: readonly (readonly [id: string, title: string])[];
}

/** Ellipsis left by truncation: "…", "...", ". . ." at the end. */
const TRUNCATED = /(?:…|\.\s?\.\s?\.)\s*$/;
/** Subtitle separators: "Main: subtitle", "Main — subtitle", "Main? Subtitle". */
const SUBTITLE = /\s*(?::|\s[-–—]\s|\?\s|\.\s)\s*/;

export class TitleIndex {
  private readonly opts: Required<TitleIndexOptions>;
  private readonly entries: Entry[] = [];
  private readonly exact = new Map<string, number[]>();
  private readonly mains = new Map<string, number[]>();
  /**
   * Entries by pairs of consecutive content words ("scaling laws"), keyed by a 32-bit hash of the pair
   * (no string per pair; a collision only adds a candidate, which verification rejects); see `seeds`.
   */
  private readonly postings = new Map<number, number | number[]>();
  private readonly titles: string[] = [];
  private counts = new Uint8Array(0);

  constructor(
    papers: Iterable<{ readonly id: PaperId; readonly title: string }> = [],
    options: TitleIndexOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
    for (const p of papers) this.add(p.id, p.title);
  }

  get size(): number {
    return this.entries.length;
  }

  add(id: PaperId, title: string): void {
    const key = normaliseTitle(title);
    if (key === '') return;
    const at = this.entries.length;
    const parts = title.split(SUBTITLE);
    const main = parts.length > 1 ? normaliseTitle(parts[0] ?? '') : undefined;
    const ws = words(key);
    // Words are split again when an entry is verified (≤ 24 per lookup) rather than kept: at 100k titles,
    // keeping them cost more than the rest of the index.
    this.entries.push(main && main !== key ? { id, key, main } : { id, key });
    this.titles.push(title);
    push(this.exact, key, at);
    if (main && main !== key) push(this.mains, main, at);
    for (const pair of new Set(pairs(ws))) {
      // Most pairs name one title: a bare number instead of a one-element array halves the index.
      const list = this.postings.get(pair);
      if (list === undefined) this.postings.set(pair, at);
      else if (typeof list === 'number') this.postings.set(pair, [list, at]);
      else list.push(at);
    }
  }

  /** The corpus paper a string names, if any. */
  match(text: string): TitleMatch | undefined {
    const m = this.best(text);
    return m && m.confidence >= this.opts.minConfidence ? m : undefined;
  }

  /**
   * Matches many candidate strings (every title-like string of a listing page). Duplicates are matched
   * once. Returns hits in candidate order.
   */
  scan(candidates: readonly string[]): ScanHit[] {
    const memo = new Map<string, TitleMatch | undefined>();
    const hits: ScanHit[] = [];
    candidates.forEach((c, index) => {
      let m = memo.get(c);
      if (m === undefined && !memo.has(c)) {
        m = this.match(c);
        memo.set(c, m);
      }
      if (m) hits.push({ ...m, index });
    });
    return hits;
  }

  toJSON(): SerialisedTitleIndex {
    return { formatVersion: TITLE_INDEX_FORMAT, entries: this.entries.map((e, i) => [e.id, this.titles[i] ?? '']) };
  }

  /** Rebuilds from `toJSON()` output; normalising titles is cheap, so only titles are stored. */
  static fromJSON(data: SerialisedTitleIndex, options: TitleIndexOptions = {}): TitleIndex {
    if (data.formatVersion !== TITLE_INDEX_FORMAT)
      throw new Error(`TitleIndex: format ${data.formatVersion} is not supported (expected ${TITLE_INDEX_FORMAT})`);
    return new TitleIndex(
      data.entries.map(([id, title]) => ({ id: id as PaperId, title })),
      options,
    );
  }

  private best(text: string): TitleMatch | undefined {
    const truncated = TRUNCATED.test(text);
    const key = normaliseTitle(truncated ? text.replace(TRUNCATED, '') : text);
    if (key === '' || key.length > 600) return undefined;
    const ws = words(key);
    const specific = contentWords(ws) >= this.opts.minContentWords;
    if (!truncated) {
      const hit = this.exact.get(key)?.[0];
      if (hit !== undefined) return { id: this.entry(hit).id, confidence: specific ? 1 : 0.6, kind: 'exact' };
    }
    if (!specific) return undefined;
    // The page shows only the main title, the corpus has "Main: Subtitle".
    const viaMain = this.mains.get(key);
    if (!truncated && viaMain?.length === 1 && viaMain[0] !== undefined)
      return { id: this.entry(viaMain[0]).id, confidence: 0.9, kind: 'fuzzy' };
    let best: TitleMatch | undefined;
    for (const i of this.seeds(ws)) {
      const e = this.entry(i);
      const c = truncated ? prefixConfidence(ws, words(e.key)) : similarity(ws, e);
      if (c > (best?.confidence ?? 0)) best = { id: e.id, confidence: c, kind: 'fuzzy' };
    }
    return best;
  }

  private entry(i: number): Entry {
    const e = this.entries[i];
    if (!e) throw new Error(`TitleIndex: no entry ${i}`);
    return e;
  }

  /**
   * Entries sharing most of the text's pairs of consecutive content words, best first. Pairs, not words:
   * where every word is common (100k titles from a small vocabulary), one word's list holds thousands of
   * titles and a listing page took half a second; a pair's list holds a few. A near-identical title keeps
   * most pairs (a changed word breaks two), a truncated one keeps all before the cut. Only the rarest lists
   * are counted, up to a budget, into a reused count array.
   */
  private seeds(ws: readonly string[]): number[] {
    const lists: (readonly number[])[] = [];
    for (const pair of new Set(pairs(ws))) {
      const list = this.postings.get(pair);
      if (list !== undefined) lists.push(typeof list === 'number' ? [list] : list);
    }
    lists.sort((a, b) => a.length - b.length);
    const used: (readonly number[])[] = [];
    let budget = 0;
    for (const list of lists) {
      if (used.length >= 2 && (used.length >= 6 || budget + list.length > SEED_BUDGET)) break;
      used.push(list);
      budget += list.length;
    }
    if (this.counts.length < this.entries.length) this.counts = new Uint8Array(this.entries.length * 2);
    const counts = this.counts;
    const touched: number[] = [];
    for (const list of used)
      for (const i of list) {
        if (counts[i] === 0) touched.push(i);
        counts[i] = (counts[i] ?? 0) + 1;
      }
    // Counts are at most 6: bucket them rather than sort tens of thousands of pairs for a common word.
    const need = Math.max(1, Math.ceil(0.5 * used.length));
    const buckets: number[][] = used.map(() => []);
    for (const i of touched) {
      const n = counts[i] ?? 0;
      counts[i] = 0;
      if (n >= need) buckets[n - 1]?.push(i);
    }
    const out: number[] = [];
    for (let n = buckets.length - 1; n >= 0 && out.length < this.opts.maxVerify; n--)
      for (const i of buckets[n] ?? []) {
        out.push(i);
        if (out.length >= this.opts.maxVerify) break;
      }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Consecutive content words (stop words between them skipped), each pair as an FNV-1a hash of "a b". */
function pairs(ws: readonly string[]): number[] {
  const out: number[] = [];
  let prev: number | undefined;
  for (const w of ws) {
    if (STOP_WORDS.has(w)) continue;
    const h = fnv(w, 0x811c9dc5);
    if (prev !== undefined) out.push(fnv(w, Math.imul(prev ^ 0x20, 0x01000193)));
    prev = h;
  }
  return out;
}

function fnv(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function contentWords(ws: readonly string[]): number {
  let n = 0;
  for (const w of ws) if (!STOP_WORDS.has(w)) n++;
  return n;
}

/**
 * Word-level similarity: 1 − (edit distance / longer length), where a word differing by one letter
 * ("model" / "models") costs half. Also tries the title's main part, for pages that add a subtitle the
 * corpus lacks or drop one it has.
 */
function similarity(ws: readonly string[], e: Entry): number {
  const own = words(e.key);
  let best = wordSimilarity(ws, own);
  if (e.main) best = Math.max(best, 0.95 * wordSimilarity(ws, words(e.main)));
  // The page adds a subtitle the corpus title lacks: the corpus title is the page text's main part.
  if (ws.length > own.length && own.length >= 4 && startsWith(ws, own)) best = Math.max(best, 0.85);
  return best;
}

export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 0;
  // Quick reject: the length gap alone costs at least |a − b| edits.
  if (Math.abs(a.length - b.length) / n > 0.35) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1] ?? '';
      const y = b[j - 1] ?? '';
      const sub = x === y ? 0 : nearWord(x, y) ? 0.5 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + sub));
    }
    prev = cur;
  }
  return 1 - (prev[b.length] ?? n) / n;
}

/** Two words one edit apart, both long enough that one edit is a typo or inflection, not another word. */
function nearWord(x: string, y: string): boolean {
  if (Math.min(x.length, y.length) < 4 || Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  return Math.max(x.length, y.length) - i - j <= 1;
}

function startsWith(a: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((w, i) => a[i] === w);
}

/**
 * Confidence for a truncated text ("A Solvable Model of Neural Sc…"): every complete word must match the
 * title's words in order, the last (possibly cut) word must be a prefix of the title's next word, and
 * the text must cover enough of the title to be specific.
 */
function prefixConfidence(ws: readonly string[], title: readonly string[]): number {
  if (ws.length > title.length || ws.length < 4) return 0;
  for (let i = 0; i < ws.length - 1; i++) if (ws[i] !== title[i]) return 0;
  const last = ws[ws.length - 1] ?? '';
  if (!(title[ws.length - 1] ?? '').startsWith(last)) return 0;
  const covered = ws.length / title.length;
  return Math.min(0.97, 0.8 + 0.2 * covered);
}
