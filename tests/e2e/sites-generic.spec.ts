import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PAGES_DIR } from '../../src/cli/browser';
import { expect, type Session, test } from './harness';

const badges = (page: Page) => page.locator('paperlens-badge[data-paperlens="badge"]');

/**
 * The popup's "Scan this page" injects scan.js into the tab with activeTab, a grant headless Chromium
 * cannot give from a test. So the page is served under a host the extension already holds (a Scholar
 * path no Scholar adapter claims) and the test makes the popup's own call, scripting.executeScript with
 * the unlisted script's file, from the background.
 */
async function openAndScan(session: Session, fixture: string): Promise<Page> {
  const page = await session.context.newPage();
  const url = `https://scholar.google.com/generic-test/${fixture.replace(/[/.~]/g, '-')}`;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html', body: readFileSync(join(PAGES_DIR, fixture), 'utf8') }),
  );
  await page.goto(url);
  const scan = (u: string) =>
    session.worker.evaluate(async (target) => {
      type Api = {
        tabs: { query(q: object): Promise<{ id: number; url: string }[]> };
        scripting: { executeScript(o: object): Promise<unknown> };
      };
      const c = (globalThis as unknown as { chrome: Api }).chrome;
      const [tab] = (await c.tabs.query({})).filter((t) => t.url === target);
      if (!tab) throw new Error(`no tab at ${target}`);
      await c.scripting.executeScript({ target: { tabId: tab.id }, files: ['/scan.js'] });
    }, u);
  // Nothing before the scan: no adapter claims the page.
  await page.waitForTimeout(300);
  await expect(badges(page)).toHaveCount(0);
  await scan(url);
  return page;
}

const ids = async (page: Page, count: number) => {
  await expect(badges(page)).toHaveCount(count);
  return (await badges(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id') ?? ''))).sort();
};

test.describe('generic recogniser ("Scan this page")', () => {
  test('an aggregator author page (titles in headings, no arXiv links) gets badges on its corpus papers', async ({
    session,
  }) => {
    const page = await openAndScan(session, 'aggregator.example.com/author/daniel-a-roberts.html');
    expect(await ids(page, 3)).toEqual(['2104.00008', '2210.16859', '2310.07765']);
    // The badge ends the heading line, and opens the panel under the heading.
    const badge = page.locator('[data-paperlens="badge"][data-paper-id="2210.16859"]');
    expect(await badge.evaluate((b) => [b.parentElement?.tagName, b.previousElementSibling?.tagName])).toEqual([
      'H3',
      'A',
    ]);
    await badge.locator('button').click();
    const panel = page.locator('[data-paperlens="panel"][data-paper-id="2210.16859"]');
    await expect(panel.locator('[data-author]').first()).toHaveText('Alexander Maloney');
    expect(await panel.evaluate((p) => p.previousElementSibling?.tagName)).toBe('H3');
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await page.close();
  });

  test('a listing whose cards run the title into "authors · org"', async ({ session }) => {
    const page = await openAndScan(session, 'aggregator.example.com/feed.html');
    expect(await ids(page, 2)).toEqual(['2309.14322', '2408.07852']);
    await page.close();
  });

  test('a publication page full of papers outside the corpus gets no false badge', async ({ session }) => {
    const page = await openAndScan(session, 'example.org/~someone/publications.html');
    expect(await ids(page, 3)).toEqual(['2008.06786', '2111.08234', '2303.05420']);
    await page.waitForTimeout(300);
    await expect(badges(page)).toHaveCount(3);
    await page.close();
  });
});
