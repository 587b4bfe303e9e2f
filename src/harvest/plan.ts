/**
 * What a harvest asks for, in order: for each chosen set, consecutive date windows from the start day to
 * today. Windows bound what a lost resumption token costs (the window is asked again, not the whole
 * set), so a busy category gets short windows and a quiet one a single window. Pure.
 */
import { addDays, DEFAULT_PAGE_SIZE, daysBetween, EARLIEST_DATESTAMP, MIN_INTERVAL_MS } from './oai';
import type { HarvestCategory } from './taxonomy';

export interface HarvestTask {
  /** The category (or archive) code the user chose. */
  readonly category: string;
  readonly set: string;
  /** Inclusive days, `YYYY-MM-DD`. */
  readonly from: string;
  readonly until: string;
  /** Records expected in the window (from the category's yearly estimate), for "requests left". */
  readonly expected: number;
}

/** Records a window should hold: about five pages, so a lost token costs at most a few requests again. */
export const WINDOW_TARGET_RECORDS = 5000;
const MAX_WINDOW_DAYS = 3650;

/** Days per window for a category of `perYear` papers: 30 for cs.LG, the whole span for cs.GL. */
export function windowDays(perYear: number): number {
  const days = Math.round((365 * WINDOW_TARGET_RECORDS) / Math.max(1, perYear));
  return Math.min(MAX_WINDOW_DAYS, Math.max(7, days));
}

const expectedIn = (c: HarvestCategory, from: string, until: string) =>
  Math.max(0, Math.round((c.perYear * (daysBetween(from, until) + 1)) / 365));

/** The build of a corpus: every chosen set, in windows from `start` through `today`. */
export function buildTasks(chosen: readonly HarvestCategory[], start: string, today: string): HarvestTask[] {
  const from0 = start < EARLIEST_DATESTAMP ? EARLIEST_DATESTAMP : start;
  const tasks: HarvestTask[] = [];
  for (const c of chosen) {
    const step = windowDays(c.perYear);
    for (let from = from0; from <= today; from = addDays(from, step)) {
      const end = addDays(from, step - 1);
      const until = end > today ? today : end;
      tasks.push({ category: c.code, set: c.set, from, until, expected: expectedIn(c, from, until) });
    }
  }
  return tasks;
}

/**
 * A daily update: each set from the day it was complete through (inclusive: records stamped later that
 * day are asked again; merging makes the repeat harmless) to today, one window each.
 */
export function updateTasks(
  chosen: readonly HarvestCategory[],
  through: Readonly<Record<string, string>>,
  start: string,
  today: string,
): HarvestTask[] {
  return chosen.map((c) => {
    const from = through[c.set] ?? start;
    return { category: c.code, set: c.set, from, until: today, expected: expectedIn(c, from, today) };
  });
}

export interface Estimate {
  readonly records: number;
  readonly requests: number;
  /** The least wall time arXiv's rate allows: one request every 3 s (their response time comes on top). */
  readonly minMs: number;
}

/** Expected records, requests and the shortest allowed wall time for a list of windows. */
export function estimate(tasks: readonly HarvestTask[], pageSize = DEFAULT_PAGE_SIZE): Estimate {
  let records = 0;
  let requests = 0;
  for (const t of tasks) {
    records += t.expected;
    requests += Math.max(1, Math.ceil(t.expected / pageSize));
  }
  return { records, requests, minMs: Math.max(0, requests - 1) * MIN_INTERVAL_MS };
}

/**
 * The wall time of `requests` made one at a time at the allowed rate, when one request (arXiv's answer
 * plus Paperlens's import) takes `perRequestMs`: requests start 3 s apart, or back to back when slower.
 */
export function wallTimeFor(requests: number, perRequestMs: number): number {
  if (requests <= 0) return 0;
  return (requests - 1) * Math.max(MIN_INTERVAL_MS, perRequestMs) + perRequestMs;
}
