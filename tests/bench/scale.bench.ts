/**
 * `npm run bench -- scale`: the engine at 49, 100k and 1M papers in real Chromium, cold worker and warm,
 * each figure beside the no-op floor measured in the same run. Corpora are imported through the options
 * page (tests/bench/corpora.ts: the real 5,637-paper sample plus a synthetic snapshot), and cached.
 *
 * `PAPERLENS_SCALE=49,100000,1000000` picks the corpora (synthetic papers; 49 is the bundled corpus alone).
 * Writes .output/bench/scale.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch, type Session } from '../../src/cli/browser';
import { benchExtension, corpusProfile, importThroughOptions, OUT, readManifest, SAMPLE, synthFile } from './corpora';
import { stopServiceWorkers } from './overlay.bench';

const SIZES = (process.env.PAPERLENS_SCALE ?? '49,100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.PAPERLENS_SCALE_RUNS ?? 5);
const ABS = 'https://arxiv.org/abs/2210.16859';
const QUERY = 'neural scaling laws';
const TYPED = 'scaling laws for neural language models';

/** Targets of issue 12, in ms (memory in MB). */
const TARGETS = {
  absCold: 150,
  absWarm: 50,
  popupCold: 150,
  keystrokeP95: 16,
  titleScanCold: 100,
  afterImport: 1000,
  importRate: 5000,
  workerMb: 150,
} as const;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? 0) : Number.NaN;
};
const p95 = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? 0) : Number.NaN;
};

/** DOMContentLoaded → `paperlens:panel-ready` on an abs page, ms. */
async function absPanel(session: Session, cold: boolean): Promise<number> {
  if (cold) await stopServiceWorkers(session.context);
  const page = await session.context.newPage();
  try {
    await page.goto(ABS, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => performance.getEntriesByName('paperlens:panel-ready').length > 0, undefined, {
      timeout: 60_000,
      polling: 10,
    });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return (
        (performance.getEntriesByName('paperlens:panel-ready')[0]?.startTime ?? 0) - nav.domContentLoadedEventStart
      );
    });
  } finally {
    await page.close();
  }
}

/** A message to the background from an extension page, timed there (ms) with its answer. */
async function timedMessage(page: Page, type: string, data: unknown): Promise<{ ms: number; value: unknown }> {
  return page.evaluate(
    async ([t, d]) => {
      const t0 = performance.now();
      const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      const r = (await c.runtime.sendMessage({ type: t, data: d })) as { ok: boolean; value?: unknown; error?: string };
      return { ms: performance.now() - t0, value: r.ok ? r.value : r.error };
    },
    [type, data] as const,
  );
}

