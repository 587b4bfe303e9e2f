/**
 * The welcome page opens once: on a fresh profile, and not again after a service-worker stop or a
 * browser restart on the same profile.
 */

import { launch } from '../../src/cli/browser';
import { stopServiceWorkers } from '../bench/overlay.bench';
import { expect, type Session, test } from './harness';

const welcomeTabs = (session: Session) =>
  session.context.pages().filter((p) => p.url() === `chrome-extension://${session.extensionId}/welcome.html`);

test.describe('welcome page', () => {
  test('a fresh profile opens it once: not again after a worker stop or a browser restart', async ({ session }) => {
    await expect.poll(() => welcomeTabs(session).length).toBe(1);
    const tab = welcomeTabs(session)[0];
    if (!tab) throw new Error('no welcome tab');
    await expect(tab.locator('[data-stat="papers"]')).toHaveText('49');
    await stopServiceWorkers(session.context);
    // Any message starts the worker again.
    await (await session.extensionPage('popup.html')).close();
    await tab.close();
    await session.context.newPage();
    expect(welcomeTabs(session)).toHaveLength(0);

    await session.close({ keepProfile: true });
    const again = await launch({ profileDir: session.profileDir });
    try {
      await (await again.extensionPage('popup.html')).waitForLoadState('load');
      await new Promise((r) => setTimeout(r, 1500));
      expect(welcomeTabs(again)).toHaveLength(0);
    } finally {
      await again.close();
    }
  });
});
