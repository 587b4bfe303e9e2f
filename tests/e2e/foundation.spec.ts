import { expect, panelFor, test } from './harness';

test.describe('the extension in real Chromium', () => {
  test('starts its service worker and installs the bundled corpus', async ({ session }) => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    const page = await session.extensionPage('options.html');
    await expect
      .poll(async () => Number(await page.locator('[data-stat="bundled"]').textContent()), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(49);
    await page.close();
  });
});

test.describe('arXiv abstract page', () => {
  test('shows a panel with the title and authors read from the page, and says the paper is in the corpus', async ({
    session,
  }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    const panel = await panelFor(page, '2210.16859');
    await expect(panel.locator('[data-section="title"]')).toHaveText('A Solvable Model of Neural Scaling Laws');
    await expect(panel.locator('[data-section="authors"] [data-author]')).toHaveText([
      'Alexander Maloney',
      'Daniel A. Roberts',
      'James Sully',
    ]);
    await expect(panel.locator('[data-corpus-state]')).toHaveAttribute('data-corpus-state', 'true');
    await page.close();
  });

  test('says a paper outside the corpus is not in it, and still lists its authors', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2501.09876v2');
    const panel = await panelFor(page, '2501.09876');
    await expect(panel.locator('[data-corpus-state]')).toHaveAttribute('data-corpus-state', 'false');
    await expect(panel.locator('[data-author]')).toHaveCount(3);
    await page.close();
  });

  test('injects exactly one panel, however often the page is loaded or reloaded', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    await panelFor(page, '2210.16859');
    await page.reload();
    await panelFor(page, '2210.16859');
    await page.goto('https://arxiv.org/abs/2210.16859');
    await panelFor(page, '2210.16859');
    await expect(page.locator('[data-paperlens]')).toHaveCount(1);
    const again = await session.open('https://arxiv.org/abs/2210.16859');
    await panelFor(again, '2210.16859');
    await expect(again.locator('[data-paperlens]')).toHaveCount(1);
    await page.close();
    await again.close();
  });

  test('saves the paper to the reading list, and the library page shows it', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    const panel = await panelFor(page, '2210.16859');
    const save = panel.locator('[data-action="save"]');
    await expect(save).toHaveAttribute('aria-pressed', 'false');
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    const library = await session.extensionPage('library.html');
    await expect(library.locator('[data-reading-list-item][data-paper-id="2210.16859"]')).toHaveCount(1);
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'false');
    await library.reload();
    await expect(library.getByRole('heading', { name: 'Reading list' })).toBeVisible();
    await expect(library.locator('[data-reading-list-item]')).toHaveCount(0);
    await page.close();
    await library.close();
  });
});

test.describe('extension pages', () => {
  test('popup searches the corpus as you type, with the cursor in the search box', async ({ session }) => {
    const popup = await session.extensionPage('popup.html');
    const box = popup.locator('input[type="search"]');
    await expect(box).toBeFocused();
    await box.pressSequentially('scaling laws');
    const results = popup.locator('[data-section="results"] [data-paper-id]');
    await expect(results.first()).toBeVisible();
    const ids = await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id')));
    expect(ids).toContain('2210.16859');
    await popup.close();
  });

  test('options page shows what the corpus holds and what leaves the browser', async ({ session }) => {
    const options = await session.extensionPage('options.html');
    await expect(options.locator('[data-stat="papers"]')).toHaveText(/^\d+$/);
    await expect(options.getByRole('heading', { name: 'Privacy' })).toBeVisible();
    await options.close();
  });
});
