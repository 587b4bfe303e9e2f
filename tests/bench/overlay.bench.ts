/**
 * Overlay bench, in real Chromium with the built extension, each figure beside its floor (the same page
 * with a no-op content script, in the same run):
 *
 * - a generated 2,000-entry listing (current markup): DOMContentLoaded to the chips on screen showing
 *   their state (`paperlens:chips-visible`), to every chip showing its state and topics
 *   (`paperlens:chips-ready`, "fully chipped"), to the frame after that ("painted"), and to the last
 *   related count (`paperlens:chips-counted`); with the worker stopped first (CDP
 *   `ServiceWorker.stopAllWorkers`) and warm;
 * - abs pages (in the corpus and not): DOMContentLoaded to the panel showing its data;
 * - the Google Scholar fixture (badges, content script at document_idle) and a 1 MB page with 5,000
 *   candidate titles (scan.js injected as the popup's "Scan this page" does): to every badge shown;
 * - a no-op message round trip to a stopped worker: the fixed cost of a cold worker start.
 *
 * Floors: a tiny no-op extension whose content scripts only set marks: at document_end (the earliest an
 * ordinary content script starts), at the end of the page's first frame (a document_start script that
 * waits for DOMContentLoaded, then a frame), and at document_idle (Scholar). Every visit is traced (CDP):
 * the longest main-thread task, and the longest one in which a Paperlens script ran.
 * Then the chip markups side by side (chip-markup.ts). With PAPERLENS_BENCH_PAPERS=n (default 0) the
 * figures are measured again with n synthetic papers written into the extension's IndexedDB.
 * Builds into .output-bench-overlay; writes .output/bench/overlay.json.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Paper } from '../../src/core/paper';
import { measureFlows, measureMarkup } from './chip-markup';
import { PAINT_PROBE, type Visit, visit } from './page-timing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = '.output-bench-overlay';
const SYNTH = Number(process.env.PAPERLENS_BENCH_PAPERS ?? 0);
const LISTING_URL = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000&bench=1';
/** The same listing on a host no extension runs on, for the markup comparison. */
const MARKUP_URL = 'https://markup.bench.example/list';
const ABS_URL = 'https://arxiv.org/abs/2210.16859';
const ABS_OUTSIDE_URL = 'https://arxiv.org/abs/2501.09876';
const SCHOLAR_URL = 'https://scholar.google.com/scholar?q=neural+scaling+laws';
/** A Scholar path no Scholar adapter claims: the extension holds the host, so scan.js may be injected. */
const BIG_URL = 'https://scholar.google.com/bench/big-page';
const WARM_RUNS = 5;
const TIMEOUT_MS = 120_000;

/** Records long tasks from the very start of every page (main world). */
export const PAGE_PROBE = `
  window.__plLong = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__plLong = Math.max(window.__plLong, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

/** A 2,000-entry pastweek page in arXiv's current listing markup (single-quoted attributes, no labels). */
export function listingHtml(papers: readonly Paper[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const entries = papers.map((p, i) => {
    const id = p.id;
    const authors = p.authors
      .map((a) => `<a href="https://arxiv.org/search/cs?searchtype=author&amp;query=${esc(a.name)}">${esc(a.name)}</a>`)
      .join(', ');
    const cats = (p.categories ?? ['cs.LG']).map((c, j) =>
      j === 0 ? `<span class="primary-subject">Subject (${c})</span>` : `Subject (${c})`,
    );
    return `    <dt>
      <a name='item${i + 1}'>[${i + 1}]</a>
      <a href ="/abs/${id}" title="Abstract" id="${id}">
        arXiv:${id}
      </a>
        [<a href="/pdf/${id}" title="Download PDF" id="pdf-${id}">pdf</a>, <a href="/format/${id}" title="Other formats" id="oth-${id}">other</a>]
    </dt>
    <dd>
      <div class='meta'>
        <div class='list-title mathjax'><span class='descriptor'>Title:</span>
          ${esc(p.title)}
        </div>
        <div class='list-authors'>${authors}</div>
        <div class='list-subjects'><span class='descriptor'>Subjects:</span>
          ${cats.join('; ')}
        </div>
      </div>
    </dd>`;
  });
  return `<!DOCTYPE html>
<html lang="en"><head><title>Machine Learning</title>
<style>body { font-family: "Lucida Grande", Helvetica, Arial, sans-serif; } .descriptor { display: none; }</style></head>
<body><div id='dlpage'><h1>Machine Learning</h1><h2>Authors and titles for recent submissions</h2>
<div class='paging'>Total of ${papers.length} entries</div>
      <dl id='articles'>
    <h3>Mon, 6 Jul 2026 (showing ${papers.length} of ${papers.length} entries )</h3>
