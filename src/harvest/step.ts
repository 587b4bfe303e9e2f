/**
 * One harvest step: at most one OAI-PMH request, its records imported, the state committed. Pure: the
 * fetch, the clock, the import and the store are parameters (the background passes the real ones,
 * tests a fake clock and canned answers).
 *
 * Order matters for what survives a stop at any moment:
 * 1. the request is counted and its time stored *before* it goes out, so a worker stopped mid-request
 *    still waits 3 s after it when it comes back;
 * 2. the whole response is read and parsed before anything is written: a cut connection, malformed XML
 *    or an OAI error writes nothing;
 * 3. the records go through `importPapers` (batched transactions; merging is idempotent);
 * 4. only then the new position (resumption token or next window) is committed. A stop between 3 and 4
 *    asks for the same page again, and its papers merge into themselves.
 */
import { type ImportItem, importStream } from '../corpus/importers';
import { listRecordsUrl, MIN_INTERVAL_MS, resumeUrl, retryAfterMs } from './oai';
import {
  addCounts,
  type Counts,
  type FailureKind,
  type HarvestState,
  harvestLabel,
  NO_COUNTS,
  type Wait,
} from './state';

export interface FetchResult {
  readonly status: number;
  readonly text: string;
  /** The `Retry-After` header, when there is one. */
  readonly retryAfter?: string | null | undefined;
}

export interface ImportMetaLite {
  readonly importId: string;
  readonly file: string;
  readonly at: string;
}

export interface StepEnv {
  now(): number;
  /** Rejects when the request fails (offline, connection cut). */
  fetchText(url: string): Promise<FetchResult>;
  online?(): boolean;
  /** Writes one page of papers and rejections; rejects when storage refuses. */
  importPage(items: readonly ImportItem[], meta: ImportMetaLite): Promise<{ added: number; merged: number }>;
  /** Stores `after` (merged with the stored state, see `mergeCommit`) and returns what was stored. */
  commit(before: HarvestState, after: HarvestState): Promise<HarvestState | undefined>;
  /** Another base URL (the bench's local responder); arXiv's otherwise. */
  readonly base?: string;
}

/** Paperlens's own back-off for failures that may pass (offline, cut connection, 5xx, malformed answer). */
export const RETRY_DELAYS_MS: readonly number[] = [10_000, 60_000, 300_000];
/** A 503 without Retry-After waits this long (OAI-PMH flow control leaves it to the harvester). */
export const BUSY_DEFAULT_MS = 60_000;
/** 503s in a row before the harvest stops and says so. */
export const MAX_BUSY = 20;

/** When the next request may start: 3 s after the last one, and not before a wait arXiv asked for. */
export function readyAt(s: HarvestState): number {
  return Math.max(s.lastRequestAt === undefined ? 0 : s.lastRequestAt + MIN_INTERVAL_MS, s.notBefore ?? 0);
}

const seconds = (ms: number) => Math.round(ms / 1000);

function waitFor(s: HarvestState, wait: Wait): HarvestState {
  return { ...s, notBefore: wait.until, wait };
}

/** A failure: retried after a back-off while that may help, then the harvest stops with the message. */
function failed(s: HarvestState, now: number, kind: FailureKind, message: string, retryable: boolean): HarvestState {
  const failures = s.failures + 1;
  const delay = retryable ? RETRY_DELAYS_MS[failures - 1] : undefined;
  if (delay !== undefined)
    return waitFor(
      { ...s, failures },
      {
        reason: 'retry',
        until: now + delay,
        message: `${message}. Trying again in ${seconds(delay)} s (attempt ${failures + 1} of ${RETRY_DELAYS_MS.length + 1}).`,
      },
    );
  const { wait: _w, notBefore: _n, ...rest } = s;
  const tail = retryable ? ` (tried ${failures} times)` : '';
  return {
    ...rest,
    failures,
    status: 'error',
    error: { kind, message: `${message}${tail}. Nothing was half-written; resume when you are ready.` },
  };
}

const ok = (s: HarvestState): HarvestState => {
  const { wait: _w, notBefore: _n, error: _e, ...rest } = s;
  return { ...rest, failures: 0, busy: 0 };
};

/** The window is complete: its set is harvested through its last day; on to the next window. */
function advance(s: HarvestState, now: number): HarvestState {
  const task = s.tasks[s.taskIndex];
  const { token: _t, ...rest } = s;
  const next: HarvestState = {
    ...rest,
    taskIndex: s.taskIndex + 1,
    window: NO_COUNTS,
    through: task ? { ...s.through, [task.set]: task.until } : s.through,
  };
  return next.taskIndex >= next.tasks.length ? { ...next, status: 'done', finishedAt: now } : next;
}

