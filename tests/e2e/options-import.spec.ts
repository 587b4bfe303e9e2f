/**
 * Importing through the options page in real Chromium: the real 5,637-paper sample (when ../shared is
 * there), a 10k synthetic snapshot with progress, cancel + resume, and closing the tab mid-import.
 */

import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { synthRows } from '../../src/corpus/synth';
import { expect, type Session, test } from './harness';

const SAMPLE = fileURLToPath(new URL('../../../shared/samples/arxiv-2024-03-title-abstract.jsonl', import.meta.url));
const DIR = mkdtempSync(join(tmpdir(), 'paperlens-import-'));

async function synthFile(papers: number, seed: number): Promise<string> {
  const path = join(DIR, `synth-${papers}-seed${seed}.jsonl`);
  if (existsSync(path)) return path;
  const out = createWriteStream(path);
  for (const row of synthRows(papers, seed)) if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return path;
}

const stat = (page: Page, name: string) => page.locator(`[data-section="import-report"] [data-stat="${name}"]`);
const num = async (page: Page, selector: string) => Number(await page.locator(selector).textContent());

/** What the database says, read in an extension page: imports, and papers whose import has no record. */
function corpusState(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const q = indexedDB.open('paperlens');
      q.onsuccess = () => resolve(q.result);
      q.onerror = () => reject(q.error);
    });
    const all = <T>(req: IDBRequest<T[]>) =>
      new Promise<T[]>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const tx = db.transaction(['papers', 'imports', 'readingList']);
    type Prov = { kind: string; importId?: string };
    const [papers, imports, saved] = await Promise.all([
      all<{ id: string; provenance: Prov[] }>(tx.objectStore('papers').getAll()),
      all<{ id: string; state: string; added: number; merged: number; read: number }>(
        tx.objectStore('imports').getAll(),
      ),
      all<{ paperId: string }>(tx.objectStore('readingList').getAll()),
    ]);
    db.close();
    const ids = new Set(imports.map((r) => r.id));
    const perImport: Record<string, number> = {};
    let orphans = 0;
    for (const p of papers)
      for (const q of p.provenance)
        if (q.kind === 'imported' && q.importId) {
          perImport[q.importId] = (perImport[q.importId] ?? 0) + 1;
          if (!ids.has(q.importId)) orphans++;
        }
    return { imports, perImport, orphans, saved: saved.map((s) => s.paperId).sort() };
  });
}

async function importFile(session: Session, path: string) {
  const page = await session.extensionPage('options.html');
  await page.locator('[data-action="import-file"]').setInputFiles(path);
  return page;
}

