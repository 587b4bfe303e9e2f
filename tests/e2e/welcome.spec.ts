/**
 * The welcome page (opening once on install is welcome-once.spec.ts): reachable from the popup and the
 * settings, its three ways to grow the corpus one click away
 * (the DOM contract: `[data-action="build-from-arxiv"]`, `[data-action="import-file"]`,
 * `[data-setting="learnFromPages"]`, `[data-stat="papers"]`), and usable by keyboard alone.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from './harness';

test.describe('welcome page contents', () => {
  test('shows the corpus and three ways to grow it, each one click away', async ({ session }) => {
    const page = await session.extensionPage('welcome.html');
    await expect(page.locator('h1')).toHaveText('Welcome to Paperlens');
    await expect(page.locator('[data-stat="papers"]')).toHaveText('49');
    await expect(page.locator('[data-action="build-from-arxiv"]')).toBeEnabled();
    await expect(page.locator('input[type="file"][data-action="import-file"]')).toBeEnabled();
    await expect(page.locator('[data-setting="learnFromPages"]')).toBeChecked();
    await expect(page.locator('[data-section="harvest-estimate"]')).toContainText(/About [\d,]+ papers in about/);

    // Learning from pages: the setting itself changes.
    await page.locator('[data-setting="learnFromPages"]').uncheck();
    await page.reload();
    await expect(page.locator('[data-setting="learnFromPages"]')).not.toBeChecked();
    await page.locator('[data-setting="learnFromPages"]').check();

    // Importing a file grows the corpus.
    const file = fileURLToPath(new URL('../fixtures/importers/oai-arxiv.xml', import.meta.url));
    await page.locator('[data-action="import-file"]').setInputFiles(file);
    await expect(page.locator('[data-section="import-report"] [data-stat="added"]')).not.toHaveText('0');
    const added = Number(await page.locator('[data-section="import-report"] [data-stat="added"]').textContent());
    await expect(page.locator('[data-stat="papers"]')).toHaveText(String(49 + added));
    await page.close();
  });

  test('is linked from the popup and the settings', async ({ session }) => {
    const url = `chrome-extension://${session.extensionId}/welcome.html`;
    for (const path of ['popup.html', 'options.html']) {
      const page = await session.extensionPage(path);
      await expect(page.locator('[data-action="open-welcome"]')).toHaveAttribute('href', url);
      await page.close();
    }
  });

  test('the category picker works by keyboard: search, choose, remove, and reach the build button', async ({
    session,
  }) => {
    const page = await session.extensionPage('welcome.html');
    await page.locator('[data-field="category-search"]').focus();
    await page.keyboard.type('hep-th');
    await expect(page.locator('[data-category]')).toHaveCount(1);
    await page.keyboard.press('Tab');
    await expect(page.locator('[data-category-choice="hep-th"]')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.locator('[data-chosen-category="hep-th"]')).toBeVisible();
    // The chosen list names what a button removes.
    await expect(page.locator('[data-chosen-category="cs.LG"] button')).toHaveAccessibleName(
      'Remove cs.LG (Machine Learning)',
    );
    await page.locator('[data-chosen-category="cs.LG"] button').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-chosen-category="cs.LG"]')).toHaveCount(0);
    await expect(page.locator('[data-field="harvest-start"]')).toHaveAccessibleName('Papers added or changed since');
    // Tab on from the date field reaches the build button through the form's own controls.
    await page.locator('[data-field="harvest-start"]').focus();
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.locator('[data-action="build-from-arxiv"]').evaluate((b) => b === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.close();
  });
});
