// Runs in Chromium and in Firefox (playwright.config.ts): the reading-list journey with the keyboard alone.
import { expect, type Tab, test } from '../harness';

/** Presses Tab until `selector` has the focus, as a keyboard user would (at most `max` times). */
async function tabTo(tab: Tab, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await tab.focused(selector)) return;
    await tab.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard only: find a paper in the popup, save it, open it, set its status in the library', async ({
  driver,
}) => {
  const popup = await driver.extensionPage('popup.html');
  // The popup opens with the cursor in the search box.
  await expect.poll(() => popup.focused('input[type="search"]')).toBe(true);
  await popup.type('solvable scaling');
  const first = '[data-section="results"] [data-paper-id]';
  await expect.poll(() => popup.attribute(first, 'data-paper-id')).toBe('2210.16859');
  // ↓ moves the focus to the first result; "s" saves it.
  await popup.press('ArrowDown');
  await expect.poll(() => popup.focused(`${first} .pl-title`)).toBe(true);
  await popup.press('s');
  await expect.poll(() => popup.attribute(`${first} [data-action="save"]`, 'aria-pressed')).toBe('true');
  // Enter on the focused result opens the paper (and closes the popup, so the key press may not return).
  const paper = await driver.newTab(() => popup.press('Enter').catch(() => undefined));
  expect(await paper.url()).toBe('https://arxiv.org/abs/2210.16859');
  const panel = 'paperlens-panel[data-paper-id="2210.16859"] >>>';
  await expect.poll(() => paper.attribute(`${panel} [data-action="save"]`, 'aria-pressed')).toBe('true');

  // The library, from the panel: Tab through the page to the first author's link, then the reading list.
  await tabTo(paper, `${panel} [data-author]`, 150);
  const library = await driver.newTab(() => paper.press('Enter'));
  expect(await library.url()).toMatch(/\/library\.html#author=/);
  await tabTo(library, 'nav a[href="#list"]');
  await library.press('Enter');
  const status = '[data-reading-list-item][data-paper-id="2210.16859"] [data-field="status"]';
  await expect.poll(() => library.count(status)).toBe(1);
  expect(await library.value(status)).toBe('to-read');
  await tabTo(library, status);
  await library.press('ArrowDown');
  await expect.poll(() => library.value(status)).toBe('reading');
  // It was stored, not only shown.
  await library.reload();
  await expect.poll(() => library.value(status)).toBe('reading');
  await library.close();
  await paper.close();
});
