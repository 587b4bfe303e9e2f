/**
 * Real Firefox with the built extension (`.output/firefox-mv2`), driven by puppeteer-core over WebDriver
 * BiDi, for the end-to-end suite. The same offline rule as Chromium (src/cli/browser.ts): every request a
 * tab makes is intercepted and answered from `tests/fixtures/pages`, and anything else is refused and
 * recorded in `escaped`. Behind that, the profile's only proxy is a dead end on 127.0.0.1 that records
 * whatever reaches it (a request from the background page, say), so nothing can reach the network unseen.
 *
 * The interception is one BiDi intercept for every tab, not puppeteer's per-page
 * `setRequestInterception`: a tab the extension opens itself (the popup opening a paper) sends its first
 * request before a per-page intercept can be in place, and that request reached the proxy.
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
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
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

  // Puppeteer subscribes the session to network events; its own pages leave blocked requests alone while
  // their interception is off, so this handler is the only one to answer them.
  const bidi = (browser as unknown as { connection: BidiConnection }).connection;
  bidi.on('network.beforeRequestSent', (event: BeforeRequestSent) => {
    if (!event.isBlocked) return;
    const request = event.request.request;
    const url = new URL(event.request.url);
    // BiDi has no resource types in Firefox; a navigation request is a document.
    const offline = offlineAnswer(url, event.navigation !== null);
    const answered = (() => {
      switch (offline.kind) {
        case 'pass':
          return bidi.send('network.continueRequest', { request });
        case 'page':
          state.served.push(url.href);
          return bidi.send('network.provideResponse', {
            request,
            statusCode: 200,
            reasonPhrase: 'OK',
            headers: [{ name: 'content-type', value: { type: 'string', value: 'text/html; charset=utf-8' } }],
            body: { type: 'base64', value: offline.body.toString('base64') },
          });
        case 'empty':
          return bidi.send('network.provideResponse', { request, statusCode: 204, reasonPhrase: 'No Content' });
        case 'escape':
          state.escaped.push(url.href);
          return bidi.send('network.failRequest', { request });
      }
    })();
    // A tab closed meanwhile takes its requests with it.
    answered.catch(() => undefined);
  });
  await bidi.send('network.addIntercept', { phases: ['beforeRequestSent'] });

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
      await page.goto(url);
      return page;
    },
    async extensionPage(path) {
      const page = await browser.newPage();
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

/** The parts of puppeteer's BiDi connection used here (internal to puppeteer, hence untyped). */
interface BidiConnection {
  send(method: string, params: object): Promise<unknown>;
  on(event: 'network.beforeRequestSent', listener: (event: BeforeRequestSent) => void): void;
}
interface BeforeRequestSent {
  readonly isBlocked: boolean;
  readonly navigation: string | null;
  readonly request: { readonly request: string; readonly url: string };
}

interface BidiContext {
  navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<unknown>;
}
