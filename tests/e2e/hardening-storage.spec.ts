/**
 * Storage faults and crashes in the options page (issue 9): damaged records are counted and repaired
 * with the reading list kept; the service worker stopped in the middle of an import leaves a whole
 * import that the background then serves.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { synthRows } from '../../src/corpus/synth';
import { stopServiceWorkers } from '../bench/overlay.bench';
import { expect, test } from './harness';

const send = async (page: Page, type: string, data: unknown) =>
  (await page.evaluate(`chrome.runtime.sendMessage(${JSON.stringify({ type, data })})`)) as {
    ok: boolean;
    value: never;
  };

test.describe('storage faults', () => {
  test.describe.configure({ timeout: 120_000 });

  test('damaged records: the options page says how many could not be read, and Repair keeps the reading list', async ({
    session,
  }) => {
    const options = await session.extensionPage('options.html');
    for (const id of ['2210.16859', '2310.07765'])
      expect((await send(options, 'readingList/add', { ids: [id] })).ok).toBe(true);
    await send(options, 'readingList/update', { id: '2210.16859', patch: { notes: 'survives damage' } });
    // Damage one entry (its title gone, an unknown status) and one paper (its authors gone), on disk.
    await options.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('paperlens');
      open.onsuccess = () => {
        const tx = open.result.transaction(['papers', 'readingList'], 'readwrite');
        const list = tx.objectStore('readingList');
        const papers = tx.objectStore('papers');
        list.get('2210.16859').onsuccess = (e) => list.put({ ...e.target.result, title: 42, status: 'lost' });
        papers.get('2402.01092').onsuccess = (e) => papers.put({ ...e.target.result, authors: null });
        tx.oncomplete = () => { open.result.close(); resolve(undefined); };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    })`);
    await options.reload();
    const notice = options.locator('[data-section="unreadable"] [data-unreadable]');
    await expect(notice).toHaveAttribute('data-unreadable', '2');
    await expect(notice).toContainText('2 records could not be read (1 in the corpus, 1 in the reading list)');
    // Meanwhile the library shows what can be read.
    const library = await session.extensionPage('library.html');
    await expect(library.locator('[data-reading-list-item][data-paper-id]')).toHaveCount(1);
    await options.locator('[data-action="repair-records"]').click();
    await expect(options.locator('[data-repaired]')).toContainText(
      'Removed 1 damaged paper; rebuilt 1 reading-list entry.',
    );
    await expect(notice).toHaveCount(0);
    await library.reload();
    await expect(library.locator('[data-reading-list-item][data-paper-id]')).toHaveCount(2);
    const { entries } = (await send(library, 'readingList/list', {})).value as {
      entries: { paperId: string; notes: string; title: string }[];
    };
    expect(entries.find((e) => e.paperId === '2210.16859')).toMatchObject({
      notes: 'survives damage',
      title: 'A Solvable Model of Neural Scaling Laws',
    });
    await library.close();
    await options.close();
  });

  test('the service worker stopped mid-import: the import completes whole and the background serves it', async ({
    session,
  }) => {
    const path = join(mkdtempSync(join(tmpdir(), 'paperlens-harden-')), 'synth-4000.jsonl');
    const out = createWriteStream(path);
    for (const row of synthRows(4000, 9)) if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    const options = await session.extensionPage('options.html');
    await options.locator('[data-action="import-file"]').setInputFiles(path);
    await expect(options.locator('[data-section="import-progress"] progress')).toBeVisible();
    await stopServiceWorkers(session.context);
    const stat = (name: string) => options.locator(`[data-section="import-report"] [data-stat="${name}"]`);
    await expect(stat('read')).toHaveText('4000', { timeout: 90_000 });
    const added = Number(await stat('added').textContent());
    const merged = Number(await stat('merged').textContent());
    const rejected = Number(await stat('rejected').textContent());
    expect(added + merged + rejected).toBe(4000);
    // The restarted background sees every imported paper (counted from the database, not a cache).
    const status = (await send(options, 'corpus/status', {})).value as { imported: number };
    expect(status.imported).toBe(added + merged);
    await expect(
      options.locator('[data-section="imports"] [data-import-state="done"]', { hasText: 'synth-4000.jsonl' }),
    ).toHaveCount(1);
    await options.close();
  });
});
