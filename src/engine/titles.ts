/**
 * Title recognition: which corpus paper does a string on a page name? Pure.
 *
 * Leads come from title keys (index/title-keys.ts): hashes of the whole normalised title, its main part
 * and its halves, so an exact match is a lookup and a near one (a word changed, a subtitle missing or
 * added, a tail truncated with "…" as Google Scholar prints long titles) shares at least one key. Leads
 * that are not exact are verified by a word-level edit distance; titles that merely share words fail it,
 * and short generic strings ("Introduction", "Deep Learning") fail the specificity rule.
 */
import type { PaperId } from '../core/paper';
import {
  lookupPart,
  lookupWhole,
  type Probe,
  probeKeys,
  SUBTITLE,
  type TitleTable,
  titleKeys,
  titleTable,
} from './index/title-keys';
import { titleWords } from './index/tokens';
import { normaliseTitle, STOP_WORDS } from './normalize';

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

const DEFAULTS = { minConfidence: 0.8, minContentWords: 3, maxVerify: 24 } as const;
/** A part key shared by more titles than this is too generic to lead anywhere ("deep reinforcement learning"). */
const PART_CAP = 64;

/** Where a candidate's leads point: a doc number, resolved to an id and a title by the caller. */
export interface TitleLeads {
  /** Docs whose whole title has the string's keys: an exact match (no title needs reading). */
  readonly exact: readonly number[];
  /** Docs sharing a main part, a half or a prefix: verified against their titles. */
  readonly fuzzy: readonly number[];
}

/** Where leads are looked up: title tables (of index segments, or of a TitleIndex). */
export interface LeadTable {
  readonly table: TitleTable;
  /** Whether a doc of this table was deleted since. */
  readonly deleted?: (doc: number) => boolean;
}

/** Leads of a probe in a set of tables; fuzzy leads ordered by how many keys they share. */
export function leadsOf(probe: Probe, tables: readonly LeadTable[], maxVerify: number): TitleLeads {
  const exact: number[] = [];
  const shared = new Map<number, number>();
  const keep = (t: LeadTable, docs: number[]) => docs.filter((d) => !t.deleted?.(d));
  for (const t of tables) {
    if (probe.whole) {
      const out: number[] = [];
      lookupWhole(t.table, probe.whole, out);
      exact.push(...keep(t, out));
    }
    const out: number[] = [];
    for (const k of probe.wholeCandidates) lookupWhole(t.table, k, out);
    for (const k of probe.parts) lookupPart(t.table, k, PART_CAP, out);
    for (const d of keep(t, out)) shared.set(d, (shared.get(d) ?? 0) + 1);
  }
  const fuzzy = [...shared]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, maxVerify)
    .map(([d]) => d);
  return { exact, fuzzy };
}

/**
 * The best match of a probe among its leads, given their titles: exact keys win (confidence 1, or 0.6
 * for a title too generic to claim alone); otherwise each lead is verified by word edit distance.
 */
export function bestMatch(
  probe: Probe,
  leads: TitleLeads,
  titleOf: (doc: number) => string | undefined,
  minContentWords: number,
): { doc: number; confidence: number; kind: 'exact' | 'fuzzy' } | undefined {
  const ws = probe.words;
  const specific = contentWords(ws) >= minContentWords;
  const first = leads.exact[0];
  if (first !== undefined) return { doc: first, confidence: specific ? 1 : 0.6, kind: 'exact' };
  if (!specific) return undefined;
  let best: { doc: number; confidence: number; kind: 'fuzzy' } | undefined;
  // The page shows only the main title of exactly one corpus "Main: Subtitle".
  const mainOnly: number[] = [];
  for (const doc of leads.fuzzy) {
    const title = titleOf(doc);
    if (title === undefined) continue;
    const own = titleWords(title);
    const main = mainOf(title, own);
    if (!probe.truncated && main && sameWords(main, ws)) mainOnly.push(doc);
    const c = probe.truncated ? prefixConfidence(ws, own) : similarity(ws, own, main);
    if (c > (best?.confidence ?? 0)) best = { doc, confidence: c, kind: 'fuzzy' };
  }
  if (mainOnly.length === 1 && mainOnly[0] !== undefined && (best?.confidence ?? 0) < 0.9)
    return { doc: mainOnly[0], confidence: 0.9, kind: 'fuzzy' };
  return best;
}

function mainOf(title: string, own: readonly string[]): string[] | undefined {
  const parts = title.split(SUBTITLE);
  if (parts.length < 2) return undefined;
  const main = titleWords(parts[0] ?? '');
  return main.length > 0 && main.length < own.length ? main : undefined;
}

const sameWords = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((w, i) => w === b[i]);

/**
 * Title recognition over titles held in memory (tests, the corpus build, small tools); the background
 * scans the index's title tables instead (src/engine/index/scan.ts) with the same keys and verification.
 */
export class TitleIndex {
  private readonly opts: Required<TitleIndexOptions>;
  private readonly ids: PaperId[] = [];
  private readonly titles: string[] = [];
  private table: TitleTable | undefined;
  private readonly keys: { doc: number; keys: ReturnType<typeof titleKeys> }[] = [];

  constructor(
    papers: Iterable<{ readonly id: PaperId; readonly title: string }> = [],
    options: TitleIndexOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
    for (const p of papers) this.add(p.id, p.title);
  }

  get size(): number {
    return this.ids.length;
  }

  add(id: PaperId, title: string): void {
    if (normaliseTitle(title) === '') return;
    this.keys.push({ doc: this.ids.length, keys: titleKeys(title) });
    this.ids.push(id);
    this.titles.push(title);
    this.table = undefined;
  }

  /** The corpus paper a string names, if any. */
  match(text: string): TitleMatch | undefined {
    const probe = probeKeys(text);
    if (!probe) return undefined;
    this.table ??= titleTable(this.keys);
    const leads = leadsOf(probe, [{ table: this.table }], this.opts.maxVerify);
    const m = bestMatch(probe, leads, (d) => this.titles[d], this.opts.minContentWords);
    if (!m || m.confidence < this.opts.minConfidence) return undefined;
    const id = this.ids[m.doc];
    return id === undefined ? undefined : { id, confidence: m.confidence, kind: m.kind };
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
function similarity(ws: readonly string[], own: readonly string[], main: readonly string[] | undefined): number {
  let best = wordSimilarity(ws, own);
  if (main) best = Math.max(best, 0.95 * wordSimilarity(ws, main));
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
