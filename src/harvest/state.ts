/**
 * The harvest's state: one record, kept in IndexedDB by src/db/harvest-store.ts after every step, so a
 * closed tab, a stopped worker or a browser restart resumes exactly where it stopped (the window, the
 * resumption token, the day each set is complete through, the time of the last request). Pure: the
 * user's controls (start, pause, resume, cancel, daily on/off) are functions from state to state, and
 * `mergeCommit` decides what survives when a control and a step cross.
 */
import { err, ok, type Result } from '../core/paper';
import { dayOf, EARLIEST_DATESTAMP, isDay, METADATA_FORMATS, type MetadataFormat } from './oai';
import { buildTasks, type HarvestTask, updateTasks } from './plan';
import { setsFor } from './taxonomy';

export const HARVEST_FORMAT_VERSION = 1;
export const MAX_CATEGORIES = 20;

export type HarvestStatus = 'running' | 'paused' | 'error' | 'done' | 'cancelled';
export type FailureKind = 'offline' | 'network' | 'http' | 'busy' | 'malformed' | 'oai' | 'storage';

export interface Counts {
  readonly read: number;
  readonly added: number;
  readonly merged: number;
  readonly rejected: number;
  readonly requests: number;
}

export const NO_COUNTS: Counts = { read: 0, added: 0, merged: 0, rejected: 0, requests: 0 };

export const addCounts = (a: Counts, b: Partial<Counts>): Counts => ({
  read: a.read + (b.read ?? 0),
  added: a.added + (b.added ?? 0),
  merged: a.merged + (b.merged ?? 0),
  rejected: a.rejected + (b.rejected ?? 0),
  requests: a.requests + (b.requests ?? 0),
});

/** What the harvest waits for before its next request, shown to the user. */
export interface Wait {
  readonly reason: 'retry-after' | 'retry' | 'restart';
  readonly until: number;
  readonly message: string;
}

export interface HarvestState {
  readonly formatVersion: typeof HARVEST_FORMAT_VERSION;
  /** Also the import id of every paper it brings, so "remove this import" undoes it. */
  readonly id: string;
  readonly categories: readonly string[];
  readonly format: MetadataFormat;
  /** The day the build harvests from. */
  readonly start: string;
  /** Harvest what changed once a day after the build. */
  readonly daily: boolean;
  readonly status: HarvestStatus;
  readonly pass: 'build' | 'update';
  readonly tasks: readonly HarvestTask[];
  readonly taskIndex: number;
  /** The resumption token of the current window, when arXiv has more. */
  readonly token?: string;
  /** The current window: records read, requests made, arXiv's size for it, and its counts. */
  readonly window: Counts & { readonly size?: number };
  /** This pass (the build, or one daily update) and every pass together. */
  readonly passCounts: Counts;
  readonly totals: Counts;
  /** Set → the last day it is complete through: where the next daily update starts. */
  readonly through: Readonly<Record<string, string>>;
  /** Records per full response, learnt from arXiv's answers. */
  readonly pageSize: number;
  readonly lastRequestAt?: number;
  readonly notBefore?: number;
  readonly wait?: Wait;
  /** Failed requests in a row (network, 5xx, malformed), and 503s in a row. */
  readonly failures: number;
  readonly busy: number;
  readonly error?: { readonly kind: FailureKind; readonly message: string };
  readonly startedAt: number;
  readonly passStartedAt: number;
  readonly finishedAt?: number;
  /** Time spent requesting and importing (not waiting), for the ETA and the bench. */
  readonly activeMs: number;
}

export interface HarvestRequest {
  readonly categories: readonly string[];
  readonly start: string;
  readonly format?: MetadataFormat;
  readonly daily?: boolean;
}

/** A harvest's id, which is also its import id: `harvest-20261201T213915123Z-k3f9`. */
export const newHarvestId = (at: Date, random: () => number = Math.random): string =>
  `harvest-${at.toISOString().replace(/[-:.]/g, '')}-${Math.floor(random() * 36 ** 4).toString(36)}`;

