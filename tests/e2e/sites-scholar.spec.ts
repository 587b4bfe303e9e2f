import type { Page } from '@playwright/test';
import { expect, test } from './harness';

const badges = (page: Page) => page.locator('paperlens-badge[data-paperlens="badge"]');

/** Waits for the overlay to settle with `count` badges; answers their ids, sorted. */
async function badgeIds(page: Page, count: number): Promise<string[]> {
  await expect(badges(page)).toHaveCount(count);
  const ids = await badges(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id') ?? ''));
  return ids.sort();
}

test.describe('Google Scholar', () => {
  test('badges exactly the corpus papers among the results, and a badge opens the panel', async ({ session }) => {
    const page = await session.open('https://scholar.google.com/scholar?q=neural+scaling+laws');
    // arXiv link, title only, cut title ("…"), [CITATION] without a link, [PDF] arxiv.org side link.
    expect(await badgeIds(page, 5)).toEqual(['2210.16859', '2402.01092', '2405.00592', '2409.17858', '2502.05074']);
    // No badge on the near misses (other scaling-laws papers, "Deep learning", a longer title that starts
    // with a corpus title), even after the page has had time to settle.
    await page.waitForTimeout(300);
    await expect(badges(page)).toHaveCount(5);
    // Each badge sits in the result's title line, and its host follows the overlay DOM contract.
    const placed = await badges(page).evaluateAll((els) =>
      els.every((b) => b.closest('h3.gs_rt') !== null && b.shadowRoot?.mode === 'open'),
    );
    expect(placed).toBe(true);

    const badge = page.locator('[data-paperlens="badge"][data-paper-id="2409.17858"] button');
    await badge.click();
    await expect(badge).toHaveAttribute('aria-expanded', 'true');
    const panel = page.locator('paperlens-panel[data-paperlens="panel"][data-paper-id="2409.17858"]');
    await expect(panel.locator('[data-author]').first()).toHaveText('Blake Bordelon');
    // The page did not navigate to the publisher (the badge sits beside the title link).
    expect(page.url()).toContain('scholar.google.com');
    // The panel goes under the result, after its action links.
    expect(await panel.evaluate((p) => p.previousElementSibling?.classList.contains('gs_fl'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(badge).toBeFocused();
    await page.close();
  });

  test('a profile badges its corpus papers, and rows added by "Show more" as they arrive', async ({ session }) => {
    const page = await session.open('https://scholar.google.com/citations?user=AbCdEfGAAAAJ&hl=en');
    expect(await badgeIds(page, 3)).toEqual(['1812.04754', '2104.00008', '2106.10165']);
    await page.getByRole('button', { name: 'Show more' }).click();
    expect(await badgeIds(page, 5)).toEqual(['1812.04754', '2104.00008', '2104.04874', '2106.10165', '2310.07765']);
    await page.close();
  });

  test('turning Scholar off in the options removes its badges, and on again brings them back', async ({ session }) => {
    const page = await session.open('https://scholar.google.com/scholar?q=neural+scaling+laws');
    await badgeIds(page, 5);
    const options = await session.extensionPage('options.html');
    const toggle = options.locator('input[data-site-overlay="scholar"]');
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(badges(page)).toHaveCount(0);
    await toggle.check();
    await expect(badges(page)).toHaveCount(5);
    await options.close();
    await page.close();
  });
});
