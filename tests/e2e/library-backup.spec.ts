import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// Own browsers (two per journey), so not the harness's shared session; each checks `escaped` itself.
import { expect, test } from '@playwright/test';
import { launch, panelFor } from '../../src/cli/browser';

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from a destructuring pattern.
test('a backup restores everything into a fresh profile; a broken file changes nothing', async ({}, testInfo) => {
  const first = await launch();
  let backupFile = '';
  try {
    const page = await first.open('https://arxiv.org/abs/2501.09876v2');
    const panel = await panelFor(page, '2501.09876');
    await panel.locator('[data-action="save"]').click();
    await expect(panel.locator('[data-action="save"]')).toHaveAttribute('aria-pressed', 'true');
    const lib = await first.extensionPage('library.html#paper=2501.09876');
    const entry = lib.locator('[data-section="entry"]');
    await entry.getByLabel('Tags (comma-separated)').fill('to cite, theory');
    await entry.getByLabel('Notes').fill('Check the appendix.');
    await entry.getByRole('button', { name: 'Save notes and tags' }).click();
    await expect(lib.locator('[data-section="entry"]').getByLabel('Notes')).toHaveValue('Check the appendix.');
    await lib.goto(`chrome-extension://${first.extensionId}/library.html#backup`);
    const download = lib.waitForEvent('download');
    await lib.locator('[data-action="backup"]').click();
    backupFile = join(testInfo.outputDir, 'backup.json');
    await (await download).saveAs(backupFile);
  } finally {
    await first.close();
  }
  const backup = JSON.parse(readFileSync(backupFile, 'utf8'));
  expect(backup.formatVersion).toBe(1);

  const fresh = await launch();
  try {
    const lib = await fresh.extensionPage('library.html#backup');
    // A file cut short is refused, and nothing changes.
    const broken = join(testInfo.outputDir, 'broken.json');
    writeFileSync(broken, readFileSync(backupFile, 'utf8').slice(0, 200));
    await lib.locator('[data-action="restore-file"]').setInputFiles(broken);
    await expect(lib.getByRole('alert')).toContainText('nothing was changed');

    await lib.locator('[data-action="restore-file"]').setInputFiles(backupFile);
    await expect(lib.locator('[data-section="restore-plan"]')).toContainText('1 reading-list entries added');
    await lib.locator('[data-action="restore"]').click();
    await expect(lib.locator('[data-section="restored"]')).toBeVisible();

    await lib.goto(`chrome-extension://${fresh.extensionId}/library.html#paper=2501.09876`);
    await expect(lib.locator('[data-section="entry"]').getByLabel('Notes')).toHaveValue('Check the appendix.');
    await expect(lib.locator('[data-section="entry"]').getByLabel('Tags (comma-separated)')).toHaveValue(
      'to cite, theory',
    );
    await lib.goto(`chrome-extension://${fresh.extensionId}/library.html`);
    await expect(lib.locator('[data-reading-list-item][data-paper-id="2501.09876"]')).toHaveCount(1);
    expect(fresh.escaped).toEqual([]);
  } finally {
    await fresh.close();
  }
});
