/**
 * Sites bench, in real Chromium with the built extension: the badge overlay beyond arXiv.
 *
 * - A 1 MB page with 5,000 candidate titles (the generic recogniser, injected as scan.js the way the popup's
 *   "Scan this page" does): a tenth of the titles are corpus titles, a tenth link corpus papers on arXiv,
 *   the rest are papers the corpus does not have. Time from injection to every badge shown.
 * - The Google Scholar results fixture (the sites content script, document_idle): time from
 *   DOMContentLoaded to every badge shown.
 * Both with the longest main-thread task the page saw (PerformanceObserver `longtask`, main world), with
 * the bundled corpus and with 100k synthetic papers (`PAPERLENS_BENCH_PAPERS=n` changes it) written into
 * the extension's IndexedDB by the overlay bench's loader. Builds into .output-sites; writes
 * .output/bench/sites.json.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { Paper } from '../../src/core/paper';
import { loadCorpus, PAGE_PROBE, stopServiceWorkers, waitForBundledCorpus } from './overlay.bench';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = '.output-sites';
const SYNTH = Number(process.env.PAPERLENS_BENCH_PAPERS ?? 100_000);
/** A Scholar path no Scholar adapter claims: the extension holds the host, so scan.js may be injected. */
const BIG_URL = 'https://scholar.google.com/bench/big-page';
const SCHOLAR_URL = 'https://scholar.google.com/scholar?q=neural+scaling+laws';
const RUNS = 3;

interface Row {
  corpus: string;
  page: string;
  /** Median ms to every badge shown; null when not within the timeout. */
  readyMs: number | null;
  longestTaskMs: number;
  badges: number;
  expected: number;
  runs: number;
  note?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** 5,000 entries, about 1 MB: titles in h3, authors, a slice of abstract; some arXiv links. */
export function bigPage(corpus: readonly Paper[], outside: readonly Paper[]): { html: string; expected: number } {
  const items: string[] = [];
  const expected = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const kind = i % 10;
    const p = kind === 0 || kind === 5 ? corpus[(i * 7) % corpus.length] : outside[i % outside.length];
    if (!p) continue;
    if (kind === 0 || kind === 5) expected.add(p.id);
    const link = kind === 5 ? ` <a href="https://arxiv.org/abs/${p.id}">[arXiv]</a>` : '';
    const title = kind === 5 ? `Talk ${i}: see the paper` : esc(p.title);
    items.push(
      `<li class="entry"><h3>${title}</h3>${link}<p class="by">${esc(p.authors.map((a) => a.name).join(', '))}</p><p>${esc((p.abstract ?? '').slice(0, 40))}</p></li>`,
    );
  }
  const html = `<!doctype html><html><head><title>Reading list</title></head><body><h1>Reading list</h1><ol>${items.join('\n')}</ol></body></html>`;
  // One badge per paper per page (the overlay DOM contract): the distinct corpus papers shown.
  return { html, expected: expected.size };
}

async function route(context: BrowserContext, big: string): Promise<void> {
  // Registered after the session's own fixture routing, so it answers first for this URL.
  await context.route(BIG_URL, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: big }));
}

async function badgesReady(page: Page, timeout: number): Promise<boolean> {
  return page
    .waitForFunction(() => performance.getEntriesByName('paperlens:badges-ready').length > 0, undefined, {
      timeout,
      polling: 20,
    })
    .then(
      () => true,
      () => false,
    );
}

/**
 * The big page: injects scan.js from an extension page with the popup's call (scripting.executeScript of
 * the unlisted script) and times it to the last badge.
 */
async function measureBig(session: Session, ext: Page, timeout: number) {
  const page = await session.context.newPage();
  try {
    await page.goto(BIG_URL, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    // Long tasks from here on only: parsing a 1 MB page is the page's own cost, not the overlay's.
    const t0 = await page.evaluate(() => {
      (window as unknown as { __plLong: number }).__plLong = 0;
      return performance.now();
    });
    await ext.evaluate(async (target) => {
      type Api = {
        tabs: { query(q: object): Promise<{ id: number; url: string }[]> };
        scripting: { executeScript(o: object): Promise<unknown> };
      };
      const c = (globalThis as unknown as { chrome: Api }).chrome;
      const tab = (await c.tabs.query({})).find((t) => t.url === target);
      if (tab) await c.scripting.executeScript({ target: { tabId: tab.id }, files: ['/scan.js'] });
    }, BIG_URL);
    const ok = await badgesReady(page, timeout);
    await page.waitForTimeout(300);
    return await page.evaluate(
      ([start, done]) => {
        const at = performance.getEntriesByName('paperlens:badges-ready').at(-1)?.startTime;
        return {
          ms: done && at !== undefined ? at - (start as number) : null,
          longest: (window as unknown as { __plLong: number }).__plLong ?? 0,
          badges: document.querySelectorAll('paperlens-badge').length,
        };
      },
      [t0, ok] as const,
    );
  } finally {
    await page.close();
  }
}

/** The Scholar results fixture: DOMContentLoaded to the last badge (the content script runs at document_idle). */
async function measureScholar(session: Session, timeout: number) {
  const page = await session.context.newPage();
  try {
    await page.goto(SCHOLAR_URL, { waitUntil: 'domcontentloaded' });
    const ok = await badgesReady(page, timeout);
    await page.waitForTimeout(300);
    return await page.evaluate((done) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const at = performance.getEntriesByName('paperlens:badges-ready').at(-1)?.startTime;
      return {
        ms: done && at !== undefined && nav ? at - nav.domContentLoadedEventStart : null,
        longest: (window as unknown as { __plLong: number }).__plLong ?? 0,
        badges: document.querySelectorAll('paperlens-badge').length,
      };
    }, ok);
  } finally {
    await page.close();
  }
}

