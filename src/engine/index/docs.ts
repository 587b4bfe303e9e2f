/**
 * Document numbers: the 32-bit integers the index's postings hold. Pure.
 *
 * An arXiv paper's number is its id, packed: `2401.12345` is 2401·100000 + 12345, and an old-style
 * `hep-th/9901001` is 2³⁰ + (archive index)·10⁷ + 9901001. So a hit's id is computed from its number (no
 * lookup table, no read), postings in number order are in submission order, and a paper keeps its number
 * for ever, however often it is re-indexed. Other papers (`title:<hash>` ids, old-style ids with a
 * subject class such as `math.AG/0101001`) are given numbers from 2³¹ up by the index's allocator, kept
 * in the paper record and in their segment's table.
 */
import { OLD_ARCHIVES } from '../../core/ids';
import type { PaperId } from '../../core/paper';

export type DocNumber = number;

/** Numbers from here up are allocated, not computed from an id. */
export const FIRST_ALLOCATED = 2 ** 31;
const OLD_BASE = 2 ** 30;
const ARCHIVE_INDEX = new Map(OLD_ARCHIVES.map((a, i) => [a, i] as const));

const NEW_STYLE = /^(\d{4})\.(\d{4,5})$/;
const OLD_STYLE = /^([a-z-]+)\/(\d{7})$/;

/** The number an id packs into, or undefined when it must be allocated. */
export function docOfId(id: string): DocNumber | undefined {
  let m = NEW_STYLE.exec(id);
  if (m) {
    const yymm = Number(m[1]);
    const seq = m[2] ?? '';
    // Four-digit sequence numbers ended with 1412, five-digit ones began with 1501 (src/core/ids.ts):
    // the width follows from yymm, so 0704.0001 and a would-be 0704.00001 cannot both exist.
    if (yymm < 1501 !== (seq.length === 4)) return undefined;
    return yymm * 100_000 + Number(seq);
  }
  m = OLD_STYLE.exec(id);
  if (m) {
    const archive = ARCHIVE_INDEX.get(m[1] ?? '');
    if (archive === undefined) return undefined;
    return OLD_BASE + archive * 10_000_000 + Number(m[2]);
  }
  return undefined;
}

/** The id a computed number stands for; undefined for allocated numbers (see the segment's table). */
export function idOfDoc(doc: DocNumber): PaperId | undefined {
  if (doc >= FIRST_ALLOCATED || doc < 0) return undefined;
  if (doc >= OLD_BASE) {
    const rest = doc - OLD_BASE;
    const archive = OLD_ARCHIVES[Math.floor(rest / 10_000_000)];
    return archive === undefined ? undefined : (`${archive}/${String(rest % 10_000_000).padStart(7, '0')}` as PaperId);
  }
  const yymm = Math.floor(doc / 100_000);
  const seq = doc % 100_000;
  return `${String(yymm).padStart(4, '0')}.${String(seq).padStart(yymm < 1501 ? 4 : 5, '0')}` as PaperId;
}

/** FNV-1a over UTF-16 code units, 32 bits, from a seed (two seeds give two independent-enough hashes). */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // A final avalanche (murmur3's fmix32): FNV alone clusters short keys that differ in their last letter.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const SECOND_SEED = 0x9747b28c;

/** Index of the first element ≥ x in a sorted typed array (its length when none). */
export function lowerBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  let l = lo;
  let h = hi;
  while (l < h) {
    const mid = (l + h) >>> 1;
    if ((a[mid] ?? 0) < x) l = mid + 1;
    else h = mid;
  }
  return l;
}

/** Whether sorted `a` holds x. */
export function contains(a: ArrayLike<number>, x: number): boolean {
  const i = lowerBound(a, x);
  return i < a.length && a[i] === x;
}
