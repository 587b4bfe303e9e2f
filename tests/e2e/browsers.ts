/**
 * One small API over both browsers, for the journeys that run in Chromium and in Firefox
 * (tests/e2e/journeys). Chromium is the Playwright session of src/cli/browser.ts; Firefox is the
 * puppeteer-core session of src/cli/browser-firefox.ts. A spec written against `Driver` and `Tab` runs
 * unchanged in both; where the browsers differ, the spec asks `driver.name` and says why.
 *
 * Selectors are CSS, matched in the document and in every open shadow root under it (as Playwright does);
 * `A >>> B` is a B anywhere inside an A, its shadow root included. Everything is read and acted on through
 * real element handles and the real keyboard and mouse of each browser.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle as PwElement, Page as PwPage } from '@playwright/test';
import type { KeyInput, ElementHandle as PpElement, Page as PpPage } from 'puppeteer-core';
import { launch, type Session } from '../../src/cli/browser';
import { type FirefoxSession, launchFirefox } from '../../src/cli/browser-firefox';

export type BrowserName = 'chromium' | 'firefox';

export interface Tab {
  /** The address the tab shows now (read from the page: Firefox's driver does not follow every navigation). */
  url(): Promise<string>;
  /** A website (answered from fixtures) or, as `extension:<path>`, one of the extension's pages. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  count(selector: string): Promise<number>;
  texts(selector: string): Promise<string[]>;
  /** The attribute on the first match (null when there is no match or no attribute). */
  attribute(selector: string, name: string): Promise<string | null>;
  attributes(selector: string, name: string): Promise<(string | null)[]>;
  /** The `value` of the first matching form control. */
  value(selector: string): Promise<string | null>;
  /** Whether the focused element (through shadow roots) matches. */
  focused(selector: string): Promise<boolean>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  /** Focuses the field, clears it, and types `text` key by key. */
  fill(selector: string, text: string): Promise<void>;
  /** Types into whatever has the focus. */
  type(text: string): Promise<void>;
  /** A key or chord (`Enter`, `Shift+Tab`). */
  press(key: string): Promise<void>;
  select(selector: string, value: string): Promise<void>;
  setFile(selector: string, path: string): Promise<void>;
  /** Runs `trigger` and answers the file it downloaded. */
  download(trigger: () => Promise<void>): Promise<{ name: string; text: string }>;
  close(): Promise<void>;
}

