/**
 * Title keys: how a string on a page finds the corpus titles it may name, without the titles in memory.
 * Pure.
 *
 * Each corpus title leaves a few 32-bit keys (hashes of word sequences of its normalised form): the whole
 * title (two independent hashes, so an exact match needs no check against the text), its main part before
 * a subtitle (`M`), its first half (`F`, ⌈n/2⌉ words) and its last half (`L`, ⌊n/2⌋ words). A string from a
 * page probes the keys it would share with a title it names:
 * - the same title, whatever its case, punctuation, TeX or Unicode spelling: the whole-title keys;
 * - the main title only, or the title with a subtitle added: its whole words as an `M` key, its main part
 *   as a whole-title key;
 * - one word changed, added or dropped: the half the edit left alone, for the title lengths one edit away;
 * - truncated with "…" (as Google Scholar prints long titles): its first k words as an `F` key for every k,
 *   since the title's first half is some prefix of what is visible.
 * A key shared only says "look at this title"; `titles.ts` verifies the candidates with a word edit distance.
 * Halves with fewer than two content words are not keys: "a survey" or "on the" would name thousands.
 *
 * Memory: about 3.3 keys per title, 8 bytes each, plus 12 bytes per whole title: ~38 MB for 1M titles.
 */
import { STOP_WORDS } from '../normalize';
import { hash32, lowerBound, SECOND_SEED } from './docs';
import { titleWords } from './tokens';

export interface TitleKeys {
  readonly whole: readonly [number, number] | undefined;
  readonly parts: readonly number[];
}

/** Subtitle separators: "Main: subtitle", "Main — subtitle", "Main? Subtitle" (as titles.ts splits them). */
export const SUBTITLE = /\s*(?::|\s[-–—]\s|\?\s|\.\s)\s*/;
/** Ellipsis left by truncation: "…", "...", ". . ." at the end. */
export const TRUNCATED = /(?:…|\.\s?\.\s?\.)\s*$/;

const contentWords = (ws: readonly string[], from = 0, to = ws.length): number => {
  let n = 0;
  for (let i = from; i < to; i++) if (!STOP_WORDS.has(ws[i] ?? '')) n++;
  return n;
};

const seq = (ws: readonly string[], from: number, to: number): string => ws.slice(from, to).join(' ');
const wholeKey = (s: string): [number, number] => [hash32(s), hash32(s, SECOND_SEED)];
const partKey = (kind: 'M' | 'F' | 'L', s: string): number => hash32(`${kind}|${s}`);

/** The main part of a title before its subtitle, as words; undefined when there is no subtitle. */
function mainWords(title: string, ws: readonly string[]): string[] | undefined {
  const parts = title.split(SUBTITLE);
  if (parts.length < 2) return undefined;
  const main = titleWords(parts[0] ?? '');
  return main.length > 0 && main.length < ws.length ? main : undefined;
}

/** The keys a corpus title leaves. */
export function titleKeys(title: string): TitleKeys {
  const ws = titleWords(title);
  if (ws.length === 0) return { whole: undefined, parts: [] };
  const parts: number[] = [];
  const main = mainWords(title, ws);
  if (main && contentWords(main) >= 2) parts.push(partKey('M', main.join(' ')));
  const n = ws.length;
  const half = Math.ceil(n / 2);
  if (n >= 4 && contentWords(ws, 0, half) >= 2) parts.push(partKey('F', seq(ws, 0, half)));
  if (n >= 4 && contentWords(ws, half, n) >= 2) parts.push(partKey('L', seq(ws, half, n)));
  return { whole: wholeKey(ws.join(' ')), parts };
}

/** What a page string looks up. */
export interface Probe {
  /** Its normalised words, without a trailing ellipsis. */
  readonly words: readonly string[];
  readonly truncated: boolean;
  /** Its own whole-title keys (an exact match), unless truncated. */
  readonly whole: readonly [number, number] | undefined;
  /** Whole-title keys that only name candidates (its main part: the page added a subtitle). */
  readonly wholeCandidates: readonly (readonly [number, number])[];
  readonly parts: readonly number[];
}

