import { readFileSync } from 'node:fs';
// Own browsers (two per journey), so not the harness's shared session; each checks `escaped` itself.
import { expect, test } from '@playwright/test';
import { launch, panelFor } from '../../src/cli/browser';

test('save from an abs page → popup → library → survives a restart → BibTeX export has it', async () => {
  const first = await launch();
  const page = await first.open('https://arxiv.org/abs/2210.16859');
  const panel = await panelFor(page, '2210.16859');
  await panel.locator('[data-action="save"]').click();
  await expect(panel.locator('[data-action="save"]')).toHaveAttribute('aria-pressed', 'true');

  const popup = await first.extensionPage('popup.html');
  await expect(popup.locator('[data-section="recent"] [data-paper-id="2210.16859"]')).toHaveCount(1);
  const library = await first.extensionPage('library.html');
  await expect(library.locator('[data-reading-list-item][data-paper-id="2210.16859"]')).toHaveCount(1);
  // Mark it read, with a note, in the paper view.
  await library.goto(`chrome-extension://${first.extensionId}/library.html#paper=2210.16859`);
  await library.locator('[data-section="entry"] select').first().selectOption('read');
  await expect(library.locator('[data-section="entry"]')).toContainText('read 20');
  expect(first.escaped).toEqual([]);
  await first.close({ keepProfile: true });

  const second = await launch({ profileDir: first.profileDir });
  try {
    const again = await second.extensionPage('library.html');
    const row = again.locator('[data-reading-list-item][data-paper-id="2210.16859"]');
    await expect(row).toHaveCount(1);
    await expect(row.locator('[data-field="status"]')).toHaveValue('read');
    const download = again.waitForEvent('download');
    await again.getByLabel('Export shown').selectOption('bibtex');
    const file = await (await download).path();
    const bib = readFileSync(file, 'utf8');
    expect(bib).toMatch(/@\w+\{maloney2022solvable,/);
    expect(bib).toContain('A Solvable Model of Neural Scaling Laws');
    expect(bib).toMatch(/eprint\s*=\s*\{2210\.16859\}/);
    expect(second.escaped).toEqual([]);
  } finally {
    await second.close();
  }
});