/** Popup: navigation start → first results of a query typed as soon as the box is there, ms. */
async function popupFirstResults(session: Session, cold: boolean): Promise<{ open: number; search: number }> {
  if (cold) await stopServiceWorkers(session.context);
  const page = await session.context.newPage();
  try {
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`, { waitUntil: 'commit' });
    const box = page.locator('input[type="search"]');
    await box.waitFor();
    const ready = await page.evaluate(() => performance.now());
    await box.fill(QUERY);
    await page
      .locator(`[data-section="results"][data-query="${QUERY}"] [data-paper-id]`)
      .first()
      .waitFor({ timeout: 60_000 });
    const shown = await page.evaluate(() => performance.now());
    return { open: shown, search: shown - ready };
  } finally {
    await page.close();
  }
}

/** Keystroke → results for the new text, ms each, typed one character at a time in a warm popup. */
async function keystrokes(session: Session): Promise<number[]> {
  const page = await session.extensionPage('popup.html');
  try {
    const box = page.locator('input[type="search"]');
    await box.waitFor();
    const out: number[] = [];
    for (let i = 1; i <= TYPED.length; i++) {
      const text = TYPED.slice(0, i);
      if (text.endsWith(' ')) continue;
      const ms = await page.evaluate(async (q) => {
        const input = document.querySelector('input[type="search"]') as HTMLInputElement;
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const sel = `[data-section="results"][data-query="${CSS.escape(q)}"]`;
        for (;;) {
          if (document.querySelector(sel)) return performance.now() - t0;
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          if (performance.now() - t0 > 30_000) return Number.NaN;
        }
      }, text);
      out.push(ms);
    }
    return out;
  } finally {
    await page.close();
  }
}

/** 2,000 strings as a Scholar or listing page yields: corpus titles (some truncated) and other text. */
function candidates(titles: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = titles[i % Math.max(1, titles.length)] ?? 'A title';
    if (i % 2 === 0) out.push(i % 6 === 0 ? `${t.slice(0, Math.max(20, Math.floor(t.length * 0.6)))}…` : t);
    else out.push(`Related work on ${t.split(' ').reverse().join(' ')} and its consequences ${i}`);
  }
  return out;
}

/**
 * The service worker's memory, MB: its JS heap plus the array buffers it holds (the index's typed arrays),
 * from CDP `Runtime.getHeapUsage` on the worker's own target (reached through `Target.sendMessageToTarget`:
 * Playwright gives CDP sessions to pages only).
 */
async function workerHeapMb(session: Session): Promise<number> {
  const page = await session.context.newPage();
  try {
    const cdp = await session.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(session.extensionId));
    if (!sw) return Number.NaN;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as {
      sessionId: string;
    };
    const reply = new Promise<{ usedSize: number; backingStorageSize?: number }>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
        if (e.sessionId !== sessionId) return;
        const m = JSON.parse(e.message) as { id?: number; result?: { usedSize: number; backingStorageSize?: number } };
        if (m.id === 1 && m.result) resolve(m.result);
      });
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
    });
    const r = await Promise.race([reply, new Promise<undefined>((res) => setTimeout(() => res(undefined), 10_000))]);
    return r ? (r.usedSize + (r.backingStorageSize ?? 0)) / 1e6 : Number.NaN;
  } finally {
    await page.close();
  }
}

interface Row {
  corpus: string;
  papers: number;
  segments: number;
  floorColdMs: number;
  floorWarmMs: number;
  absColdMs: number;
  absWarmMs: number;
  popupColdMs: number;
  popupWarmMs: number;
  popupOpenColdMs: number;
  keystrokeP50Ms: number;
  keystrokeP95Ms: number;
  scanColdMs: number;
  scanWarmMs: number;
  scanMatches: number;
  workerHeapMb: number;
  idbMb: number;
  idbMbPer100k: number;
  imports: readonly { file: string; papers: number; perSecond: number; peakHeapMb: number; seconds: number }[];
  cachedImports: boolean;
}

async function measureCorpus(size: number): Promise<Row> {
  const spec =
    size <= 49
      ? { name: 'bundled', synthetic: 0, sample: false }
      : { name: `synth-${size}`, synthetic: size, sample: true };
  const built = await corpusProfile(spec);
  // The extension at the path the profile was built with: its data belongs to that extension id.
  const session = await launch({ profileDir: built.profileDir, extensionDir: benchExtension() });
  try {
    const ext = await session.extensionPage('options.html');
    const manifest = await readManifest(ext);
    if (manifest.liveDocs < spec.synthetic)
      throw new Error(
        `scale: the ${spec.name} profile holds ${manifest.liveDocs} papers, not ${spec.synthetic}+ (built with another extension path?)`,
      );
    const titles = (await timedMessage(ext, 'library/corpus', { offset: 0, limit: 500 })).value as {
      rows: { title: string }[];
    };
    // Floor: waking a stopped worker for a message it refuses at once (no database, no engine).
    const floorCold: number[] = [];
    const floorWarm: number[] = [];
    const absCold: number[] = [];
    const absWarm: number[] = [];
    const popCold: number[] = [];
    const popOpenCold: number[] = [];
    const popWarm: number[] = [];
    const scanCold: number[] = [];
    const scanWarm: number[] = [];
    let scanMatches = 0;
    const cand = candidates(titles.rows.map((r) => r.title));
    for (let i = 0; i < RUNS; i++) {
      await stopServiceWorkers(session.context);
      floorCold.push((await timedMessage(ext, 'bench/none', {})).ms);
      floorWarm.push((await timedMessage(ext, 'bench/none', {})).ms);
      absCold.push(await absPanel(session, true));
      absWarm.push(await absPanel(session, false));
      const c = await popupFirstResults(session, true);
      popCold.push(c.search);
      popOpenCold.push(c.open);
      popWarm.push((await popupFirstResults(session, false)).search);
      await stopServiceWorkers(session.context);
      // A Scholar page's question: its 2,000 entries by title (badges/recognise, as the sites' runner asks).
      const entries = cand.map((title) => ({ title }));
      const cold = await timedMessage(ext, 'badges/recognise', { entries });
      scanCold.push(cold.ms);
      const warm = await timedMessage(ext, 'badges/recognise', { entries });
      scanWarm.push(warm.ms);
      scanMatches = ((warm.value as { papers?: unknown[] }).papers ?? []).length;
    }
    const keys = [...(await keystrokes(session)), ...(await keystrokes(session))];
    const heap = await workerHeapMb(session);
    const usage = await ext.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const papers = manifest.liveDocs;
    return {
      corpus: spec.name,
      papers,
      segments: manifest.segments.length,
      floorColdMs: median(floorCold),
      floorWarmMs: median(floorWarm),
      absColdMs: median(absCold),
      absWarmMs: median(absWarm),
      popupColdMs: median(popCold),
      popupWarmMs: median(popWarm),
      popupOpenColdMs: median(popOpenCold),
      keystrokeP50Ms: median(keys),
      keystrokeP95Ms: p95(keys),
      scanColdMs: median(scanCold),
      scanWarmMs: median(scanWarm),
      scanMatches,
      workerHeapMb: heap,
      idbMb: usage / 1e6,
      idbMbPer100k: (usage / 1e6) * (100_000 / Math.max(1, papers)),
      imports: built.imports.map((r) => ({
        file: r.file,
        papers: r.papers,
        perSecond: Math.round(r.perSecond),
        peakHeapMb: Math.round(r.peakHeapMb),
        seconds: Math.round(r.seconds),
      })),
      cachedImports: built.cached,
    };
  } finally {
    await session.close();
  }
}

/** Right after an import of `size` synthetic papers (not merged yet): first panel and first search, ms. */
async function afterImport(size: number): Promise<{ import: number; absMs: number; searchMs: number }> {
  const session = await launch();
  try {
    const r = await importThroughOptions(session, await synthFile(size, 2));
    const absMs = await absPanel(session, false);
    const popup = await popupFirstResults(session, false);
    return { import: Math.round(r.perSecond), absMs, searchMs: popup.search };
  } finally {
    await session.close();
  }
}

const fmt = (ms: number, target?: number) =>
  Number.isNaN(ms)
    ? '–'
    : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)}${target !== undefined && ms > target ? ` (×${(ms / target).toFixed(1)} over)` : ''}`;

export default async function run(): Promise<void> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    console.log(`scale: corpus ${size}…`);
    rows.push(await measureCorpus(size));
  }
  const fresh = SIZES.some((s) => s >= 100_000) ? await afterImport(100_000) : undefined;
  console.log(
    '\n| papers | segments | floor cold / warm | abs panel cold | abs panel warm | popup first results cold / warm | keystroke p50 / p95 | title scan of 2,000, cold / warm | worker heap MB | IndexedDB MB (per 100k) |',
  );
  console.log('| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const r of rows)
    console.log(
      `| ${r.papers.toLocaleString('en')} | ${r.segments} | ${fmt(r.floorColdMs)} / ${fmt(r.floorWarmMs)} | ${fmt(r.absColdMs, TARGETS.absCold)} | ${fmt(r.absWarmMs, TARGETS.absWarm)} | ${fmt(r.popupColdMs, TARGETS.popupCold)} / ${fmt(r.popupWarmMs)} | ${fmt(r.keystrokeP50Ms)} / ${fmt(r.keystrokeP95Ms, TARGETS.keystrokeP95)} | ${fmt(r.scanColdMs, TARGETS.titleScanCold)} / ${fmt(r.scanWarmMs)} (${r.scanMatches} found) | ${fmt(r.workerHeapMb, TARGETS.workerMb)} | ${r.idbMb.toFixed(0)} (${r.idbMbPer100k.toFixed(0)}) |`,
    );
  console.log('\n| import | papers | papers/s | peak options-page heap MB | s |');
  console.log('| --- | --: | --: | --: | --: |');
  for (const r of rows)
    for (const i of r.imports)
      console.log(
        `| ${i.file}${r.cachedImports ? ' (cached)' : ''} | ${i.papers.toLocaleString('en')} | ${i.perSecond}${i.perSecond < TARGETS.importRate && i.papers >= 50_000 ? ` (${(TARGETS.importRate / i.perSecond).toFixed(1)}× under)` : ''} | ${i.peakHeapMb} | ${i.seconds} |`,
      );
  if (fresh)
    console.log(
      `\nRight after importing 100k papers (index not merged yet; import ${fresh.import} papers/s): first abs panel ${fmt(fresh.absMs, TARGETS.afterImport)} ms, first popup search ${fmt(fresh.searchMs, TARGETS.afterImport)} ms.`,
    );
  mkdirSync(`${OUT}bench`, { recursive: true });
  writeFileSync(
    `${OUT}bench/scale.json`,
    `${JSON.stringify({ at: new Date().toISOString(), cores: 2, sample: SAMPLE, targets: TARGETS, rows, afterImport: fresh }, null, 1)}\n`,
  );
}
