import { expect, test } from './harness';

test.describe('arXiv author listing', () => {
  test("puts a chip on each of the author's papers, saying which are in the corpus", async ({ session }) => {
    const page = await session.open('https://arxiv.org/a/maloney_a_1');
    const chips = page.locator('[data-paperlens="chip"]');
    await expect(chips).toHaveCount(2);
    await expect(page.locator('[data-paperlens="chip"] [data-chip-state="loading"]')).toHaveCount(0);
    expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id')))).toEqual([
      '2210.16859',
      '2607.01007',
    ]);
    await expect(page.locator('[data-paperlens="chip"][data-paper-id="2210.16859"] button')).toHaveAttribute(
      'data-chip-state',
      'corpus',
    );
    await page.close();
  });
});