test.describe('options page imports', () => {
  test.describe.configure({ timeout: 180_000 });

  test('imports the real 5,637-paper arXiv JSON lines sample and reports it', async ({ session }) => {
    test.skip(!existsSync(SAMPLE), `../shared is absent (${SAMPLE}): the real sample cannot be imported`);
    const page = await importFile(session, SAMPLE);
    await expect(stat(page, 'read')).toHaveText('5637', { timeout: 120_000 });
    const rejected = Number(await stat(page, 'rejected').textContent());
    const added = Number(await stat(page, 'added').textContent());
    const merged = Number(await stat(page, 'merged').textContent());
    expect(added + merged + rejected).toBe(5637);
    expect(added).toBeGreaterThan(5000);
    await expect(page.locator('[data-section="import-report"]')).toContainText('arXiv JSON lines (id/title/abstract)');
    await expect.poll(() => num(page, '[data-stat="imported"]')).toBeGreaterThanOrEqual(added);
    await expect(
      page.locator('[data-section="imports"] [data-import-state="done"]', {
        hasText: 'arxiv-2024-03-title-abstract.jsonl',
      }),
    ).toHaveCount(1);
    // The background's engine was told: the popup's search finds an imported paper.
    const popup = await session.extensionPage('popup.html');
    await popup.locator('input[type="search"]').fill('Unsolvable Problem Detection vision language models');
    await expect(popup.locator('[data-section="results"] [data-paper-id="2403.20331"]')).toBeVisible();
    await popup.close();
    await page.close();
  });

  test('imports a file dropped on the page, and lists rejected entries with where and why', async ({ session }) => {
    const page = await session.extensionPage('options.html');
    const bib = [
      '@article{okafor2026, title={Sparse Mixtures of Linear Probes}, author={Okafor, Ines}, year={2026}}',
      '@article{broken2026, author={Nobody, A.}, year={2026}}',
    ].join('\n');
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'reading.bib', { type: 'application/x-bibtex' }));
      return dt;
    }, bib);
    await page.dispatchEvent('[data-section="import-drop"]', 'drop', { dataTransfer });
    await expect(stat(page, 'read')).toHaveText('2');
    await expect(stat(page, 'rejected')).toHaveText('1');
    await expect(page.locator('[data-section="rejections"] [data-rejection]')).toHaveCount(1);
    await expect(page.locator('[data-section="rejections"]')).toContainText('broken2026');
    await page.close();
  });

  test('imports a 10k synthetic snapshot with a progress bar and a correct report', async ({ session }) => {
    const path = await synthFile(10_000, 1);
    const t0 = Date.now();
    const page = await importFile(session, path);
    await expect(page.locator('[data-section="import-progress"] progress')).toBeVisible();
    await expect(stat(page, 'read')).toHaveText('10000', { timeout: 150_000 });
    const seconds = (Date.now() - t0) / 1000;
    console.log(
      `options-import: 10k synthetic snapshot in ${seconds.toFixed(1)} s (${Math.round(10_000 / seconds)} papers/s)`,
    );
    expect(Number(await stat(page, 'added').textContent()) + Number(await stat(page, 'merged').textContent())).toBe(
      10_000 - Number(await stat(page, 'rejected').textContent()),
    );
    await page.close();
  });

  test('cancelled midway, keeps a consistent partial import that can be resumed with the same file', async ({
    session,
  }) => {
    const path = await synthFile(10_000, 2);
    const page = await importFile(session, path);
    await expect.poll(() => num(page, '[data-stat="progress-read"]'), { timeout: 60_000 }).toBeGreaterThan(1000);
    await page.locator('[data-action="cancel-import"]').click();
    await expect(page.locator('[data-section="import-error"]')).toHaveAttribute('data-cancelled', 'true');
    const partial = page.locator('[data-section="interrupted-imports"] [data-import-id]');
    await expect(partial).toHaveCount(1);
    const id = (await partial.getAttribute('data-import-id')) ?? '';
    const state = await corpusState(page);
    const rec = state.imports.find((r) => r.id === id);
    expect(rec?.state).toBe('partial');
    expect(state.perImport[id]).toBe((rec?.added ?? -1) + (rec?.merged ?? 0));
    expect(state.orphans).toBe(0);
    await partial.locator('[data-action="resume-import"]').setInputFiles(path);
    await expect(stat(page, 'read')).toHaveText('10000', { timeout: 150_000 });
    await expect(page.locator('[data-section="interrupted-imports"]')).toHaveCount(0);
    expect((await corpusState(page)).imports.find((r) => r.id === id)?.state).toBe('done');
    await page.close();
  });

  test('closing the tab mid-import leaves a consistent corpus and the reading list untouched', async ({ session }) => {
    const path = await synthFile(30_000, 3);
    const page = await session.extensionPage('options.html');
    // Save a paper first: the reading list must come out of this exactly as it went in.
    await page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'readingList/toggle',
        data: {
          paper: {
            id: '2210.16859',
            title: 'A Solvable Model of Neural Scaling Laws',
            authors: [],
            url: 'https://arxiv.org/abs/2210.16859',
          },
        },
      }),
    );
    const savedBefore = (await corpusState(page)).saved;
    expect(savedBefore).toContain('2210.16859');
    await page.locator('[data-action="import-file"]').setInputFiles(path);
    // Past the first batches (2,000 records each, committed while the next is read), well short of the end.
    await expect.poll(() => num(page, '[data-stat="progress-read"]'), { timeout: 60_000 }).toBeGreaterThan(6000);
    // Another options tab sees the import running (its Web Lock is held), not interrupted.
    const again = await session.extensionPage('options.html');
    await expect(again.locator('[data-section="imports"], [data-section="reset-bundled"]').first()).toBeVisible();
    await expect(again.locator('[data-section="interrupted-imports"]')).toHaveCount(0);
    expect(await num(page, '[data-stat="progress-read"]')).toBeLessThan(30_000);
    await page.close();
    await again.reload();
    const interrupted = again.locator('[data-section="interrupted-imports"] [data-import-id]');
    await expect(interrupted).toHaveCount(1);
    const id = (await interrupted.getAttribute('data-import-id')) ?? '';
    const state = await corpusState(again);
    const rec = state.imports.find((r) => r.id === id);
    expect(rec?.state).toBe('partial');
    expect(rec?.read).toBeLessThan(30_000);
    // What the record says landed is exactly what the corpus holds from it (none, if the tab closed
    // before the first batch was written).
    expect(state.perImport[id] ?? 0).toBe((rec?.added ?? -1) + (rec?.merged ?? 0));
    expect(state.orphans).toBe(0);
    expect(state.saved).toEqual(savedBefore);

    await interrupted.locator('[data-action="remove-import"]').click();
    // Removing walks every imported paper (20,000 from the tests before): 6–9 s on a loaded 2-core
    // machine, so wait for the outcome, not for a time.
    await expect(again.locator('[data-section="interrupted-imports"]')).toHaveCount(0, { timeout: 60_000 });
    const after = await corpusState(again);
    expect(after.perImport[id]).toBeUndefined();
    expect(after.imports.some((r) => r.id === id)).toBe(false);
    expect(after.saved).toEqual(savedBefore);
    await again.close();
  });
});
