/**
 * Real Chromium with the built extension loaded (`.output/chrome-mv3`), for the end-to-end suite,
 * `npm start` and the browser benches. Offline (the default), every request to a website is answered
 * from `tests/fixtures/pages/<host>/<path>.html` by routing, and any request that would reach the
 * network is blocked and recorded in `escaped`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page, type Route, type Worker } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Pages the offline browser serves: the end-to-end fixtures double as `npm start`'s demo pages. */
/** The Chrome build under test: `.output/chrome-mv3`, or `$PAPERLENS_OUT/chrome-mv3`. */
export const EXTENSION_DIR = join(ROOT, process.env.PAPERLENS_OUT ?? '.output', 'chrome-mv3');
export const PAGES_DIR = join(ROOT, 'tests/fixtures/pages');

export interface Session {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly worker: Worker;
  readonly profileDir: string;
  /** Requests that tried to leave the machine. A test fails if this is not empty at close. */
  readonly escaped: string[];
  /** Requests answered from fixtures, in order. */
  readonly served: string[];
  open(url: string): Promise<Page>;
  extensionPage(path: string): Promise<Page>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/** Maps a site URL to its fixture file: `https://arxiv.org/abs/2210.16859` → `arxiv.org/abs/2210.16859.html`. */
export function fixturePath(url: URL): string {
  let path = decodeURIComponent(url.pathname).replace(/\/$/, '') || '/index';
  if (url.search) path += `__${url.search.slice(1).replace(/[^\w.=-]+/g, '_')}`;
  return join(PAGES_DIR, url.hostname, `${path}.html`);
}

/** What a request gets offline: a fixture page, an empty answer, passed through (our own), or refused. */
export type Offline = { kind: 'page'; body: Buffer } | { kind: 'empty' } | { kind: 'pass' } | { kind: 'escape' };

/** The one offline rule for every browser: documents from fixtures, a fixture site's assets empty, else refused. */
export function offlineAnswer(url: URL, isDocument: boolean): Offline {
  if (['chrome-extension:', 'moz-extension:', 'data:', 'blob:'].includes(url.protocol)) return { kind: 'pass' };
  // arXiv serves every version of a paper from the same page; one fixture stands for them all.
  const exact = fixturePath(url);
  const file = existsSync(exact) ? exact : exact.replace(/v\d+\.html$/, '.html');
  if (isDocument && existsSync(file)) return { kind: 'page', body: readFileSync(file) };
  // A fixture site's own scripts, styles and images: answered empty, never fetched.
  if (!isDocument && existsSync(join(PAGES_DIR, url.hostname))) return { kind: 'empty' };
  return { kind: 'escape' };
}

async function answer(route: Route, session: { escaped: string[]; served: string[] }) {
  const url = new URL(route.request().url());
  const offline = offlineAnswer(url, route.request().resourceType() === 'document');
  switch (offline.kind) {
    case 'pass':
      return route.continue();
    case 'page':
      session.served.push(url.href);
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: offline.body });
    case 'empty':
      return route.fulfill({ status: 204, body: '' });
    case 'escape':
      session.escaped.push(url.href);
      return route.abort('blockedbyclient');
  }
}

export interface LaunchOptions {
  /** A profile to reuse (e.g. to test a browser restart); a fresh temporary one otherwise. */
  readonly profileDir?: string;
  readonly headless?: boolean;
  /** Answer websites from fixtures and block the network (default), or let pages load live. */
  readonly offline?: boolean;
  readonly viewport?: { width: number; height: number };
  /** Another build of the extension (upgrade tests); the one PAPERLENS_OUT names otherwise. */
  readonly extensionDir?: string;
}

export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('e2e: no Chromium found (install Debian chromium or set CHROME_PATH)');
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error('e2e: build the extension first (npm run build)');
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'paperlens-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: false, // --headless=new is passed in args: the old headless mode cannot load extensions.
    args: [
      ...chromiumArgs(extensionDir, options.headless ?? true),
      // Offline, no host name resolves: a request that routing misses (a tab the extension opens itself
      // is not always routed) fails here instead of reaching the network.
      ...((options.offline ?? true) ? ['--host-resolver-rules=MAP * ~NOTFOUND'] : []),
    ],
    viewport: options.viewport ?? { width: 1200, height: 900 },
  });
  const state = { escaped: [] as string[], served: [] as string[] };
  if (options.offline ?? true) await context.route('**/*', (route) => answer(route, state));
  let worker = context.serviceWorkers()[0];
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    worker,
    profileDir,
    escaped: state.escaped,
    served: state.served,
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async extensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** The one panel for a paper on the page (Playwright locators pierce open shadow roots), once it appears. */
export async function panelFor(page: Page, paperId: string) {
  const host = page.locator(`[data-paperlens="panel"][data-paper-id="${paperId}"]`);
  await host.waitFor({ state: 'attached', timeout: 10_000 });
  return host;
}
