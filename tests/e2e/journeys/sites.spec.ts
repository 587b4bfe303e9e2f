// Runs in Chromium and in Firefox (playwright.config.ts): badges on the scholarly sites (sites.content.ts).
import { expect, test } from '../harness';

const BADGES = 'paperlens-badge[data-paperlens="badge"]';

test.describe('Google Scholar', () => {
  test('badges exactly the corpus papers among the results; a badge opens the panel and Escape closes it', async ({
    driver,
  }) => {
    const tab = await driver.open('https://scholar.google.com/scholar?q=neural+scaling+laws');
    await expect
      .poll(async () => (await tab.attributes(BADGES, 'data-paper-id')).sort())
      .toEqual(['2210.16859', '2402.01092', '2405.00592', '2409.17858', '2502.05074']);
    const badge = '[data-paperlens="badge"][data-paper-id="2409.17858"] >>> button';
    await tab.click(badge);
    await expect.poll(() => tab.attribute(badge, 'aria-expanded')).toBe('true');
    const panel = 'paperlens-panel[data-paperlens="panel"][data-paper-id="2409.17858"] >>>';
    await expect.poll(async () => (await tab.texts(`${panel} [data-author]`))[0]).toBe('Blake Bordelon');
    // The badge sits beside the title link: the page did not navigate to the publisher.
    expect(await tab.url()).toContain('scholar.google.com');
    await tab.press('Escape');
    await expect.poll(() => tab.count('paperlens-panel')).toBe(0);
    expect(await tab.focused(badge)).toBe(true);
    await tab.close();
  });

  test('a profile badges its corpus papers, and the rows "Show more" adds as they arrive', async ({ driver }) => {
    const tab = await driver.open('https://scholar.google.com/citations?user=AbCdEfGAAAAJ&hl=en');
    await expect
      .poll(async () => (await tab.attributes(BADGES, 'data-paper-id')).sort())
      .toEqual(['1812.04754', '2104.00008', '2106.10165']);
    await tab.click('button#gsc_bpf_more');
    await expect.poll(() => tab.count(BADGES)).toBe(5);
    await tab.close();
  });

  test('the options page shows the corpus; turning Scholar off removes its badges, and on brings them back', async ({
    driver,
  }) => {
    const tab = await driver.open('https://scholar.google.com/scholar?q=neural+scaling+laws');
    await expect.poll(() => tab.count(BADGES)).toBe(5);
    const options = await driver.extensionPage('options.html');
    await expect.poll(async () => Number((await options.texts('[data-stat="bundled"]'))[0])).toBeGreaterThanOrEqual(49);
    const toggle = 'input[data-site-overlay="scholar"]';
    await expect
      .poll(() => options.evaluate((s) => document.querySelector<HTMLInputElement>(s)?.checked, toggle))
      .toBe(true);
    await options.click(toggle);
    await expect.poll(() => tab.count(BADGES)).toBe(0);
    await options.click(toggle);
    await expect.poll(() => tab.count(BADGES)).toBe(5);
    await options.close();
    await tab.close();
  });
});
