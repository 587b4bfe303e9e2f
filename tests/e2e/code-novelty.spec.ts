/**
 * Code links on a badge and in the panel, and novelty explained or withheld, in real Chromium with real
 * IndexedDB: Hugging Face's paper page gives the paper's repository; the bundled 49-paper corpus is too
 * small for novelty (withheld, with the reason), and after importing earlier papers the figure explains
 * itself. Every page comes from the fixtures; a request that escapes fails the test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriousViolations } from './axe';
import { expect, panelFor, test } from './harness';

test.describe.configure({ mode: 'serial' });

test.describe('code links and novelty', () => {
  test('a Hugging Face badge shows the code icon with its count, and its panel lists the repository', async ({
    session,
  }) => {
    const page = await session.open('https://huggingface.co/papers/2309.14322');
    const host = page.locator('paperlens-badge[data-paperlens="badge"][data-paper-id="2309.14322"]');
    // Only the repository button counts: the abstract's and the discussion's GitHub links are not the paper's.
    await expect(host).toHaveAttribute('data-code', '1');
    const button = host.locator('button');
    await expect(button.locator('[data-code-count]')).toHaveText(/1/);
    await expect(button).toHaveAccessibleName(/1 code link/);
    await button.click();
    const panel = await panelFor(page, '2309.14322');
    const links = panel.locator('[data-section="code"] a[data-code-link]');
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute('href', 'https://github.com/example-lab/small-scale-proxies');
    await expect(links).toHaveAttribute('data-code-source', 'huggingface');
    await expect(panel.locator('[data-section="code"]')).toContainText('from Hugging Face');
    await page.close();
  });

  test('a badge on a page without code links has no code count, and its panel says there are none', async ({
    session,
  }) => {
    const page = await session.open('https://huggingface.co/papers/2210.16859');
    const host = page.locator('paperlens-badge[data-paperlens="badge"][data-paper-id="2210.16859"]');
    await expect(host).toHaveCount(1);
    await expect(host).not.toHaveAttribute('data-code', /.*/);
    await host.locator('button').click();
    const panel = await panelFor(page, '2210.16859');
    await expect(panel.locator('[data-section="code"]')).toContainText('No code links');
    await expect(panel.locator('[data-section="code"] a[data-code-link]')).toHaveCount(0);
    await page.close();
  });

  test('on the small bundled corpus novelty is withheld, saying why', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2501.09876');
    const panel = await panelFor(page, '2501.09876');
    const novelty = panel.locator('[data-section="novelty"]');
    await expect(novelty).toHaveAttribute('data-novelty', 'withheld');
    await expect(novelty.locator('[data-novelty-reason]')).toContainText(
      /Only \d+ corpus papers? in cs\.LG \(its primary category\)/,
    );
    await expect(novelty.locator('[data-novelty-reason]')).toContainText('at least 100');
    await expect(novelty.locator('[data-novelty-share]')).toHaveCount(0);
    await page.close();
  });

  test('with enough earlier papers the figure explains itself: new words, shared words with the earlier paper, the corpus size', async ({
    session,
  }) => {
    test.setTimeout(120_000);
    // 150 earlier cs.LG papers (2023), each with a word of its own; three use "residual", the first in 2301.
    const rows = Array.from({ length: 150 }, (_, i) => {
      const id = `2301.${String(10_000 + i).padStart(5, '0')}`;
      const residual = i < 3 ? ' in residual networks' : '';
      return JSON.stringify({
        id,
        submitter: null,
        authors: `Ada Tester${i}`,
        title: `Notes on zorblax${i}${residual}`,
        comments: null,
        'journal-ref': null,
        doi: null,
        'report-no': null,
        categories: 'cs.LG',
        license: null,
        abstract: `We describe zorblax${i} briefly.`,
        versions: [{ version: 'v1', created: 'Mon, 9 Jan 2023 10:00:00 GMT' }],
        update_date: '2023-01-09',
        authors_parsed: [[`Tester${i}`, 'Ada', '']],
      });
    });
    const file = join(mkdtempSync(join(tmpdir(), 'paperlens-novelty-')), 'earlier.jsonl');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const options = await session.extensionPage('options.html');
    await options.locator('[data-action="import-file"]').setInputFiles(file);
    await expect(options.locator('[data-section="import-report"] [data-stat="read"]')).toHaveText('150', {
      timeout: 60_000,
    });
    await options.close();

    const page = await session.open('https://arxiv.org/abs/2501.09876');
    const panel = await panelFor(page, '2501.09876');
    const novelty = panel.locator('[data-section="novelty"]');
    await expect(novelty).toHaveAttribute('data-novelty', 'scored');
    const share = Number(await novelty.locator('[data-novelty-share]').getAttribute('data-novelty-share'));
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(100);
    await expect(novelty).toContainText(
      /of this paper’s \d+ distinctive title and abstract words appear in no corpus paper dated before it/,
    );
    await expect(novelty).toContainText(/\d+ earlier papers, \d+ of them in cs\.LG, its primary category/);
    await expect(novelty).toContainText('Paperlens’s own figure');
    // "residual" is shared, with an earlier paper named and linked.
    const residual = novelty.locator('[data-novelty-shared="residual"]');
    await expect(residual).toHaveCount(1);
    await expect(residual.locator('a')).toHaveAttribute('href', /^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}$/);
    await page.close();
  });

  test('the library filters to papers with code, the Hugging Face repository kept with its paper', async ({
    session,
  }) => {
    const page = await session.extensionPage('library.html#corpus');
    await page.locator('[data-filter="has-code"]').check();
    // The five bundled papers whose records give code, and the one whose Hugging Face page gave it above.
    await expect(page.getByText(/^6 papers$/)).toBeVisible();
    await expect(page.locator('[data-corpus-item][data-paper-id="2309.14322"]')).toHaveCount(1);
    await expect(page.locator('[data-corpus-item][data-paper-id="2210.16859"]')).toHaveCount(0);
    await page.close();
  });

  test('the author view shows Paperlens’s novelty and AI score, each defined, and is clean for axe', async ({
    session,
  }) => {
    const page = await session.extensionPage('library.html#author=roberts%7Cd');
    const section = page.locator('[data-section="author-novelty"]');
    await expect(section).toContainText('Paperlens’s own');
    await expect(section.locator('[data-ai-score]')).toContainText(/AI score \d+%/);
    await expect(section.locator('[data-ai-score]')).toContainText(
      'the share of this author’s corpus papers listed in',
    );
    // With the 150 cs.LG papers of January 2023 imported above, the author's later cs.LG papers are judged;
    // the others are counted as withheld, with the reason.
    await expect(section).toContainText(
      /Median novelty \d+% over [1-9]\d* of \d+ papers \([1-9]\d* withheld: too few earlier/,
    );
    await expect(section.locator('[data-novelty-distribution] td')).toHaveCount(5);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