type Session = Awaited<ReturnType<typeof import('../../src/cli/browser').launch>>;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (x: number) => Math.round(x * 10) / 10;

async function measureAll(
  session: Session,
  ext: Page,
  corpus: string,
  bigExpected: number,
  rows: Row[],
  first: boolean,
) {
  const add = (
    page: string,
    rs: { ms: number | null; longest: number; badges: number }[],
    expected: number,
    note?: string,
  ) => {
    const done = rs.map((r) => r.ms).filter((x): x is number => x !== null);
    rows.push({
      corpus,
      page,
      readyMs: done.length === rs.length ? round(median(done)) : null,
      longestTaskMs: round(Math.max(0, ...rs.map((r) => r.longest))),
      badges: Math.max(...rs.map((r) => r.badges)),
      expected,
      runs: rs.length,
      ...(note ? { note } : {}),
    });
  };
  if (first)
    add(
      '1 MB page, 5,000 candidates (first use)',
      [await measureBig(session, ext, 600_000)],
      bigExpected,
      'includes building the title index',
    );
  const big = [];
  for (let i = 0; i < RUNS; i++) big.push(await measureBig(session, ext, 120_000));
  add('1 MB page, 5,000 candidates', big, bigExpected);
  const scholar = [];
  for (let i = 0; i < RUNS; i++) scholar.push(await measureScholar(session, 60_000));
  add('Google Scholar results (fixture)', scholar, 5);
}

export default async function run(): Promise<void> {
  console.log(`building into ${OUT} …`);
  execSync('npx wxt build', { cwd: ROOT, env: { ...process.env, PAPERLENS_OUT: OUT }, stdio: 'ignore' });
  process.env.PAPERLENS_OUT = OUT;
  const { launch } = await import('../../src/cli/browser');
  const { synthPapers } = await import('../../src/corpus/synth');
  const bundled = (await import('../../data/corpus.json')).default as unknown as { papers: Paper[] };
  const synth = SYNTH > 0 ? synthPapers(SYNTH, 1) : [];
  // Papers the corpus does not have: another seed, with a marker word no synthetic title uses.
  const outside = synthPapers(4000, 424242).map((p) => ({ ...p, title: `${p.title} (reprise edition)` }));
  const rows: Row[] = [];

  const session = await launch();
  try {
    await session.context.addInitScript(PAGE_PROBE);
    const ext = await session.extensionPage('options.html');
    await waitForBundledCorpus(ext);
    const small = bigPage(bundled.papers, outside);
    await route(session.context, small.html);
    console.log(`big page (bundled corpus): ${(small.html.length / 1e6).toFixed(2)} MB`);
    await measureAll(session, ext, 'bundled (49 papers)', small.expected, rows, false);

    if (SYNTH > 0) {
      const t = performance.now();
      await loadCorpus(ext, synth);
      console.log(`wrote ${SYNTH.toLocaleString('en')} synthetic papers in ${Math.round(performance.now() - t)} ms`);
      // The engine loads the corpus once per service-worker life: a fresh one reads the new papers.
      await stopServiceWorkers(session.context);
      const big = bigPage(synth, outside);
      await session.context.unroute(BIG_URL);
      await route(session.context, big.html);
      console.log(`big page (synthetic corpus): ${(big.html.length / 1e6).toFixed(2)} MB`);
      await measureAll(session, ext, `synthetic + bundled (${SYNTH.toLocaleString('en')})`, big.expected, rows, true);
    }
    await ext.close();
  } finally {
    await session.close();
  }

  console.table(rows);
  const dir = join(ROOT, '.output/bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'sites.json'),
    `${JSON.stringify({ machine: '2 cores (see README)', goals: { longestTaskMs: 50 }, rows }, null, 2)}\n`,
  );
}
