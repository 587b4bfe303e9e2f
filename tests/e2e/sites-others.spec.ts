import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PAGES_DIR } from '../../src/cli/browser';
import { expect, test } from './harness';

const badges = (page: Page) => page.locator('paperlens-badge[data-paperlens="badge"]');

async function badgeIds(page: Page, count: number): Promise<string[]> {
  await expect(badges(page)).toHaveCount(count);
  return (await badges(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id') ?? ''))).sort();
}

/** Each adapter on its fixture: exactly the corpus papers the page shows get a badge. */
const PAGES: [string, string, string[]][] = [
  [
    'Semantic Scholar paper page (references below link papers outside the corpus)',
    'https://www.semanticscholar.org/paper/A-Solvable-Model-of-Neural-Scaling-Laws-Maloney-Roberts/5b3b4c2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c',
    ['2210.16859'],
  ],
  ['OpenReview forum', 'https://openreview.net/forum?id=Zx1Kw9bTqA', ['2409.17858']],
  ['OpenReview venue', 'https://openreview.net/group?id=ICLR.cc/2025/Conference', ['2403.17887', '2410.04642']],
  ['Hugging Face paper page', 'https://huggingface.co/papers/2210.16859', ['2210.16859']],
  ['alphaXiv paper page', 'https://www.alphaxiv.org/abs/2402.01092', ['2402.01092']],
  [
    'Papers with Code paper page',
    'https://paperswithcode.com/paper/get-rich-quick-exact-solutions-reveal-how',
    ['2406.06158'],
  ],
  ['DBLP person page', 'https://dblp.org/pid/117/9999.html', ['2011.03321', '2202.04167', '2206.10566']],
  [
    'CatalyzeX author page',
    'https://www.catalyzex.com/author/Daniel%20A.%20Roberts',
    ['2106.10165', '2403.17887', '2404.01413'],
  ],
];

test.describe('badges beyond arXiv', () => {
  for (const [what, url, expected] of PAGES) {
    test(`${what}: a badge on every corpus paper and on nothing else`, async ({ session }) => {
      const page = await session.open(url);
      expect(await badgeIds(page, expected.length)).toEqual(expected);
      await page.waitForTimeout(300);
      await expect(badges(page)).toHaveCount(expected.length);
      await page.close();
    });
  }

  test('Hugging Face daily papers: cards loaded later get badges as they arrive', async ({ session }) => {
    const page = await session.open('https://huggingface.co/papers');
    expect(await badgeIds(page, 2)).toEqual(['2309.14322', '2404.01413']);
    await page.getByRole('button', { name: 'Load more' }).click();
    expect(await badgeIds(page, 3)).toEqual(['2309.14322', '2403.17887', '2404.01413']);
    // The panel opens from a badge inside a card title and closes with Escape.
    const badge = page.locator('[data-paperlens="badge"][data-paper-id="2403.17887"] button');
    await badge.click();
    const panel = page.locator('[data-paperlens="panel"][data-paper-id="2403.17887"]');
    await expect(panel.locator('[data-author]').first()).toHaveText('Andrey Gromov');
    expect(page.url()).toBe('https://huggingface.co/papers');
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await page.close();
  });

  test('Semantic Scholar author page: client-side navigation to the next page recognises the new list', async ({
    session,
  }) => {
    const page = await session.open('https://www.semanticscholar.org/author/Alexander-Atanasov/2301');
    expect(await badgeIds(page, 4)).toEqual(['2111.00034', '2212.12147', '2405.00592', '2410.04642']);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page).toHaveURL(/page=2$/);
    expect(await badgeIds(page, 2)).toEqual(['2305.18411', '2502.05074']);
    await page.close();
  });

  test('fixture pages name the URL they imitate and the markup era', () => {
    for (const path of [
      'openreview.net/forum__id=Zx1Kw9bTqA.html',
      'huggingface.co/papers.html',
      'dblp.org/pid/117/9999.html.html',
      'www.alphaxiv.org/abs/2402.01092.html',
    ]) {
      const head = readFileSync(`${PAGES_DIR}/${path}`, 'utf8').slice(0, 600);
      expect(head, path).toMatch(/<!-- Imitates https:\/\/\S+ — .*markup/s);
      expect(head, path).toMatch(/No real\s+capture is available/);
    }
  });
});
