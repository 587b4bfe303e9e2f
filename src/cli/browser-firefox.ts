/**
 * Real Firefox with the built extension (`.output/firefox-mv2`), driven by puppeteer-core over WebDriver
 * BiDi, for the end-to-end suite. The same offline rule as Chromium (src/cli/browser.ts): every request a
 * tab makes is intercepted and answered from `tests/fixtures/pages`, and anything else is refused and
 * recorded in `escaped`. Behind that, the profile's only proxy is a dead end on 127.0.0.1 that records
 * whatever reaches it (a request from the background page, or one a new tab sends before its interception
 * is in place), so nothing can reach the network unseen.
 *
 * How Firefox differs here:
 * - The add-on is installed temporarily (BiDi `webExtension.install`), as `about:debugging` would; its
 *   moz-extension UUID is random per profile unless a preference pins it, so the profile pins it.
 * - WebDriver BiDi refuses to navigate a tab to a moz-extension: page unless the remote agent runs with
 *   `--remote-allow-system-access`, and even then Firefox does not report that navigation's end to
 *   puppeteer (the tab changes process): extension pages are opened with the raw BiDi command and waited
 *   for by their own `document.readyState`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { offlineAnswer, ROOT } from './browser';
import { findFirefox, firefoxPrefs } from './firefox';

/** The Firefox build under test: `.output/firefox-mv2`, or `$PAPERLENS_OUT/firefox-mv2`. */
export const FIREFOX_EXTENSION_DIR = join(ROOT, process.env.PAPERLENS_OUT ?? '.output', 'firefox-mv2');
/** Fixed for test profiles (see `firefoxPrefs`): extension pages live at moz-extension://<this>/. */
export const TEST_UUID = '5e0a7a0e-9c1b-4f4e-8a52-7061706572a1';

export interface FirefoxSession {
  readonly browser: Browser;
  /** `moz-extension://<uuid>`, the origin of the extension's pages. */
  readonly extensionOrigin: string;
  readonly profileDir: string;
  /** Where downloads land (exports, backups). */
  readonly downloadDir: string;
  readonly escaped: string[];
  readonly served: string[];
  open(url: string): Promise<Page>;
  extensionPage(path: string): Promise<Page>;
  /** Points a tab at an extension page (see the module comment for why not `page.goto`). */
  gotoExtensionPage(page: Page, path: string): Promise<void>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface FirefoxLaunchOptions {
  /** A profile to reuse (a restart); a fresh temporary one otherwise. */
  readonly profileDir?: string;
  readonly extensionDir?: string;
}

/** A proxy that forwards nothing: it records what reached it and answers 502. */
async function deadEndProxy(escaped: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    escaped.push(`proxy: ${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    escaped.push(`proxy: CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('e2e: no Firefox found (install Debian firefox-esr or set FIREFOX_PATH)');
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'paperlens-e2e-firefox-'));
  const downloadDir = mkdtempSync(join(tmpdir(), 'paperlens-e2e-downloads-'));
  const state = { escaped: [] as string[], served: [] as string[] };
  const proxy = await deadEndProxy(state.escaped);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir: profileDir,
    args: ['--remote-allow-system-access'],
    // Release builds ignore the remote-settings server preference (a dummy, so Firefox does not poll
    // Mozilla's) unless told they run under tests; non-local connections are refused as a second fence.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1', MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
    extraPrefsFirefox: firefoxPrefs(TEST_UUID, downloadDir, proxy.port),
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (e) {
    await browser.close();
    proxy.server.close();
    throw new Error(`e2e: Firefox refused the add-on in ${extensionDir} (${(e as Error).message})`);
  }
  const extensionOrigin = `moz-extension://${TEST_UUID}`;

  const intercepted = new WeakSet<Page>();
  const intercept = async (page: Page) => {
    if (intercepted.has(page)) return;
    intercepted.add(page);
    page.on('request', (req: HTTPRequest) => void answer(req));
    await page.setRequestInterception(true);
  };
  const answer = async (req: HTTPRequest) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = new URL(req.url());
    // BiDi has no resource types in Firefox; a navigation request is a document.
    const offline = offlineAnswer(url, req.isNavigationRequest());
    switch (offline.kind) {
      case 'pass':
        return req.continue();
      case 'page':
        state.served.push(url.href);
        return req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: offline.body });
      case 'empty':
        return req.respond({ status: 204, body: '' });
      case 'escape':
        state.escaped.push(url.href);
        return req.abort('blockedbyclient');
    }
  };
  // Tabs the extension opens itself (a topic link opens the library, the popup opens a paper).
  browser.on('targetcreated', (target) => {
    void target.page().then((page) => page && intercept(page));
  });

  const gotoExtensionPage = async (page: Page, path: string) => {
    const url = `${extensionOrigin}/${path.replace(/^\//, '')}`;
    // Internal to puppeteer (untyped), the frame's BiDi browsing context; see the module comment.
    const context = (page.mainFrame() as unknown as { browsingContext: BidiContext }).browsingContext;
    await context.navigate(url, 'interactive');
    await page.waitForFunction((u) => location.href === u && document.readyState !== 'loading', { polling: 50 }, url);
  };

  return {
    browser,
    extensionOrigin,
    profileDir,
    downloadDir,
    escaped: state.escaped,
    served: state.served,
    async open(url) {
      const page = await browser.newPage();
      await intercept(page);
      await page.goto(url);
      return page;
    },
    async extensionPage(path) {
      const page = await browser.newPage();
      await intercept(page);
      await gotoExtensionPage(page, path);
      return page;
    },
    gotoExtensionPage,
    async close({ keepProfile = false } = {}) {
      await browser.close();
      proxy.server.close();
      rmSync(downloadDir, { recursive: true, force: true });
      if (!keepProfile && !options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

interface BidiContext {
  navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<unknown>;
}