export function probeKeys(text: string, maxWords = 60): Probe | undefined {
  const truncated = TRUNCATED.test(text);
  const clean = truncated ? text.replace(TRUNCATED, '') : text;
  const ws = titleWords(clean);
  if (ws.length === 0 || ws.length > maxWords) return undefined;
  const n = ws.length;
  const parts = new Set<number>();
  const wholeCandidates: [number, number][] = [];
  if (truncated) {
    // The last visible word may be cut ("Neural Sc…"): prefixes end before it.
    for (let k = 2; k < n; k++) parts.add(partKey('F', seq(ws, 0, k)));
    for (let k = 2; k < n; k++) parts.add(partKey('M', seq(ws, 0, k)));
  } else {
    parts.add(partKey('M', ws.join(' ')));
    const main = mainWords(clean, ws);
    if (main) {
      wholeCandidates.push(wholeKey(main.join(' ')));
      parts.add(partKey('M', main.join(' ')));
    }
    // A title one edit away has n − 1, n or n + 1 words; the half the edit missed is intact.
    for (const m of [n - 1, n, n + 1]) {
      if (m < 4) continue;
      const h = Math.ceil(m / 2);
      const rest = m - h;
      if (h <= n) parts.add(partKey('F', seq(ws, 0, h)));
      if (rest > 0 && rest <= n) parts.add(partKey('L', seq(ws, n - rest, n)));
    }
  }
  return {
    words: ws,
    truncated,
    whole: truncated ? undefined : wholeKey(ws.join(' ')),
    wholeCandidates,
    parts: [...parts],
  };
}

/** Keys of many titles, sorted for lookup: what a segment stores (`t` record) and what a scan reads. */
export interface TitleTable {
  /** Whole-title keys, sorted by `h1`; `h2` and `docs` parallel. */
  readonly h1: Uint32Array;
  readonly h2: Uint32Array;
  readonly wholeDocs: Uint32Array;
  /** Part keys, sorted; `partDocs` parallel. */
  readonly parts: Uint32Array;
  readonly partDocs: Uint32Array;
}

/** Builds the table of `titles` (doc number and keys). */
export function titleTable(entries: readonly { readonly doc: number; readonly keys: TitleKeys }[]): TitleTable {
  const whole: [number, number, number][] = [];
  const parts: [number, number][] = [];
  for (const { doc, keys } of entries) {
    if (keys.whole) whole.push([keys.whole[0], keys.whole[1], doc]);
    for (const k of new Set(keys.parts)) parts.push([k, doc]);
  }
  whole.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  parts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    h1: Uint32Array.from(whole, (w) => w[0]),
    h2: Uint32Array.from(whole, (w) => w[1]),
    wholeDocs: Uint32Array.from(whole, (w) => w[2]),
    parts: Uint32Array.from(parts, (p) => p[0]),
    partDocs: Uint32Array.from(parts, (p) => p[1]),
  };
}

/** Docs whose whole title has both keys. */
export function lookupWhole(t: TitleTable, key: readonly [number, number], out: number[]): void {
  for (let i = lowerBound(t.h1, key[0]); i < t.h1.length && t.h1[i] === key[0]; i++)
    if (t.h2[i] === key[1]) out.push(t.wholeDocs[i] ?? 0);
}

/** Docs with part key `key`; none when more than `cap` share it (too generic to be a lead). */
export function lookupPart(t: TitleTable, key: number, cap: number, out: number[]): void {
  const from = lowerBound(t.parts, key);
  let to = from;
  while (to < t.parts.length && t.parts[to] === key) to++;
  if (to - from > cap) return;
  for (let i = from; i < to; i++) out.push(t.partDocs[i] ?? 0);
}
