/**
 * The categories a harvest can ask for: arXiv's taxonomy (data/arxiv-categories.json) without the
 * legacy archives, each with its OAI set and the papers a year the user should expect. Pure.
 */
import data from '../../data/arxiv-categories.json';
import { setSpecFor } from './oai';

export interface HarvestCategory {
  /** `cs.LG`, or a whole archive such as `cs` or `hep-th`. */
  readonly code: string;
  readonly name: string;
  /** The OAI set that holds it (`cs:cs:LG`). */
  readonly set: string;
  /** Rough papers per year, cross-lists included (an estimate: see `perYearNote` in the data file). */
  readonly perYear: number;
  /** A whole archive (`cs`, `math`, `hep-th`) rather than one of its categories. */
  readonly archive: boolean;
}

const names = data.categories as Readonly<Record<string, string>>;
const perYear = data.perYear as Readonly<Record<string, number>>;

export const HARVEST_CATEGORIES: readonly HarvestCategory[] = Object.keys(names)
  .filter((code) => !names[code]?.endsWith('(legacy)'))
  .flatMap((code) => {
    const set = setSpecFor(code);
    const n = perYear[code];
    return set && n ? [{ code, name: names[code] ?? code, set, perYear: n, archive: !code.includes('.') }] : [];
  });

const BY_CODE = new Map(HARVEST_CATEGORIES.map((c) => [c.code, c] as const));

export const harvestCategory = (code: string): HarvestCategory | undefined => BY_CODE.get(code);

/**
 * Categories matching what the user typed: every word must start a word of the code or the name
 * (`ml`, `machine lea`, `hep`, `astro co`). An empty query lists them all, archives first within each.
 */
export function searchCategories(query: string): HarvestCategory[] {
  const words = query
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!words.length) return [...HARVEST_CATEGORIES];
  return HARVEST_CATEGORIES.filter((c) => {
    const hay = `${c.code} ${c.code.replace(/[.-]/g, ' ')} ${c.name}`.toLowerCase().split(/[\s,()-]+/);
    return words.every((w) => hay.some((h) => h.startsWith(w)) || c.code.toLowerCase().startsWith(w));
  });
}

/**
 * The sets to harvest for the user's choice, without repeats: a category inside a chosen archive is
 * left out (the archive's set holds it). Unknown codes are returned apart so the caller can say so.
 */
export function setsFor(codes: readonly string[]): { chosen: HarvestCategory[]; unknown: string[] } {
  const unknown = codes.filter((c) => !BY_CODE.has(c));
  const known = [...new Set(codes)].flatMap((c) => BY_CODE.get(c) ?? []);
  const archives = new Set(known.filter((c) => c.archive).map((c) => c.code));
  const chosen = known.filter((c) => c.archive || !archives.has(c.code.split('.')[0] ?? ''));
  return { chosen, unknown };
}
