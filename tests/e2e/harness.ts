/**
 * End-to-end harness: one browser session (src/cli/browser.ts) per spec file, shared by that file's
 * tests and started fresh for the next file, so no file sees another's saves or learned papers. Every
 * test asserts afterwards that no request escaped to the network.
 */
import { test as base, expect } from '@playwright/test';
import { launch, type Session } from '../../src/cli/browser';

export { panelFor, type Session } from '../../src/cli/browser';
export { expect };

interface Current {
  file?: string;
  session?: Session;
}

export const test = base.extend<{ session: Session; noEscapes: undefined }, { current: Current }>({
  current: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
    async ({}, use) => {
      const current: Current = {};
      await use(current);
      await current.session?.close();
    },
    { scope: 'worker' },
  ],
  session: async ({ current }, use, testInfo) => {
    if (current.file !== testInfo.file || !current.session) {
      await current.session?.close();
      current.session = await launch();
      current.file = testInfo.file;
    }
    await use(current.session);
  },
  noEscapes: [
    async ({ session }, use) => {
      const before = session.escaped.length;
      await use(undefined);
      expect(session.escaped.slice(before), 'requests that tried to reach the network').toEqual([]);
    },
    { auto: true },
  ],
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
