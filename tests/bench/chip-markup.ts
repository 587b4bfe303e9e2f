/**
 * Chip markup, side by side: the ways of putting a chip on each of a 2,000-entry listing's entries
 * (chip-markup.page.tsx), each timed in real Chromium on the same generated page, in fresh tabs, with
 * the page's own CSS tried against them (does it reach the chip?). Part of `npm run bench -- overlay`.
 * The page module is bundled with esbuild (Vite's, already installed with WXT).
 */
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import type { Timing } from './chip-markup.page';

const PAGE = fileURLToPath(new URL('./chip-markup.page.tsx', import.meta.url));
const RUNS = 5;

export interface MarkupRow {
  markup: string;
  readMs: number;
  buildMs: number;
  insertMs: number;
  layoutMs: number;
  /** CPU time of that frame's rendering work (steadier than its wall time on a busy machine). */
  layoutCpuMs: number;
  totalMs: number;
  isolated: boolean;
  chips: number;
}

async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [PAGE],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__plMarkup',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

interface TraceEvent {
  name: string;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * CPU time (not wall time) of the rendering work (style, layout, pre-paint, paint) between the marks: on a shared
 * machine the wall time of a layout swings with the load; its CPU time much less.
 */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize']);

function layoutCpu(events: readonly TraceEvent[]): number {
  const at = (n: string) => events.find((e) => e.name === n)?.ts;
  const start = at('markup:layout-start');
  const end = at('markup:layout-end');
  if (start === undefined || end === undefined) return Number.NaN;
  let us = 0;
  for (const e of events) if (RENDERING.has(e.name) && e.ts >= start && e.ts <= end) us += e.tdur ?? e.dur ?? 0;
  return us / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (x: number) => Math.round(x * 10) / 10;

/** Times every variant on `url` (a page the context serves: the bench's 2,000-entry listing). */
export async function measureMarkup(context: BrowserContext, url: string): Promise<MarkupRow[]> {
  const script = await bundle();
  const names = await (async () => {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: script });
    const list = (await page.evaluate('Object.keys(__plMarkup.VARIANTS)')) as string[];
    await page.close();
    return list;
  })();
  const runs = new Map<string, (Timing & { layoutCpuMs: number })[]>(names.map((n) => [n, []]));
  // Interleaved, so a busy moment on the machine falls on every variant alike.
  for (let i = 0; i < RUNS; i++)
    for (const name of names) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.addScriptTag({ content: script });
      const cdp = await context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', {
        traceConfig: {
          includedCategories: ['devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline'],
        },
      } as never);
      const timing = (await page.evaluate(`__plMarkup.run(${JSON.stringify(name)})`)) as Timing;
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      runs.get(name)?.push({ ...timing, layoutCpuMs: layoutCpu(events) });
      await page.close();
    }
  return names.map(rowOf);
  function rowOf(markup: string): MarkupRow {
    const ts = runs.get(markup) ?? [];
    const m = (k: keyof Timing) => round(median(ts.map((t) => t[k] as number)));
    return {
      markup,
      readMs: m('readMs'),
      buildMs: m('buildMs'),
      insertMs: m('insertMs'),
      layoutMs: m('layoutMs'),
      layoutCpuMs: round(median(ts.map((t) => t.layoutCpuMs))),
      totalMs: round(median(ts.map((t) => t.buildMs + t.insertMs + t.layoutMs))),
      isolated: ts.every((t) => t.isolated),
      chips: Math.min(...ts.map((t) => t.chips)),
    };
  }
}

export interface FlowRow {
  flow: string;
  /** The longest piece of work done in one task (the first, at DOMContentLoaded, or the insertion). */
  taskMs: number;
  /** DOMContentLoaded to every chip drawn and painted. */
  wallMs: number;
  /** CPU time of the page's rendering (style, layout, pre-paint, paint) over that time, and of scripts. */
  renderCpuMs: number;
  scriptCpuMs: number;
}

/** Times each order of work (chip-markup.page.tsx FLOWS) from DOMContentLoaded, traced. */
export async function measureFlows(context: BrowserContext, url: string): Promise<FlowRow[]> {
  const script = await bundle();
  const names = ['the page alone', 'chips after the first frame', 'empty hosts before the first frame, filled after'];
  const runs = new Map<string, FlowRow[]>();
  for (let i = 0; i < RUNS; i++)
    for (const flow of names) {
      const page = await context.newPage();
      await page.addInitScript(`${script}\n__plMarkup.atDcl(${JSON.stringify(flow)});`);
      const cdp = await context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', {
        traceConfig: {
          includedCategories: ['devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline'],
        },
      } as never);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction('window.__plFlow', undefined, { timeout: 120_000 });
      const r = (await page.evaluate('window.__plFlow')) as { firstTaskMs: number; wallMs: number };
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      runs.set(flow, [
        ...(runs.get(flow) ?? []),
        {
          flow,
          taskMs: r.firstTaskMs,
          wallMs: r.wallMs,
          renderCpuMs: cpuBetween(events, 'flow:start', 'flow:end', RENDERING),
          scriptCpuMs: cpuBetween(events, 'flow:start', 'flow:end', SCRIPT),
        },
      ]);
      await page.close();
    }
  return names.map((flow) => {
    const rs = runs.get(flow) ?? [];
    const m = (k: 'taskMs' | 'wallMs' | 'renderCpuMs' | 'scriptCpuMs') => round(median(rs.map((r) => r[k])));
    return {
      flow,
      taskMs: m('taskMs'),
      wallMs: m('wallMs'),
      renderCpuMs: m('renderCpuMs'),
      scriptCpuMs: m('scriptCpuMs'),
    };
  });
}

const SCRIPT = new Set(['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks']);

function cpuBetween(events: readonly TraceEvent[], from: string, to: string, names: ReadonlySet<string>): number {
  const at = (n: string) => events.find((e) => e.name === n)?.ts;
  const start = at(from);
  const end = at(to);
  if (start === undefined || end === undefined) return Number.NaN;
  let us = 0;
  for (const e of events) if (names.has(e.name) && e.ts >= start && e.ts <= end) us += e.tdur ?? e.dur ?? 0;
  return us / 1000;
}
