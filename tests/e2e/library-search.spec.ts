import { expect, test } from './harness';

test.describe('popup search', () => {
  test('ranks and highlights as you type, opens with Enter, saves with Ctrl+S', async ({ session }) => {
    const popup = await session.extensionPage('popup.html');
    const box = popup.locator('input[type="search"]');
    await expect(box).toBeFocused();
    await box.pressSequentially('solvable scaling');
    const results = popup.locator('[data-section="results"] [data-paper-id]');
    await expect(results.first()).toHaveAttribute('data-paper-id', '2210.16859');
    // Highlights are text in <mark>, not HTML from the corpus.
    await expect(results.first().locator('mark').first()).toHaveText(/solvable|scaling/i);

    await box.press('Control+s');
    await expect(results.first().locator('[data-action="save"]')).toHaveAttribute('aria-pressed', 'true');

    const opened = session.context.waitForEvent('page');
    // Enter opens the paper in a new tab and closes the popup (so the key press never "finishes").
    await box.press('Enter').catch(() => undefined);
    const tab = await opened;
    await expect.poll(() => popup.isClosed()).toBe(true);
    // A tab the extension opens is not routed to the fixtures by Playwright before it loads, so ask the
    // browser which URL the new tab was given rather than what it shows.
    const urls = () =>
      session.worker.evaluate(async () => {
        type Tab = { url?: string; pendingUrl?: string };
        const tabs = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Tab[]> } } }).chrome.tabs;
        return (await tabs.query({})).map((t) => t.pendingUrl ?? t.url ?? '');
      });
    await expect.poll(urls).toContain('https://arxiv.org/abs/2210.16859');
    await tab.close();

    const library = await session.extensionPage('library.html');
    await expect(library.locator('[data-reading-list-item][data-paper-id="2210.16859"]')).toHaveCount(1);
    // Unsave again through the popup so the worker's other tests start from an empty list.
    const again = await session.extensionPage('popup.html');
    await again.locator('input[type="search"]').pressSequentially('solvable scaling');
    const save = again.locator('[data-section="results"] [data-paper-id="2210.16859"] [data-action="save"]');
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'false');
    await library.close();
    await again.close();
  });

  test('filters by year and by saved state', async ({ session }) => {
    const popup = await session.extensionPage('popup.html');
    await popup.locator('input[type="search"]').pressSequentially('scaling laws');
    const results = popup.locator('[data-section="results"] [data-paper-id]');
    await expect(results.first()).toBeVisible();
    await popup.getByRole('button', { name: /Filters/ }).click();
    await popup.getByLabel('Saved').selectOption('saved');
    await expect(results).toHaveCount(0);
    await popup.getByLabel('Saved').selectOption('');
    await popup.getByLabel('From year').fill('2030');
    await expect(results).toHaveCount(0);
    await popup.getByLabel('From year').fill('');
    await expect(results.first()).toBeVisible();
    await popup.close();
  });

  test('shows the paper of the current arXiv tab at the top', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    // The popup reads the active tab; opened as a page, it is given the abs page's tab by focusing it.
    const popup = await session.context.newPage();
    await page.bringToFront();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await expect(popup.locator('[data-section="tab"] [data-paper-id]').first()).toBeVisible();
    await page.close();
    await popup.close();
  });
});
