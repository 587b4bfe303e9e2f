/**
 * End-to-end harness: one browser session (src/cli/browser.ts) per worker, shared by a file's tests;
 * every test asserts afterwards that no request escaped to the network.
 */
import { test as base, expect } from '@playwright/test';
import { launch, type Session } from '../../src/cli/browser';

export { panelFor, type Session } from '../../src/cli/browser';
export { expect };

export const test = base.extend<{ noEscapes: undefined }, { session: Session }>({
  session: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
    async ({}, use) => {
      const session = await launch();
      await use(session);
      await session.close();
    },
    { scope: 'worker' },
  ],
  noEscapes: [
    async ({ session }, use) => {
      const before = session.escaped.length;
      await use(undefined);
      expect(session.escaped.slice(before), 'requests that tried to reach the network').toEqual([]);
    },
    { auto: true },
  ],
});
