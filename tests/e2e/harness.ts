/**
 * End-to-end harness: one browser session per spec file, shared by that file's tests and started fresh
 * for the next file, so no file sees another's saves or learned papers. Every test that uses a session
 * asserts afterwards that no request escaped to the network.
 *
 * Two fixtures: `session`, Chromium through Playwright (src/cli/browser.ts), for the specs in this
 * folder; and `driver`, the browser of the project running the spec (Chromium or Firefox) behind the one
 * API of ./browsers.ts, for the journeys in ./journeys that run in both (playwright.config.ts).
 */
import { test as base, expect } from '@playwright/test';
import { launch, type Session } from '../../src/cli/browser';
import { type BrowserName, type Driver, launchDriver } from './browsers';

export { panelFor, type Session } from '../../src/cli/browser';
export type { BrowserName, Driver, Tab } from './browsers';
export { expect };

interface Current {
  file?: string;
  session?: Session | undefined;
  driver?: Driver | undefined;
}

const noEscapes = (escaped: readonly string[], before: number) =>
  expect(escaped.slice(before), 'requests that tried to reach the network').toEqual([]);

export const test = base.extend<{ session: Session; driver: Driver }, { current: Current }>({
  current: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
    async ({}, use) => {
      const current: Current = {};
      await use(current);
      await current.session?.close();
      await current.driver?.close();
    },
    { scope: 'worker' },
  ],
  session: async ({ current }, use, testInfo) => {
    if (current.file !== testInfo.file || !current.session) {
      await current.session?.close();
      await current.driver?.close();
      current.driver = undefined;
      current.session = await launch();
      current.file = testInfo.file;
    }
    const before = current.session.escaped.length;
    await use(current.session);
    noEscapes(current.session.escaped, before);
  },
  driver: async ({ current, browserName }, use, testInfo) => {
    if (current.file !== testInfo.file || !current.driver) {
      await current.session?.close();
      await current.driver?.close();
      current.session = undefined;
      current.driver = await launchDriver(browserName as BrowserName);
      current.file = testInfo.file;
    }
    const before = current.driver.escaped.length;
    await use(current.driver);
    noEscapes(current.driver.escaped, before);
  },
});

/** Changes settings the way the options page does (storage.local `settings`), from an extension page. */
export async function setSettings(session: Session, patch: Record<string, unknown>): Promise<void> {
  const ext = await session.extensionPage('options.html');
  await ext.evaluate(async (p) => {
    type Local = { get(k: string): Promise<{ settings?: object }>; set(v: object): Promise<void> };
    const c = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome;
    const { settings } = await c.storage.local.get('settings');
    await c.storage.local.set({ settings: { ...(settings ?? {}), ...p } });
  }, patch);
  await ext.close();
}
