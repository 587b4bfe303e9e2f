import { expect, test } from './harness';

test.describe('arXiv search results', () => {
  test('puts a chip on every result, and one opens the full panel under its result', async ({ session }) => {
    const page = await session.open('https://arxiv.org/search/?query=scaling+laws&searchtype=all');
    const chips = page.locator('[data-paperlens="chip"]');
    await expect(chips).toHaveCount(4);
    await expect(page.locator('[data-paperlens="chip"] [data-chip-state="loading"]')).toHaveCount(0);
    expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id')))).toEqual([
      '2210.16859',
      '2607.01001',
      '2402.01092',
      '2607.01003',
    ]);
    const chip = page.locator('[data-paperlens="chip"][data-paper-id="2210.16859"] button');
    await expect(chip).toHaveAttribute('data-chip-state', 'corpus');
    await chip.press('Enter');
    const panel = page.locator('[data-paperlens="panel"][data-paper-id="2210.16859"]');
    await expect(panel.locator('[data-corpus-state]')).toHaveAttribute('data-corpus-state', 'true');
    await expect(panel.locator('[data-section="topics"] [data-topic]').first()).toBeVisible();
    expect(await panel.evaluate((p) => p.closest('li')?.className)).toBe('arxiv-result');
    await page.close();
  });
});
