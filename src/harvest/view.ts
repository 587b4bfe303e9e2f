/**
 * What the driver does next, and what the pages show: progress, the current set and window, requests
 * left, the ETA, a wait arXiv asked for, the next daily update. Pure (the clock is a parameter).
 */
import { MIN_INTERVAL_MS } from './oai';
import type { HarvestTask } from './plan';
import { type Counts, type HarvestState, type HarvestStatus, harvestLabel, type Wait } from './state';
import { readyAt } from './step';

export const DAY_MS = 86_400_000;

export type NextAction =
  | { readonly kind: 'step' }
  | { readonly kind: 'wait'; readonly until: number }
  /** The daily update is due (or will be at `at`). */
  | { readonly kind: 'update'; readonly at: number }
  | { readonly kind: 'idle' };

export function nextAction(s: HarvestState | undefined, now: number): NextAction {
  if (!s) return { kind: 'idle' };
  if (s.status === 'running') {
    const at = readyAt(s);
    return at <= now ? { kind: 'step' } : { kind: 'wait', until: at };
  }
  if (s.status === 'done' && s.daily) return { kind: 'update', at: (s.finishedAt ?? s.passStartedAt) + DAY_MS };
  return { kind: 'idle' };
}

export interface HarvestView {
  readonly id: string;
  readonly label: string;
  readonly status: HarvestStatus;
  readonly pass: 'build' | 'update';
  readonly categories: readonly string[];
  readonly start: string;
  readonly format: string;
  readonly daily: boolean;
  /** This pass (the build or the latest daily update). */
  readonly counts: Counts;
  readonly totals: Counts;
  /** 1-based index of the current window, of `windows`. */
  readonly window: number;
  readonly windows: number;
  readonly current?: HarvestTask & {
    /** Requests made in this window, and records read in it (of `size` when arXiv said). */
    readonly page: number;
    readonly read: number;
    readonly size?: number;
  };
  /** Requests still to make; an estimate except for the window in hand when arXiv gave its size. */
  readonly requestsLeft: number;
  /** Time still needed at the allowed rate, with the measured time per request (ms), when running. */
  readonly etaMs?: number;
  readonly wait?: Wait;
  readonly error?: { readonly kind: string; readonly message: string };
  readonly startedAt: number;
  readonly finishedAt?: number;
  readonly nextUpdateAt?: number;
  /** Time spent requesting and importing, without the waits. */
  readonly activeMs: number;
}

const requestsFor = (records: number, pageSize: number) => Math.max(1, Math.ceil(records / pageSize));

/** Requests left: the window in hand from arXiv's count when known, the others from their estimates. */
export function requestsLeft(s: HarvestState): number {
  if (s.status === 'done' || s.status === 'cancelled') return 0;
  let left = 0;
  const task = s.tasks[s.taskIndex];
  if (task) {
    const w = s.window;
    if (s.token) {
      const rest = Math.max(0, (w.size ?? Math.max(task.expected, w.read + 1)) - w.read);
      left += requestsFor(rest, s.pageSize);
    } else left += requestsFor(task.expected, s.pageSize);
  }
  for (const t of s.tasks.slice(s.taskIndex + 1)) left += requestsFor(t.expected, s.pageSize);
  return left;
}

export function harvestView(s: HarvestState, now: number): HarvestView {
  const task = s.tasks[s.taskIndex];
  const left = requestsLeft(s);
  const perRequest = Math.max(MIN_INTERVAL_MS, s.totals.requests ? s.activeMs / s.totals.requests : 0);
  const waitLeft = Math.max(0, readyAt(s) - now);
  const next = nextAction(s, now);
  return {
    id: s.id,
    label: harvestLabel(s),
    status: s.status,
    pass: s.pass,
    categories: s.categories,
    start: s.start,
    format: s.format,
    daily: s.daily,
    counts: s.passCounts,
    totals: s.totals,
    window: Math.min(s.taskIndex + 1, s.tasks.length),
    windows: s.tasks.length,
    ...(task
      ? {
          current: {
            ...task,
            page: s.window.requests,
            read: s.window.read,
            ...(s.window.size !== undefined ? { size: s.window.size } : {}),
          },
        }
      : {}),
    requestsLeft: left,
    ...(s.status === 'running'
      ? { etaMs: waitLeft + Math.max(0, left - 1) * perRequest + (left ? perRequest : 0) }
      : {}),
    ...(s.wait && s.status === 'running' && s.wait.until > now ? { wait: s.wait } : {}),
    ...(s.error ? { error: s.error } : {}),
    startedAt: s.startedAt,
    ...(s.finishedAt !== undefined ? { finishedAt: s.finishedAt } : {}),
    ...(next.kind === 'update' ? { nextUpdateAt: next.at } : {}),
    activeMs: s.activeMs,
  };
}
