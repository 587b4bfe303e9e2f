/**
 * Hostile pages (issue 9): markup and script in titles, authors and abstracts, right-to-left and
 * zero-width characters, giant strings, deep nesting, built-ins redefined by the page's own script,
 * globals clobbered by ids and names, Paperlens's element names registered by the page. The overlay
 * renders text only, keeps working, never throws into the page, and the page's own script keeps working.
 *
 * The pages' scripts break the main world's Array/JSON/RegExp, so these tests read the page only through
 * Playwright locators (which run in their own world) and attributes the page sets on <html>.
 */
import type { Page } from '@playwright/test';
import { expect, panelFor, type Session, test } from './harness';

/** Opens a page and collects what Paperlens reported to the console ("Paperlens:" prefix). */
async function openWatched(session: Session, url: string): Promise<{ page: Page; reports: string[] }> {
  const page = await session.context.newPage();
  const reports: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('Paperlens:')) reports.push(m.text());
  });
  await page.goto(url);
  return { page, reports };
}

/** Nothing the page showed ran as markup, and nothing was thrown into the page. */
async function expectPageUnharmed(page: Page): Promise<void> {
  const root = page.locator('html');
  await expect(root).not.toHaveAttribute('data-pwned', /.*/);
  await expect(root).not.toHaveAttribute('data-page-errors', /.*/);
}

test.describe('hostile pages', () => {
  test('an abstract page with markup, RTL and zero-width text, a 300 kB abstract and redefined built-ins gets a text-only panel', async ({
    session,
  }) => {
    const { page, reports } = await openWatched(session, 'https://arxiv.org/abs/hostile/0101001');
    const panel = await panelFor(page, 'hostile/0101001');
    // The panel has its data (not an error): the giant abstract and author were clipped, not refused.
    await expect(panel.locator('[data-corpus-state]')).toHaveAttribute('data-corpus-state', 'false');
    await expect(panel.locator('.pl-error')).toHaveCount(0);
    // Markup from the page is shown as the text it is, with the RTL and zero-width marks kept as text.
    const title = panel.locator('[data-section="title"]');
    await expect(title).toContainText('<img src=x onerror="pwn()"> Hostile \u202Etxet desrever\u202C Ti\u200Btle');
    await expect(title).toContainText('<b>markup</b> and &amp; entities');
    await expect(panel.locator('[data-author]').first()).toHaveText('<script>pwn()</script>Eve Attacker');
    await expect(panel.locator('[data-author]')).toHaveCount(4);
    // No element the page's text describes exists inside the panel.
    await expect(panel.locator('img, script, iframe, svg[onload], b')).toHaveCount(0);
    // A javascript: URL in the comments is never made a link; the https code link is.
    await expect(panel.locator('a[href^="javascript:"]')).toHaveCount(0);
    await expect(panel.locator('[data-section="code"] a')).toHaveAttribute(
      'href',
      'https://github.com/example/hostile',
    );
    // Saving works on this page, and the page's own button still does its job.
    const save = panel.locator('[data-action="save"]');
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    await page.locator('#page-button').click();
    await expect(page.locator('html')).toHaveAttribute('data-page-clicks', '1');
    await expectPageUnharmed(page);
    // The content script's isolated world did not see the page's redefinitions: nothing to report.
    expect(reports).toEqual([]);
    await page.close();
  });

  test('a 400-entry listing with hostile titles, giant strings and late entries gets a chip on every entry', async ({
    session,
  }) => {
    const { page, reports } = await openWatched(session, 'https://arxiv.org/list/hostile/new');
    const chips = page.locator('paperlens-chip[data-paperlens="chip"]');
    // 400 at load and 5 added late by the page.
    await expect(chips).toHaveCount(405, { timeout: 30_000 });
    await expect(page.locator('[data-paperlens="chip"] [data-chip-state="loading"]')).toHaveCount(0, {
      timeout: 30_000,
    });
    await expect(page.locator('[data-paperlens="chip"][data-paper-id="2210.16859"] button')).toHaveAttribute(
      'data-chip-state',
      'corpus',
    );
    // The page registered paperlens-chip and paperlens-panel as its own custom elements; the hosts are
    // upgraded to the page's class, but Paperlens's shadow roots and content are in them all the same.
    await expect(page.locator('html')).toHaveAttribute('data-squatter-constructed', 'yes');
    await expect(page.locator('[data-paperlens="chip"] img, [data-paperlens="chip"] script')).toHaveCount(0);
    // An inline panel opens from a hostile entry, shows its title as text.
    await page.locator('[data-paperlens="chip"][data-paper-id="2601.10001"] button').first().click();
    const panel = await panelFor(page, '2601.10001');
    await expect(panel.locator('[data-section="title"]')).toHaveText('Entry 1 <script>pwn()</script> about scaling');
    await page.locator('#dlpage h1').click();
    await expect(page.locator('html')).toHaveAttribute('data-page-clicks', /\d+/);
    await expectPageUnharmed(page);
    expect(reports).toEqual([]);
    await page.close();
  });

  test('a Scholar page with hostile results and broken built-ins badges the corpus paper only', async ({ session }) => {
    const { page, reports } = await openWatched(session, 'https://scholar.google.com/scholar?q=hostile');
    const badges = page.locator('paperlens-badge[data-paperlens="badge"]');
    await expect(badges).toHaveCount(1);
    await expect(badges).toHaveAttribute('data-paper-id', '2210.16859');
    await expect(page.locator('[data-paperlens] img, [data-paperlens] script')).toHaveCount(0);
    await expectPageUnharmed(page);
    expect(reports).toEqual([]);
    await page.close();
  });
});