${entries.join('\n')}
</dl></div></body></html>`;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function stopServiceWorkers(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.close();
}

/** Waits, on an extension page, until the background has installed the bundled corpus. */
export async function waitForBundledCorpus(ext: Page): Promise<void> {
  await ext.waitForFunction(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('paperlens');
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('papers').objectStore('papers').count();
          req.onsuccess = () => {
            db.close();
            resolve(req.result >= 49);
          };
        };
        open.onerror = () => resolve(false);
      }),
    undefined,
    { timeout: 60_000 },
  );
}

/**
 * Writes papers into the corpus the way a user restores a backup (the `backup/import` message from an
 * extension page, 5,000 papers a restore): each restore is one commit, papers and index together.
 */
export async function loadCorpus(page: Page, papers: readonly Paper[]): Promise<void> {
  const { makeBackup } = await import('../../src/backup/format');
  const CHUNK = 5000;
  for (let i = 0; i < papers.length; i += CHUNK) {
    const backup = makeBackup(
      { readingList: [], settings: {}, papers: papers.slice(i, i + CHUNK), imports: [] },
      new Date(),
    );
    const r = (await page.evaluate(
      (b) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage({
          type: 'backup/import',
          data: { backup: b, apply: true },
        }),
      backup as never,
    )) as { ok: boolean; error?: string };
    if (!r.ok) throw new Error(`bench: loading papers failed: ${r.error}`);
  }
}

/** One figure of the table. */
interface Row {
  figure: string;
  corpus: string;
  worker: 'cold' | 'warm' | '-';
  /** Median ms (one run when cold); null when not reached in time. */
  paperlensMs: number | null;
  /** The floor for this figure, ms, and what it is. */
  floorMs: number | null;
  floor: string;
  targetMs?: number;
  /** Longest main-thread task of the page (its own work included), ms. */
  longestTaskMs: number;
  /** The most Paperlens script time in one task, ms, and that task's length (it may be the page's parse). */
  paperlensScriptMs: number;
  paperlensTaskMs: number;
  /** The page's main-thread CPU time up to the figure's mark (steadier than wall time on a busy machine). */
  mainCpuMs: number | null;
  runs: number;
  note?: string;
}

const med = (xs: readonly (number | null)[]) => {
  const done = xs.filter((x): x is number => x !== null);
  return done.length === xs.length && done.length > 0 ? round(median(done)) : null;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** The no-op extension: marks at document_end, at the page's first frame, and at document_idle. */
function noopExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperlens-noop-'));
  const sites = ['https://arxiv.org/*', 'https://scholar.google.com/*'];
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'no-op',
      version: '1.0',
      content_scripts: [
        { matches: sites, js: ['noop-end.js'], run_at: 'document_end' },
        { matches: sites, js: ['noop-start.js'], run_at: 'document_start' },
        { matches: sites, js: ['noop-idle.js'], run_at: 'document_idle' },
      ],
    }),
  );
  writeFileSync(join(dir, 'noop-end.js'), "performance.mark('noop:end');");
  writeFileSync(join(dir, 'noop-idle.js'), "performance.mark('noop:idle');");
  writeFileSync(
    join(dir, 'noop-start.js'),
    "document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => setTimeout(() => performance.mark('noop:first-frame'), 0)), { once: true });",
  );
  return dir;
}

/** Serves the fixtures (the floor browser; the Paperlens session's own harness does this). */
async function serveFixtures(context: BrowserContext): Promise<void> {
  const { fixturePath } = await import('../../src/cli/browser');
  await context.route('**/*', async (r) => {
    const url = new URL(r.request().url());
    if (url.protocol === 'chrome-extension:') return r.continue();
    if (r.request().resourceType() === 'document')
      try {
        return r.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: readFileSync(fixturePath(url)),
        });
      } catch {
        return r.fulfill({ status: 404, body: '' });
      }
    return r.fulfill({ status: 204, body: '' });
  });
}

/** Serves generated pages (registered after the fixtures, so these answer first); nothing reaches the network. */
async function serve(context: BrowserContext, pages: Record<string, string>): Promise<void> {
  for (const [url, body] of Object.entries(pages)) {
    await context.unroute(url);
    await context.route(url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  }
}

type Floors = Record<string, { ms: number | null; longest: number; cpu: number | null }>;

/** The floors: the no-op extension's marks on each page, median of a few visits. */
async function measureFloors(context: BrowserContext): Promise<Floors> {
  const out: Floors = {};
  const pages: [string, string, string][] = [
    ['listing: document_end', LISTING_URL, 'noop:end'],
    ['listing: first frame', LISTING_URL, 'noop:first-frame'],
    ['abs: document_end', ABS_URL, 'noop:end'],
    ['abs: first frame', ABS_URL, 'noop:first-frame'],
    ['Scholar: document_idle', SCHOLAR_URL, 'noop:idle'],
  ];
  for (const [name, url, mark] of pages) {
    const runs: Visit[] = [];
    for (let i = 0; i < WARM_RUNS; i++)
      runs.push(await visit(context, { url, marks: [mark], waitFor: mark, timeout: 30_000, ours: ['/noop-'] }));
    out[name] = {
      ms: med(runs.map((r) => r.marks[mark] ?? null)),
      longest: Math.max(...runs.map((r) => r.longestTaskMs)),
      cpu: med(runs.map((r) => r.mainCpuMs)),
    };
  }
  return out;
}

/** A no-op message from an extension page to the worker: its start (cold) and the round trip alone. */
async function roundTrip(ext: Page): Promise<number> {
  return ext.evaluate(async () => {
    const t = performance.now();
    await (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({ type: 'bench/no-op', data: {} });
    return performance.now() - t;
  });
}

type Session = Awaited<ReturnType<typeof import('../../src/cli/browser').launch>>;

async function measurePaperlens(
  session: Session,
  ext: Page,
  corpus: string,
  floors: Floors,
  bigExpected: number,
  rows: Row[],
) {
  const ctx = session.context;
  const ours = [`chrome-extension://${session.extensionId}/`];
  const add = (
    figure: string,
    worker: Row['worker'],
    vs: readonly Visit[],
    value: (v: Visit) => number | null,
    floor: { name: string; ms: number | null },
    targetMs?: number,
    note?: string,
  ) =>
    rows.push({
      figure,
      corpus,
      worker,
      paperlensMs: med(vs.map(value)),
      floorMs: floor.ms === null ? null : round(floor.ms),
      floor: floor.name,
      ...(targetMs !== undefined ? { targetMs } : {}),
      longestTaskMs: round(Math.max(0, ...vs.map((v) => v.longestTaskMs))),
      paperlensScriptMs: round(Math.max(0, ...vs.map((v) => v.oursScriptMs))),
      paperlensTaskMs: round(Math.max(0, ...vs.map((v) => v.oursTaskMs))),
      mainCpuMs: med(vs.map((v) => v.mainCpuMs)),
      runs: vs.length,
      ...(note ? { note } : {}),
    });
  const floor = (name: string) => ({ name, ms: floors[name]?.ms ?? null });

  // The cold worker's fixed cost.
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    await stopServiceWorkers(ctx);
    cold.push(await roundTrip(ext));
  }
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await roundTrip(ext));
  const coldFloor = { name: 'no-op round trip, stopped worker', ms: round(median(cold)) };
  const warmFloor = { name: 'no-op round trip', ms: round(median(warm)) };
  rows.push({
    figure: 'worker: no-op message round trip',
    corpus,
    worker: 'cold',
    paperlensMs: coldFloor.ms,
    floorMs: null,
    floor: '-',
    longestTaskMs: 0,
    paperlensScriptMs: 0,
    paperlensTaskMs: 0,
    mainCpuMs: null,
    runs: cold.length,
  });
  rows.push({
    figure: 'worker: no-op message round trip',
    corpus,
    worker: 'warm',
    paperlensMs: warmFloor.ms,
    floorMs: null,
    floor: '-',
    longestTaskMs: 0,
    paperlensScriptMs: 0,
    paperlensTaskMs: 0,
    mainCpuMs: null,
    runs: warm.length,
  });

  const listingMarks = ['paperlens:chips-visible', 'paperlens:chips-ready', 'paperlens:chips-counted'];
  const listing = (worker: Row['worker'], vs: Visit[]) => {
    const note = worker === 'cold' ? `worker start alone: ${coldFloor.ms} ms` : undefined;
    add(
      'listing 2,000: on-screen chips',
      worker,
      vs,
      (v) => v.marks['paperlens:chips-visible'] ?? null,
      floor('listing: document_end'),
      100,
      note,
    );
    add(
      'listing 2,000: every chip (fully chipped)',
      worker,
      vs,
      (v) => v.marks['paperlens:chips-ready'] ?? null,
      floor('listing: document_end'),
      300,
      note,
    );
    add(
      'listing 2,000: every chip painted',
      worker,
      vs,
      (v) => v.painted['paperlens:chips-ready'] ?? null,
      floor('listing: first frame'),
    );
    add(
      'listing 2,000: every related count',
      worker,
      vs,
      (v) => v.marks['paperlens:chips-counted'] ?? null,
      floor('listing: document_end'),
    );
  };
  const listingVisit = () =>
    visit(ctx, {
      url: LISTING_URL,
      marks: listingMarks,
      waitFor: 'paperlens:chips-counted',
      cpuUntil: 'paperlens:chips-ready',
      timeout: TIMEOUT_MS,
      ours,
    });
  await stopServiceWorkers(ctx);
  listing('cold', [await listingVisit()]);
  const warmListing: Visit[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warmListing.push(await listingVisit());
  listing('warm', warmListing);

  for (const [label, url] of [
    ['abs panel (in corpus)', ABS_URL],
    ['abs panel (not in corpus)', ABS_OUTSIDE_URL],
  ] as const) {
    const absVisit = () =>
      visit(ctx, {
        url,
        marks: ['paperlens:panel-ready'],
        waitFor: 'paperlens:panel-ready',
        timeout: TIMEOUT_MS,
        ours,
      });
    const ready = (v: Visit) => v.marks['paperlens:panel-ready'] ?? null;
    await stopServiceWorkers(ctx);
    add(
      label,
      'cold',
      [await absVisit()],
      ready,
      floor('abs: document_end'),
      150,
      `worker start alone: ${coldFloor.ms} ms`,
    );
    const vs: Visit[] = [];
    for (let i = 0; i < WARM_RUNS; i++) vs.push(await absVisit());
    add(label, 'warm', vs, ready, floor('abs: document_end'), 50);
  }

  const badges = (v: Visit) => v.marks['paperlens:badges-ready'] ?? null;
  const scholarVisit = () =>
    visit(ctx, {
      url: SCHOLAR_URL,
      marks: ['paperlens:badges-ready'],
      waitFor: 'paperlens:badges-ready',
      timeout: TIMEOUT_MS,
      ours,
    });
  await stopServiceWorkers(ctx);
  add(
    'Scholar results: every badge',
    'cold',
    [await scholarVisit()],
    badges,
    floor('Scholar: document_idle'),
    400,
    `worker start alone: ${coldFloor.ms} ms`,
  );
  const scholar: Visit[] = [];
  for (let i = 0; i < WARM_RUNS; i++) scholar.push(await scholarVisit());
  add('Scholar results: every badge', 'warm', scholar, badges, floor('Scholar: document_idle'), 200);

  // The big page: timed from the popup's injection of scan.js; the floor is the message round trip.
  const inject = async (page: Page) => {
    const t0 = await page.evaluate(() => performance.now());
    await ext.evaluate(async (target) => {
      type Api = {
        tabs: { query(q: object): Promise<{ id: number; url: string }[]> };
        scripting: { executeScript(o: object): Promise<unknown> };
      };
      const c = (globalThis as unknown as { chrome: Api }).chrome;
      const tab = (await c.tabs.query({})).find((t) => t.url === target);
      if (tab) await c.scripting.executeScript({ target: { tabId: tab.id }, files: ['/scan.js'] });
    }, BIG_URL);
    return t0;
  };
  const bigVisit = () =>
    visit(ctx, {
      url: BIG_URL,
      marks: ['paperlens:badges-ready'],
      waitFor: 'paperlens:badges-ready',
      timeout: TIMEOUT_MS,
      ours,
      start: inject,
    });
  const note = `${bigExpected} corpus papers among the titles`;
  await stopServiceWorkers(ctx);
  add('5,000-candidate page: every badge', 'cold', [await bigVisit()], badges, coldFloor, 400, note);
  const big: Visit[] = [];
  for (let i = 0; i < WARM_RUNS; i++) big.push(await bigVisit());
  add('5,000-candidate page: every badge', 'warm', big, badges, warmFloor, 200, note);
}