export const isHarvestImport = (importId: string): boolean => importId.startsWith('harvest-');

/** A new harvest, running, or a clear error about what the user asked for. */
export function newHarvest(req: HarvestRequest, id: string, now: number): Result<HarvestState> {
  if (!req.categories.length) return err('choose at least one arXiv category');
  if (req.categories.length > MAX_CATEGORIES) return err(`choose at most ${MAX_CATEGORIES} categories`);
  const { chosen, unknown } = setsFor(req.categories);
  if (unknown.length) return err(`arXiv has no OAI-PMH set for ${unknown.join(', ')}`);
  const today = dayOf(now);
  if (!isDay(req.start)) return err('the start date must be a day, YYYY-MM-DD');
  if (req.start > today) return err('the start date is in the future');
  const start = req.start < EARLIEST_DATESTAMP ? EARLIEST_DATESTAMP : req.start;
  return ok({
    formatVersion: HARVEST_FORMAT_VERSION,
    id,
    categories: chosen.map((c) => c.code),
    format: req.format ?? 'arXiv',
    start,
    daily: req.daily ?? false,
    status: 'running',
    pass: 'build',
    tasks: buildTasks(chosen, start, today),
    taskIndex: 0,
    window: NO_COUNTS,
    passCounts: NO_COUNTS,
    totals: NO_COUNTS,
    through: {},
    pageSize: 1000,
    failures: 0,
    busy: 0,
    startedAt: now,
    passStartedAt: now,
    activeMs: 0,
  });
}

/** A harvest is under way (or waiting for the user) until it is done or cancelled. */
export const isActive = (s: HarvestState | undefined): boolean =>
  s !== undefined && (s.status === 'running' || s.status === 'paused' || s.status === 'error');

const without = <K extends keyof HarvestState>(s: HarvestState, ...keys: K[]): HarvestState => {
  const out: Record<string, unknown> = { ...s };
  for (const k of keys) delete out[k];
  return out as unknown as HarvestState;
};

/** Pauses; a wait arXiv asked for (Retry-After) is kept, so resuming cannot jump it. */
export function pause(s: HarvestState): HarvestState {
  if (s.status !== 'running' && s.status !== 'error') return s;
  return { ...s, status: 'paused' };
}

/**
 * Resumes a paused or failed harvest at once, except that the 3 s since the last request and a wait
 * arXiv asked for (Retry-After) still hold: only Paperlens's own retry back-off is skipped.
 */
export function resume(s: HarvestState): HarvestState {
  if (s.status !== 'paused' && s.status !== 'error') return s;
  const keepWait = s.wait?.reason === 'retry-after';
  const base = keepWait ? without(s, 'error') : without(s, 'error', 'wait', 'notBefore');
  return { ...base, status: 'running', failures: 0, busy: 0 };
}

export function cancel(s: HarvestState, now: number): HarvestState {
  if (!isActive(s)) return s;
  return { ...without(s, 'wait', 'notBefore', 'token'), status: 'cancelled', finishedAt: now };
}

export const setDaily = (s: HarvestState, daily: boolean): HarvestState => ({ ...s, daily });

/** The daily update: what changed in each set since the day it was complete through. */
export function startUpdate(s: HarvestState, now: number): HarvestState {
  if (s.status !== 'done' || !s.daily) return s;
  const { chosen } = setsFor(s.categories);
  return {
    ...without(s, 'token', 'error', 'wait', 'notBefore', 'finishedAt'),
    status: 'running',
    pass: 'update',
    tasks: updateTasks(chosen, s.through, s.start, dayOf(now)),
    taskIndex: 0,
    window: NO_COUNTS,
    passCounts: NO_COUNTS,
    failures: 0,
    busy: 0,
    passStartedAt: now,
  };
}

