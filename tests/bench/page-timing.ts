/**
 * Timing a page visit in real Chromium for the browser benches: the page's performance marks (the
 * overlay sets `paperlens:*` marks; content scripts share the page's timeline), measured from
 * DOMContentLoaded or from a moment the bench chooses, and a trace of the page's main thread (CDP
 * tracing): the longest task, the most script time a given extension ran in one task (what is
 * attributable to it; Chrome's Long Animation Frames do not report extension scripts) and that task's
 * length, and the main thread's CPU time. A task that runs our script may be the page's own (the
 * parser's last task dispatches DOMContentLoaded, whose listeners run inside it), hence both figures.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** Records, in the page, when the frame after each `paperlens:*-ready` mark ended ("painted"). */
export const PAINT_PROBE = `
  window.__plPainted = {};
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (/^paperlens:.*-ready$/.test(e.name) && !(e.name in window.__plPainted))
          requestAnimationFrame(() => setTimeout(() => { window.__plPainted[e.name] = performance.now(); }, 0));
    }).observe({ type: 'mark', buffered: true });
  } catch {}
`;

export interface Visit {
  /** Milliseconds from the start to each mark (its first occurrence); null when it was not set in time. */
  readonly marks: Readonly<Record<string, number | null>>;
  /** Milliseconds from the start to the end of the frame after each `*-ready` mark. */
  readonly painted: Readonly<Record<string, number | null>>;
  /** CPU time of the page's main thread from the start of the trace to the `cpuUntil` mark, ms. */
  readonly mainCpuMs: number | null;
  /** The longest main-thread task of the page (its own work included), ms. */
  readonly longestTaskMs: number;
  /** The most script time the extension ran in one task, ms, and the length of that task. */
  readonly oursScriptMs: number;
  readonly oursTaskMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  cat: string;
  args?: { data?: { url?: string } };
}

export interface VisitOptions {
  readonly url: string;
  /** Marks to report; `waitFor` is the one that ends the visit. */
  readonly marks: readonly string[];
  readonly waitFor: string;
  /** The mark the main thread's CPU time is added up to (`waitFor` by default). */
  readonly cpuUntil?: string;
  readonly timeout: number;
  /** Script URLs (or parts of them, e.g. `chrome-extension://<id>/`) whose scripts count as "ours". */
  readonly ours: readonly string[];
  /**
   * Starts what is timed once the page has loaded (e.g. injecting a script) and answers the page's
   * `performance.now()` at that moment; by default the visit is timed from DOMContentLoaded.
   */
  readonly start?: (page: Page) => Promise<number>;
}

export async function visit(context: BrowserContext, o: VisitOptions): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  try {
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8.execute'] },
    } as never);
    await page.goto(o.url, { waitUntil: o.start ? 'load' : 'domcontentloaded' });
    const from = o.start
      ? await o.start(page)
      : await page.evaluate(
          () =>
            (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
              ?.domContentLoadedEventStart ?? 0,
        );
    await page
      .waitForFunction((m) => performance.getEntriesByName(m).length > 0, o.waitFor, {
        timeout: o.timeout,
        polling: 50,
      })
      .catch(() => undefined);
    // Trailing work (the last counts, learning) shows up as tasks too.
    await page.waitForTimeout(400);
    const seen = await page.evaluate(
      ([names, start]) => {
        const out: Record<string, number | null> = {};
        const painted: Record<string, number | null> = {};
        const p = (window as unknown as { __plPainted?: Record<string, number> }).__plPainted ?? {};
        for (const n of names as string[]) {
          const at = performance.getEntriesByName(n)[0]?.startTime;
          out[n] = at === undefined ? null : at - (start as number);
          const done = p[n];
          painted[n] = done === undefined ? null : done - (start as number);
        }
        return { out, painted };
      },
      [o.marks, from] as const,
    );
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return {
      marks: seen.out,
      painted: seen.painted,
      mainCpuMs: mainCpu(events, o.cpuUntil ?? o.waitFor),
      ...tasks(events, o.ours),
    };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

/** Script events of the trace (an event listener, a timer, a callback, microtasks). */
const SCRIPT = new Set([
  'FunctionCall',
  'EventDispatch',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'FireIdleCallback',
]);

/**
 * The page's main thread tasks: the longest, and among those in which a script of `ours` ran, the one
 * with the most script time (the fixture pages run no scripts of their own, so that time is ours).
 */
function tasks(events: readonly TraceEvent[], ours: readonly string[]) {
  const isOurs = (e: TraceEvent) => e.name === 'FunctionCall' && ours.some((part) => e.args?.data?.url?.includes(part));
  // The main thread: where DOMContentLoaded was marked, else where our scripts ran.
  const tid = events.find((e) => e.name === 'MarkDOMContent')?.tid ?? events.find(isOurs)?.tid;
  const main = events.filter((e) => e.tid === tid && e.ph === 'X');
  const runs = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  const calls = main.filter(isOurs);
  const scripts = main.filter((e) => SCRIPT.has(e.name));
  let longestTaskMs = 0;
  let oursScriptMs = 0;
  let oursTaskMs = 0;
  for (const t of runs) {
    const end = t.ts + (t.dur ?? 0);
    const dur = (t.dur ?? 0) / 1000;
    longestTaskMs = Math.max(longestTaskMs, dur);
    if (!calls.some((c) => c.ts >= t.ts && c.ts < end)) continue;
    const script = covered(scripts.filter((e) => e.ts >= t.ts && e.ts < end)) / 1000;
    if (script <= oursScriptMs) continue;
    oursScriptMs = script;
    oursTaskMs = dur;
  }
  return { longestTaskMs, oursScriptMs, oursTaskMs };
}

/** Microseconds covered by the events (nested ones counted once). */
function covered(events: readonly TraceEvent[]): number {
  let total = 0;
  let reach = -1;
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    const end = e.ts + (e.dur ?? 0);
    if (end <= reach) continue;
    total += end - Math.max(e.ts, reach);
    reach = end;
  }
  return total;
}

/** CPU time of the main thread's tasks up to the mark: steadier than wall time on a busy machine. */
function mainCpu(events: readonly TraceEvent[], until: string): number | null {
  const end = events.find((e) => e.name === until && e.cat.includes('user_timing'))?.ts;
  const tid = events.find((e) => e.name === 'MarkDOMContent')?.tid;
  if (end === undefined || tid === undefined) return null;
  let us = 0;
  for (const e of events)
    if (e.tid === tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts < end)
      us += e.tdur ?? e.dur ?? 0;
  return us / 1000;
}