export default async function run(): Promise<void> {
  console.log(`building into ${OUT} …`);
  execSync('npx wxt build', { cwd: ROOT, env: { ...process.env, PAPERLENS_OUT: OUT }, stdio: 'ignore' });
  process.env.PAPERLENS_OUT = OUT;
  const { launch } = await import('../../src/cli/browser');
  const { chromiumArgs, findChromium } = await import('../../src/cli/chromium');
  const { synthPapers } = await import('../../src/corpus/synth');
  const { bigPage } = await import('./sites.bench');
  const bundled = (await import('../../data/corpus.json')).default as unknown as { papers: Paper[] };
  // Listing entries drawn from a different seed than the synthetic corpus: new papers, as on a real day.
  const listing = listingHtml(synthPapers(2000, 99));
  // Papers the corpus does not have: another seed, with a marker word no synthetic title uses.
  const outside = synthPapers(4000, 424242).map((p) => ({ ...p, title: `${p.title} (reprise edition)` }));
  const big = bigPage(bundled.papers, outside);
  const rows: Row[] = [];
  const load = () => Math.round(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]) * 10) / 10;
  const loadBefore = load();

  // The floors and the markup comparison: a browser with only the no-op extension.
  const executablePath = findChromium();
  if (!executablePath) throw new Error('overlay bench: no Chromium found (install Debian chromium or set CHROME_PATH)');
  const floorBrowser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'paperlens-noop-profile-')), {
    executablePath,
    headless: false,
    args: chromiumArgs(noopExtension(), true),
    viewport: { width: 1200, height: 900 },
  });
  await floorBrowser.addInitScript(PAINT_PROBE);
  await serveFixtures(floorBrowser);
  await serve(floorBrowser, { [LISTING_URL]: listing, [MARKUP_URL]: listing });
  const floors = await measureFloors(floorBrowser);
  console.log('chip markup, side by side …');
  const markup = await measureMarkup(floorBrowser, MARKUP_URL);
  const flows = await measureFlows(floorBrowser, MARKUP_URL);
  await floorBrowser.close();

  const session = await launch();
  try {
    await session.context.addInitScript(PAINT_PROBE);
    await serve(session.context, { [LISTING_URL]: listing, [BIG_URL]: big.html });
    const ext = await session.extensionPage('options.html');
    await waitForBundledCorpus(ext);
    await measurePaperlens(session, ext, 'bundled (49 papers)', floors, big.expected, rows);
    if (SYNTH > 0) {
      const t = performance.now();
      await loadCorpus(ext, synthPapers(SYNTH, 1));
      console.log(`wrote ${SYNTH.toLocaleString('en')} synthetic papers in ${Math.round(performance.now() - t)} ms`);
      const label = `synthetic + bundled (${SYNTH.toLocaleString('en')})`;
      // The first use after the import builds what the engine needs; it is not a figure of this table.
      await visit(session.context, {
        url: ABS_URL,
        marks: ['paperlens:panel-ready'],
        waitFor: 'paperlens:panel-ready',
        timeout: 600_000,
        ours: [],
      });
      const synthBig = bigPage(synthPapers(SYNTH, 1), outside);
      await serve(session.context, { [BIG_URL]: synthBig.html });
      await measurePaperlens(session, ext, label, floors, synthBig.expected, rows);
    }
    await ext.close();
  } finally {
    await session.close();
  }
  const machine = `2 cores; load average ${loadBefore} before, ${load()} after`;
  console.log(`\nmachine: ${machine}`);
  console.table(
    rows.map((r) => ({
      figure: r.figure,
      corpus: r.corpus,
      worker: r.worker,
      'Paperlens ms': r.paperlensMs,
      'floor ms': r.floorMs,
      floor: r.floor,
      'target ms': r.targetMs ?? '',
      'longest task': r.longestTaskMs,
      'Paperlens script in one task (that task)': `${r.paperlensScriptMs} (${r.paperlensTaskMs})`,
      'main-thread CPU': r.mainCpuMs ?? '',
      note: r.note ?? '',
    })),
  );
  console.log('floors (no-op extension):');
  console.table(
    Object.entries(floors).map(([floor, f]) => ({
      floor,
      ms: f.ms,
      'longest task': round(f.longest),
      'main-thread CPU': f.cpu,
    })),
  );
  console.log('chip markup on the same 2,000-entry page (inserted after the page was laid out; median of 5):');
  console.table(markup);
  console.log('orders of work from DOMContentLoaded (median of 5):');
  console.table(flows);
  const dir = join(ROOT, '.output/bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'overlay.json'), `${JSON.stringify({ machine, rows, floors, markup, flows }, null, 2)}\n`);
  rmSync(join(ROOT, OUT, 'e2e-results'), { recursive: true, force: true });
}