/** Runs one step if the harvest is running and the rate allows; returns the stored state. */
export async function step(s: HarvestState, env: StepEnv): Promise<HarvestState | undefined> {
  const t0 = env.now();
  if (s.status !== 'running' || t0 < readyAt(s)) return s;
  const task = s.tasks[s.taskIndex];
  if (!task) return env.commit(s, advance(s, t0));
  if (env.online && !env.online())
    return env.commit(s, failed(s, t0, 'offline', 'You are offline: Paperlens could not ask arXiv', true));

  const url = s.token ? resumeUrl(s.token, env.base) : listRecordsUrl({ ...task, format: s.format }, env.base);
  const one: Partial<Counts> = { requests: 1 };
  const counted: HarvestState = {
    ...s,
    lastRequestAt: t0,
    totals: addCounts(s.totals, one),
    passCounts: addCounts(s.passCounts, one),
    window: { ...s.window, requests: s.window.requests + 1 },
  };
  const sent = await env.commit(s, counted);
  if (sent?.status !== 'running' || sent.id !== s.id) return sent;
  const active = (x: HarvestState): HarvestState => ({ ...x, activeMs: x.activeMs + (env.now() - t0) });

  let res: FetchResult;
  try {
    res = await env.fetchText(url);
  } catch (e) {
    const why = (e as Error)?.message || 'network error';
    return env.commit(sent, active(failed(sent, env.now(), 'network', `arXiv could not be reached (${why})`, true)));
  }
  const now = env.now();
  if (res.status === 503 || res.status === 429) {
    const asked = retryAfterMs(res.retryAfter, now);
    const ms = asked ?? BUSY_DEFAULT_MS;
    const busy = sent.busy + 1;
    if (busy > MAX_BUSY)
      return env.commit(
        sent,
        active(
          failed({ ...sent, busy }, now, 'busy', `arXiv answered HTTP ${res.status} ${busy} times in a row`, false),
        ),
      );
    const how = asked !== undefined ? `HTTP ${res.status} with Retry-After: ${res.retryAfter}` : `HTTP ${res.status}`;
    return env.commit(
      sent,
      active(
        waitFor(
          { ...sent, busy },
          {
            reason: 'retry-after',
            until: now + ms,
            message: `arXiv asked Paperlens to wait ${seconds(ms)} s (${how}); it waits as told, then asks again`,
          },
        ),
      ),
    );
  }
  if (res.status !== 200) {
    const transient = res.status >= 500;
    return env.commit(sent, active(failed(sent, now, 'http', `arXiv answered HTTP ${res.status}`, transient)));
  }

  // Read the whole answer first: nothing of a broken one is written.
  const meta = { importId: s.id, file: harvestLabel(s), at: new Date(s.startedAt).toISOString() };
  const items: ImportItem[] = [];
  let more: { token: string; size?: number } | undefined;
  for await (const item of importStream('oai-pmh', res.text, meta)) {
    if (item.kind === 'fatal') {
      if (item.code === 'badResumptionToken') return env.commit(sent, active(restartWindow(sent, now)));
      if (item.code)
        return env.commit(
          sent,
          active(failed(sent, now, 'oai', `arXiv refused the request: ${item.error} (asked: ${url})`, false)),
        );
      const where = item.where ? ` at ${item.where}` : '';
      return env.commit(
        sent,
        active(failed(sent, now, 'malformed', `arXiv's answer could not be read (${item.error}${where})`, true)),
      );
    }
    if (item.kind === 'resumption') {
      if (item.token)
        more = { token: item.token, ...(item.completeListSize !== undefined ? { size: item.completeListSize } : {}) };
    } else items.push(item);
  }

  let written: { added: number; merged: number };
  try {
    written = items.length ? await env.importPage(items, meta) : { added: 0, merged: 0 };
  } catch (e) {
    const why = (e as Error)?.message || String(e);
    return env.commit(
      sent,
      active(
        failed(
          sent,
          env.now(),
          'storage',
          `The papers could not be stored (${why}); this page is asked again on resume`,
          false,
        ),
      ),
    );
  }
  const page: Partial<Counts> = {
    read: items.length,
    rejected: items.filter((i) => i.kind === 'rejected').length,
    ...written,
  };
  const done = ok({ ...sent, totals: addCounts(sent.totals, page), passCounts: addCounts(sent.passCounts, page) });
  if (!more) return env.commit(sent, active(advance(done, env.now())));
  const window = addCounts(sent.window, page);
  return env.commit(
    sent,
    active({
      ...done,
      token: more.token,
      window: { ...window, ...(more.size !== undefined ? { size: more.size } : {}) },
      // A page followed by more is a full page: that is arXiv's page size.
      pageSize: items.length > 0 ? items.length : sent.pageSize,
    }),
  );
}

/**
 * arXiv no longer knows the token (it expired, or the server restarted): ask for the window again from
 * its start, taking back what it had read (its papers merge into themselves when they come again).
 */
function restartWindow(s: HarvestState, now: number): HarvestState {
  const w = s.window;
  // Papers it added stay added (they are in the corpus); the rest is counted again when it comes again.
  const back = { read: -w.read, merged: -w.merged, rejected: -w.rejected };
  const failures = s.failures + 1;
  if (!s.token || failures > RETRY_DELAYS_MS.length)
    return failed(s, now, 'oai', 'arXiv refused the resumption token again (badResumptionToken)', false);
  const { token: _t, ...rest } = s;
  return waitFor(
    {
      ...rest,
      failures,
      window: { ...NO_COUNTS, requests: 0 },
      totals: addCounts(s.totals, back),
      passCounts: addCounts(s.passCounts, back),
    },
    {
      reason: 'restart',
      until: now + MIN_INTERVAL_MS,
      message:
        'arXiv no longer knew the resumption token (badResumptionToken): asking for this window again from its start',
    },
  );
}
