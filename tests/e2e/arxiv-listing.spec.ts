import type { Page } from '@playwright/test';
import { expect, test } from './harness';

const chips = (page: Page) => page.locator('paperlens-chip[data-paperlens="chip"]');
const chipFor = (page: Page, id: string) => page.locator(`[data-paperlens="chip"][data-paper-id="${id}"] button`);

/** Waits until every chip on the page shows its data, and answers their ids in page order. */
async function settledChipIds(page: Page, count: number): Promise<string[]> {
  await expect(chips(page)).toHaveCount(count);
  await expect(page.locator('[data-paperlens="chip"] [data-chip-state="loading"]')).toHaveCount(0);
  return chips(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id') ?? ''));
}

test.describe('arXiv listing pages', () => {
  test('puts one chip on every entry of a /new page, cross-lists and replacements included', async ({ session }) => {
    const page = await session.open('https://arxiv.org/list/cs.LG/new');
    const ids = await settledChipIds(page, 8);
    expect(ids).toEqual([
      '2607.01001',
      '2607.01002',
      '2607.01003',
      '2607.01004',
      '2607.01005',
      '2607.01006',
      '2210.16859',
      '2402.01092',
    ]);
    await expect(chipFor(page, '2210.16859')).toHaveAttribute('data-chip-state', 'corpus');
    // A paper no one has seen before still gets topics and related corpus papers from its own abstract.
    const fresh = chipFor(page, '2607.01001');
    await expect(fresh.locator('[data-related-count]')).toHaveText(/^[1-9]\d* related$/);
    await expect(fresh.locator('[data-topic]').first()).toHaveAttribute('title', /.+/);
    // Each chip sits in the entry's own dt, right after the abs link.
    const placed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('paperlens-chip')).every(
        (c) => c.parentElement?.tagName === 'DT' && c.previousElementSibling?.getAttribute('title') === 'Abstract',
      ),
    );
    expect(placed).toBe(true);
    await page.close();
  });

  test('a chip opens the full panel under its entry with Enter, and Escape closes it again', async ({ session }) => {
    const page = await session.open('https://arxiv.org/list/cs.LG/new');
    await settledChipIds(page, 8);
    const chip = chipFor(page, '2607.01003');
    await chip.focus();
    await page.keyboard.press('Enter');
    await expect(chip).toHaveAttribute('aria-expanded', 'true');
    const panel = page.locator('[data-paperlens="panel"][data-paper-id="2607.01003"]');
    await expect(panel.locator('[data-author]')).toHaveText(['Feng Chen', 'Daniel Kunin', 'Priya Raman']);
    await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
    expect(
      await panel.evaluate((p) => p.closest('dd')?.previousElementSibling?.querySelector('a[title="Abstract"]')?.id),
    ).toBe('2607.01003');
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(chip).toBeFocused();
    await page.keyboard.press('Space');
    await expect(panel).toHaveCount(1);
    await chip.click();
    await expect(panel).toHaveCount(0);
    await page.close();
  });

  test('marks entries already in the reading list, also after a reload', async ({ session }) => {
    const page = await session.open('https://arxiv.org/list/cs.LG/new');
    await settledChipIds(page, 8);
    await chipFor(page, '2402.01092').click();
    const panel = page.locator('[data-paperlens="panel"][data-paper-id="2402.01092"]');
    await panel.locator('[data-action="save"]').click();
    await expect(chipFor(page, '2402.01092')).toHaveAttribute('data-chip-state', 'saved');
    await page.reload();
    await settledChipIds(page, 8);
    await expect(chipFor(page, '2402.01092')).toHaveAttribute('data-chip-state', 'saved');
    await expect(page.locator('[data-paperlens="chip"][data-paper-id="2402.01092"]')).toHaveAttribute('data-saved', '');
    await chipFor(page, '2402.01092').click();
    await panel.locator('[data-action="save"]').click();
    await expect(chipFor(page, '2402.01092')).toHaveAttribute('data-chip-state', 'corpus');
    await page.close();
  });

  test('chips /recent and, in the older markup, /pastweek with show=2000 and a YYMM month archive', async ({
    session,
  }) => {
    for (const [url, n] of [
      ['https://arxiv.org/list/cs.LG/recent', 6],
      ['https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000', 8],
      ['https://arxiv.org/list/cs.LG/2607', 6],
    ] as const) {
      const page = await session.open(url);
      const ids = await settledChipIds(page, n);
      expect(ids[0], url).toBe('2607.01001');
      await page.close();
    }
  });

  test('chips entries that arrive late, once each, and shows their text as text', async ({ session }) => {
    const page = await session.open('https://arxiv.org/list/cs.LG/recent');
    await settledChipIds(page, 6);
    await page.evaluate(() => {
      const dl = document.querySelector('dl#articles');
      const dt = document.createElement('dt');
      dt.innerHTML = '<a href="/abs/2607.09999" title="Abstract" id="2607.09999">arXiv:2607.09999</a>';
      const dd = document.createElement('dd');
      dd.innerHTML = `<div class='meta'><div class='list-title'></div><div class='list-authors'><a href="#">Eve Example</a></div></div>`;
      (dd.querySelector('.list-title') as HTMLElement).textContent =
        'Scaling laws <img src=x onerror="window.pwned=1">';
      dl?.append(dt, dd);
    });
    await settledChipIds(page, 7);
    await chipFor(page, '2607.09999').click();
    const panel = page.locator('[data-paperlens="panel"][data-paper-id="2607.09999"]');
    await expect(panel.locator('[data-section="title"]')).toHaveText(
      'Scaling laws <img src=x onerror="window.pwned=1">',
    );
    await expect(panel.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await expect(page.locator('[data-paperlens]')).toHaveCount(8);
    await page.close();
  });
});