export interface Driver {
  readonly name: BrowserName;
  /** Requests that tried to leave the machine. */
  readonly escaped: readonly string[];
  readonly profileDir: string;
  /** The address of an extension page (`library.html#paper=…`). */
  extensionUrl(path: string): string;
  open(url: string): Promise<Tab>;
  extensionPage(path: string): Promise<Tab>;
  /** Runs `trigger` and answers the tab it opened. */
  newTab(trigger: () => Promise<void>): Promise<Tab>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function launchDriver(name: BrowserName, options: { profileDir?: string } = {}): Promise<Driver> {
  return name === 'chromium' ? chromiumDriver(await launch(options)) : firefoxDriver(await launchFirefox(options));
}

/** Every element matching `selector` (see the module comment), in the page; serialised into it. */
function deepAll(selector: string): Element[] {
  const within = (scope: Element | Document | ShadowRoot, sel: string): Element[] => {
    const out = Array.from(scope.querySelectorAll(sel));
    const hosts = Array.from(scope.querySelectorAll('*')).filter((e) => e.shadowRoot);
    if (scope instanceof Element && scope.shadowRoot) hosts.unshift(scope);
    for (const host of hosts) if (host.shadowRoot) out.push(...within(host.shadowRoot, sel));
    return out;
  };
  let scopes: (Element | Document)[] = [document];
  for (const part of selector.split(/\s*>>>\s*/)) scopes = [...new Set(scopes.flatMap((s) => within(s, part)))];
  return scopes as Element[];
}
const DEEP = deepAll.toString();
const call = (body: string, ...args: unknown[]) =>
  `(() => { const deepAll = ${DEEP}; return (${body})(${args.map((a) => JSON.stringify(a)).join(', ')}); })()`;

const QUERIES = {
  count: (sel: string) => call('(s) => deepAll(s).length', sel),
  texts: (sel: string) => call('(s) => deepAll(s).map((e) => (e.textContent ?? "").trim())', sel),
  attributes: (sel: string, name: string) => call('(s, n) => deepAll(s).map((e) => e.getAttribute(n))', sel, name),
  value: (sel: string) => call('(s) => { const e = deepAll(s)[0]; return e && "value" in e ? e.value : null; }', sel),
  focused: (sel: string) =>
    call(
      '(s) => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return !!a && deepAll(s).includes(a); }',
      sel,
    ),
  first: (sel: string) => call('(s) => deepAll(s)[0] ?? null', sel),
};

const TIMEOUT = 10_000;

async function until<T>(what: string, probe: () => Promise<T | null | undefined>): Promise<T> {
  const end = Date.now() + TIMEOUT;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`e2e: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The parts of a tab that are the same whatever drives it. */
function common(page: { evaluate(expr: string): Promise<unknown> }) {
  const ev = <T>(expr: string) => page.evaluate(expr) as Promise<T>;
  return {
    count: (s: string) => ev<number>(QUERIES.count(s)),
    texts: (s: string) => ev<string[]>(QUERIES.texts(s)),
    attributes: (s: string, n: string) => ev<(string | null)[]>(QUERIES.attributes(s, n)),
    attribute: async (s: string, n: string) => (await ev<(string | null)[]>(QUERIES.attributes(s, n)))[0] ?? null,
    value: (s: string) => ev<string | null>(QUERIES.value(s)),
    focused: (s: string) => ev<boolean>(QUERIES.focused(s)),
  };
}

function chromiumDriver(session: Session): Driver {
  const tab = (page: PwPage): Tab => {
    const element = (s: string) =>
      until(
        `an element matching ${s}`,
        async () => (await page.evaluateHandle(QUERIES.first(s))).asElement() as PwElement<Element> | null,
      );
    return {
      ...common(page),
      url: async () => page.url(),
      goto: async (url) => void (await page.goto(resolve(url))),
      reload: async () => void (await page.reload()),
      evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => never, arg),
      click: async (s) => (await element(s)).click(),
      focus: async (s) => (await element(s)).focus(),
      fill: async (s, text) => {
        await (await element(s)).fill('');
        await page.keyboard.type(text);
      },
      type: (text) => page.keyboard.type(text),
      press: (key) => page.keyboard.press(key),
      select: async (s, v) => void (await (await element(s)).selectOption(v)),
      setFile: async (s, path) => (await element(s)).setInputFiles(path),
      download: async (trigger) => {
        const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
        return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
      },
      close: () => page.close(),
    };
  };
  const resolve = (url: string) =>
    url.startsWith('extension:') ? `chrome-extension://${session.extensionId}/${url.slice(10)}` : url;
  return {
    name: 'chromium',
    escaped: session.escaped,
    profileDir: session.profileDir,
    extensionUrl: (path) => resolve(`extension:${path}`),
    open: async (url) => tab(await session.open(url)),
    extensionPage: async (path) => tab(await session.extensionPage(path)),
    newTab: async (trigger) => {
      const [page] = await Promise.all([session.context.waitForEvent('page'), trigger()]);
      await page.waitForLoadState('domcontentloaded');
      // A tab the extension opens is not routed to the fixtures before its first load, which then fails
      // (no host resolves offline). Loaded again, now routed, it shows the fixture.
      if (page.url().startsWith('chrome-error:')) await page.reload();
      return tab(page);
    },
    close: (options) => session.close(options),
  };
}

function firefoxDriver(session: FirefoxSession): Driver {
  const tab = (page: PpPage): Tab => {
    const element = (s: string) =>
      until(
        `an element matching ${s}`,
        async () => (await page.evaluateHandle(QUERIES.first(s))).asElement() as PpElement<Element> | null,
      );
    const href = () => page.evaluate(() => location.href);
    return {
      ...common(page),
      url: href,
      goto: async (url) => {
        if (url.startsWith('extension:')) await session.gotoExtensionPage(page, url.slice(10));
        else await page.goto(url);
      },
      reload: async () => {
        if (!(await href()).startsWith('moz-extension:')) return void (await page.reload());
        // An extension page's reload is not reported to the driver either (see browser-firefox.ts).
        await page.evaluate(() => {
          (window as { plBeforeReload?: boolean }).plBeforeReload = true;
          location.reload();
        });
        await page.waitForFunction(
          () => !(window as { plBeforeReload?: boolean }).plBeforeReload && document.readyState !== 'loading',
          { polling: 50 },
        );
      },
      evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => never, arg),
      click: async (s) => (await element(s)).click(),
      focus: async (s) => (await element(s)).focus(),
      fill: async (s, text) => {
        const el = await element(s);
        await el.evaluate((e) => {
          (e as HTMLInputElement).value = '';
          e.dispatchEvent(new Event('input', { bubbles: true }));
        });
        await el.focus();
        await page.keyboard.type(text);
      },
      type: (text) => page.keyboard.type(text),
      press: async (key) => {
        const keys = key.split('+') as KeyInput[];
        const last = keys.pop() as KeyInput;
        for (const k of keys) await page.keyboard.down(k);
        await page.keyboard.press(last);
        for (const k of keys.reverse()) await page.keyboard.up(k);
      },
      select: async (s, v) => void (await (await element(s)).select(v)),
      setFile: async (s, path) =>
        (await (element(s) as unknown as Promise<PpElement<HTMLInputElement>>)).uploadFile(path),
      download: async (trigger) => {
        const before = new Set(readdirSync(session.downloadDir));
        await trigger();
        // Firefox writes `<name>.part` and renames it when done.
        const name = await until('a finished download', async () =>
          readdirSync(session.downloadDir).find((f) => !before.has(f) && !f.endsWith('.part')),
        );
        const file = join(session.downloadDir, name);
        // Firefox may create the file empty beside its `.part` and fill it when the download completes.
        await until('the download to be written', async () =>
          existsSync(file) && statSync(file).size > 0 && !existsSync(`${file}.part`) ? true : null,
        );
        return { name, text: readFileSync(file, 'utf8') };
      },
      close: () => page.close(),
    };
  };
  return {
    name: 'firefox',
    escaped: session.escaped,
    profileDir: session.profileDir,
    extensionUrl: (path) => `${session.extensionOrigin}/${path}`,
    // The tab a test drives is brought to the front, as the tab a user works in is: Firefox pauses animation
    // frames in background tabs, and Preact runs effects (the library's hash router among them) after a
    // frame. On install Paperlens opens its welcome tab, which would otherwise be the one in front.
    open: async (url) => {
      const page = await session.open(url);
      await page.bringToFront();
      return tab(page);
    },
    extensionPage: async (path) => {
      const page = await session.extensionPage(path);
      await page.bringToFront();
      return tab(page);
    },
    newTab: async (trigger) => {
      const known = new Set(await session.browser.pages());
      await trigger();
      const page = await until('a new tab', async () => (await session.browser.pages()).find((p) => !known.has(p)));
      await page.waitForFunction(() => document.readyState !== 'loading' && location.href !== 'about:blank', {
        polling: 50,
      });
      return tab(page);
    },
    close: (options) => session.close(options),
  };
}
