/**
 * Nothing leaves the browser by default: browse every fixture page Paperlens runs on, then the popup,
 * library, options and welcome pages, and check that every request any context made (pages, extension
 * pages and the service worker) went to the extension itself or was answered from the fixtures.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PAGES_DIR } from '../../src/cli/browser';
import { expect, test } from './harness';

/** Fixture files back to the URLs they stand for (those without a `__query` part). */
function fixtureUrls(dir = PAGES_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureUrls(path);
    if (!name.endsWith('.html') || name.includes('__')) return [];
    return [`https://${relative(PAGES_DIR, path).replace(/\.html$/, '')}`];
  });
}

const fixtureHosts = new Set(readdirSync(PAGES_DIR));
const allowed = (url: string) => {
  const u = new URL(url);
  return ['chrome-extension:', 'data:', 'blob:'].includes(u.protocol) || fixtureHosts.has(u.hostname);
};

test.describe('privacy', () => {
  test.describe.configure({ timeout: 120_000 });

  test('sees the service worker’s requests, so the check below is not blind to them', async ({ session }) => {
    const probe = 'https://paperlens-probe.invalid/';
    await session.worker.evaluate((url) => fetch(url).catch(() => undefined), probe);
    await expect.poll(() => session.escaped.includes(probe)).toBe(true);
    // The probe was ours: take it out so the automatic no-escape check judges only Paperlens.
    session.escaped.splice(session.escaped.indexOf(probe), 1);
  });

  test('browsing fixture pages and every extension page sends nothing anywhere else', async ({ session }) => {
    const seen: string[] = [];
    const record = (r: { url(): string }) => seen.push(r.url());
    session.context.on('request', record);
    const urls = fixtureUrls();
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) {
      const page = await session.open(url);
      await page.waitForLoadState('load');
      // Let the content script run: panels and chips ask the background, which must not go online.
      await page.waitForTimeout(500);
      await page.close();
    }
    for (const path of ['popup.html', 'library.html', 'options.html', 'welcome.html']) {
      const page = await session.extensionPage(path);
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      await page.close();
    }
    session.context.off('request', record);
    expect(seen.filter((u) => !allowed(u))).toEqual([]);
    expect(session.escaped).toEqual([]);
  });
});
