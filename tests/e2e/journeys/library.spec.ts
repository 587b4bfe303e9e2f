// Runs in Chromium and in Firefox (playwright.config.ts): the popup, the reading list, exports and backups.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchDriver } from '../browsers';
import { type BrowserName, type Driver, expect, test } from '../harness';

const PANEL = (id: string) => `paperlens-panel[data-paperlens="panel"][data-paper-id="${id}"] >>>`;

/** A journey that needs its own browsers (a restart, a fresh profile) checks their requests itself. */
async function closeClean(driver: Driver, options?: { keepProfile?: boolean }): Promise<void> {
  const escaped = [...driver.escaped];
  await driver.close(options);
  expect(escaped, `requests that tried to reach the network (${driver.name})`).toEqual([]);
}

test.describe('the popup', () => {
  test('searches the corpus as you type, with the cursor in the search box', async ({ driver }) => {
    const popup = await driver.extensionPage('popup.html');
    await expect.poll(() => popup.focused('input[type="search"]')).toBe(true);
    await popup.type('scaling laws');
    const results = '[data-section="results"] [data-paper-id]';
    await expect.poll(() => popup.attributes(results, 'data-paper-id')).toContain('2210.16859');
    expect((await popup.texts(`${results} mark`)).map((t) => t.toLowerCase())).toContain('scaling');
    await popup.close();
  });
});

test.describe('the reading list', () => {
  test('save on an abs page → popup → library (status read) → survives a restart → the BibTeX export has it', async ({
    browserName,
  }) => {
    const first = await launchDriver(browserName as BrowserName);
    try {
      const page = await first.open('https://arxiv.org/abs/2210.16859');
      await expect
        .poll(() => page.attribute(`${PANEL('2210.16859')} [data-action="save"]`, 'aria-pressed'))
        .toBe('false');
      await page.click(`${PANEL('2210.16859')} [data-action="save"]`);
      await expect
        .poll(() => page.attribute(`${PANEL('2210.16859')} [data-action="save"]`, 'aria-pressed'))
        .toBe('true');
      const popup = await first.extensionPage('popup.html');
      await expect.poll(() => popup.count('[data-section="recent"] [data-paper-id="2210.16859"]')).toBe(1);
      const library = await first.extensionPage('library.html#paper=2210.16859');
      await library.select('[data-section="entry"] select', 'read');
      await expect
        .poll(() => library.texts('[data-section="entry"] .pl-muted'))
        .toContainEqual(expect.stringContaining('read 20'));
    } catch (e) {
      await first.close();
      throw e;
    }
    // Firefox: the add-on is installed temporarily and goes at shutdown; the test profile keeps its data
    // (src/cli/firefox.ts), as a permanently installed add-on's would be kept.
    await closeClean(first, { keepProfile: true });

    const second = await launchDriver(browserName as BrowserName, { profileDir: first.profileDir });
    try {
      const library = await second.extensionPage('library.html');
      const row = '[data-reading-list-item][data-paper-id="2210.16859"]';
      await expect.poll(() => library.count(row)).toBe(1);
      expect(await library.value(`${row} [data-field="status"]`)).toBe('read');
      const file = await library.download(() => library.select('select[aria-label="Export shown"]', 'bibtex'));
      expect(file.name).toMatch(/\.bib$/);
      expect(file.text).toMatch(/@\w+\{maloney2022solvable,/);
      expect(file.text).toContain('A Solvable Model of Neural Scaling Laws');
      expect(file.text).toMatch(/eprint\s*=\s*\{2210\.16859\}/);
    } finally {
      await closeClean(second);
    }
  });

  test('a backup restores notes and tags into a fresh profile; a broken file changes nothing', async ({
    browserName,
  }, testInfo) => {
    const first = await launchDriver(browserName as BrowserName);
    let backup = '';
    try {
      const page = await first.open('https://arxiv.org/abs/2501.09876v2');
      await page.click(`${PANEL('2501.09876')} [data-action="save"]`);
      await expect
        .poll(() => page.attribute(`${PANEL('2501.09876')} [data-action="save"]`, 'aria-pressed'))
        .toBe('true');
      const lib = await first.extensionPage('library.html#paper=2501.09876');
      await lib.fill('[data-section="entry"] input', 'to cite, theory');
      await lib.fill('[data-section="entry"] textarea', 'Check the appendix.');
      await lib.click('[data-section="entry"] button');
      await lib.goto('extension:library.html#backup');
      const file = await lib.download(() => lib.click('[data-action="backup"]'));
      expect(JSON.parse(file.text).formatVersion).toBe(1);
      mkdirSync(testInfo.outputDir, { recursive: true });
      backup = join(testInfo.outputDir, 'backup.json');
      writeFileSync(backup, file.text);
    } finally {
      await closeClean(first);
    }

    const fresh = await launchDriver(browserName as BrowserName);
    try {
      const lib = await fresh.extensionPage('library.html#backup');
      const broken = join(testInfo.outputDir, 'broken.json');
      writeFileSync(broken, '{"formatVersion": 1, "papers": [');
      await lib.setFile('[data-action="restore-file"]', broken);
      await expect
        .poll(() => lib.texts('[role="alert"]'))
        .toContainEqual(expect.stringContaining('nothing was changed'));
      await lib.setFile('[data-action="restore-file"]', backup);
      await expect
        .poll(() => lib.texts('[data-section="restore-plan"]'))
        .toContainEqual(expect.stringContaining('1 reading-list entries added'));
      await lib.click('[data-action="restore"]');
      await expect.poll(() => lib.count('[data-section="restored"]')).toBe(1);
      await lib.goto('extension:library.html#paper=2501.09876');
      await expect.poll(() => lib.value('[data-section="entry"] textarea')).toBe('Check the appendix.');
      expect(await lib.value('[data-section="entry"] input')).toBe('to cite, theory');
    } finally {
      await closeClean(fresh);
    }
  });
});