/**
 * What to store when a step that started from `before` ends with `after` while the stored state is
 * `current`. A step takes seconds (a request, an import); the user may pause, cancel or switch the daily
 * update meanwhile. Their choice stays, and so does the step's progress (its papers are written). A
 * different harvest (started since) is left alone.
 */
export function mergeCommit(
  current: HarvestState | undefined,
  before: HarvestState,
  after: HarvestState,
): HarvestState | undefined {
  if (!current || current.id !== after.id) return current;
  if (current.status === before.status && current.daily === before.daily) return after;
  const statusChanged = current.status !== before.status;
  const merged: HarvestState = { ...after, daily: current.daily };
  if (!statusChanged) return merged;
  const { error: _e, ...rest } = merged;
  return {
    ...rest,
    status: current.status,
    ...(current.error ? { error: current.error } : {}),
    ...(current.finishedAt !== undefined ? { finishedAt: current.finishedAt } : {}),
  };
}

/** A human label for the harvest's import record: "arXiv OAI-PMH: cs.LG, stat.ML from 2025-12-01". */
export const harvestLabel = (s: Pick<HarvestState, 'categories' | 'start'>): string =>
  `arXiv OAI-PMH: ${s.categories.join(', ')} from ${s.start}`;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCounts = (v: unknown): v is Counts => {
  const c = v as Record<string, unknown> | null;
  return !!c && isCount(c.read) && isCount(c.added) && isCount(c.merged) && isCount(c.rejected) && isCount(c.requests);
};
const isTask = (v: unknown): v is HarvestTask => {
  const t = v as Record<string, unknown> | null;
  return (
    !!t &&
    typeof t.category === 'string' &&
    typeof t.set === 'string' &&
    isDay(t.from) &&
    isDay(t.until) &&
    isCount(t.expected)
  );
};

/**
 * Reads a stored state back, or says why it cannot be used (written by a newer Paperlens, or damaged):
 * the caller shows that and lets the user start again, rather than harvesting from a guess.
 */
export function parseHarvestState(raw: unknown): Result<HarvestState> {
  const s = raw as Record<string, unknown> | null;
  if (!s || typeof s !== 'object') return err('no harvest state');
  if (s.formatVersion !== HARVEST_FORMAT_VERSION)
    return err(`the harvest was saved by another version of Paperlens (format ${String(s.formatVersion)})`);
  const statuses: readonly unknown[] = ['running', 'paused', 'error', 'done', 'cancelled'];
  const good =
    typeof s.id === 'string' &&
    s.id.length > 0 &&
    Array.isArray(s.categories) &&
    s.categories.every((c) => typeof c === 'string') &&
    (METADATA_FORMATS as readonly unknown[]).includes(s.format) &&
    isDay(s.start) &&
    typeof s.daily === 'boolean' &&
    statuses.includes(s.status) &&
    (s.pass === 'build' || s.pass === 'update') &&
    Array.isArray(s.tasks) &&
    s.tasks.every(isTask) &&
    isCount(s.taskIndex) &&
    s.taskIndex <= s.tasks.length &&
    (s.token === undefined || typeof s.token === 'string') &&
    isCounts(s.window) &&
    isCounts(s.passCounts) &&
    isCounts(s.totals) &&
    typeof s.through === 'object' &&
    s.through !== null &&
    Object.values(s.through).every(isDay) &&
    isCount(s.pageSize) &&
    (s.pageSize as number) > 0 &&
    (s.lastRequestAt === undefined || isTime(s.lastRequestAt)) &&
    (s.notBefore === undefined || isTime(s.notBefore)) &&
    isCount(s.failures) &&
    isCount(s.busy) &&
    isTime(s.startedAt) &&
    isTime(s.passStartedAt) &&
    (s.finishedAt === undefined || isTime(s.finishedAt)) &&
    isTime(s.activeMs);
  return good ? ok(s as unknown as HarvestState) : err('the saved harvest state is damaged');
}
