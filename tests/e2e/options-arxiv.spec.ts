/**
 * "Update from arXiv" in real Chromium, answered by recorded responses (tests/fixtures/feeds/arxiv-api):
 * off by default with no arXiv API host granted; when on, one category query and one id_list query,
 * 3 s apart; a clear message when arXiv can't be reached.
 *
 * Chromium's permission prompt can't be answered by automation, so the test turns the setting on in
 * storage (as the toggle does once the user has granted export.arxiv.org) and routes the API with CORS
 * headers, which an extension page needs when the host permission is missing.
 */
import { readFileSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { expect, test } from './harness';

const feed = (name: string) => readFileSync(new URL(`../fixtures/feeds/arxiv-api/${name}`, import.meta.url), 'utf8');
const API = 'https://export.arxiv.org/**';

type Chrome = {
  storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
};

async function turnOn(page: Page) {
  await page.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const { settings } = await c.storage.local.get('settings');
    await c.storage.local.set({
      settings: { ...(settings as object), arxivUpdates: true, arxivCategories: ['cs.LG'] },
    });
  });
  await page.reload();
}

test.describe('fresh papers from arXiv', () => {
  test('is off by default: no update button, and the manifest grants no arXiv API host', async ({ session }) => {
    const page = await session.extensionPage('options.html');
    await expect(page.locator('[data-setting="arxivUpdates"]')).not.toBeChecked();
    await expect(page.locator('[data-action="arxiv-update"]')).toHaveCount(0);
    const granted = await page.evaluate(
      async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.permissions.getAll()).origins ?? [],
    );
    expect(granted).toContain('https://arxiv.org/*');
    expect(granted.filter((o) => o.includes('export.arxiv.org') || o.startsWith('*://'))).toEqual([]);
    await page.close();
  });

  test('fetches new papers and completes a listed paper from recorded responses, 3 s apart', async ({ session }) => {
    const asked: { url: URL; at: number }[] = [];
    const answer = async (route: Route) => {
      const url = new URL(route.request().url());
      asked.push({ url, at: Date.now() });
      const body = url.searchParams.has('id_list') ? feed('id_list.xml') : feed('cat_cs.LG.xml');
      await route.fulfill({
        status: 200,
        contentType: 'application/atom+xml; charset=utf-8',
        headers: { 'access-control-allow-origin': '*' },
        body,
      });
    };
    await session.context.route(API, answer);
    const page = await session.extensionPage('options.html');
    // A paper glimpsed on a listing page: id and title only, learned as a page teaches it (the panel's
    // answer learns its page paper).
    const learned = await page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'panel/data',
        data: {
          learnFrom: 'https://arxiv.org/list/cs.LG/new',
          paper: {
            id: '2611.04410',
            title: 'Graph Transformers Without Positional Encodings',
            authors: [],
            url: 'https://arxiv.org/abs/2611.04410',
          },
        },
      }),
    );
    expect(learned).toMatchObject({ ok: true, value: { inCorpus: false } });
    const ext = await session.extensionPage('popup.html');
    await expect
      .poll(async () =>
        ext.evaluate(async () => {
          const c = (
            globalThis as unknown as {
              chrome: {
                runtime: { sendMessage(m: unknown): Promise<{ value?: { papers: number; learned: number } }> };
              };
            }
          ).chrome;
          return (await c.runtime.sendMessage({ type: 'corpus/status', data: {} })).value?.learned ?? 0;
        }),
      )
      .toBeGreaterThan(0);
    await ext.close();
    await turnOn(page);
    await page.locator('[data-action="arxiv-update"]').click();
    await expect(page.locator('[data-section="arxiv-status"]')).toHaveAttribute('data-state', 'done', {
      timeout: 20_000,
    });
    await expect(page.locator('[data-stat="arxiv-added"]')).toHaveText('4');
    expect(
      asked.map((a) => a.url.searchParams.get('search_query') ?? `id_list=${a.url.searchParams.get('id_list')}`),
    ).toEqual(['cat:cs.LG', 'id_list=2611.04410']);
    expect((asked[1]?.at ?? 0) - (asked[0]?.at ?? 0)).toBeGreaterThanOrEqual(2900);
    // The background was told: the popup's search finds a fetched paper.
    const popup = await session.extensionPage('popup.html');
    await popup.locator('input[type="search"]').fill('curriculum schedules tuning');
    await expect(popup.locator('[data-section="results"] [data-paper-id="2611.09002"]')).toBeVisible();
    await popup.close();
    await session.context.unroute(API, answer);
    await page.close();
  });

  test('says clearly when arXiv cannot be reached', async ({ session }) => {
    const fail = (route: Route) => route.abort('internetdisconnected');
    await session.context.route(API, fail);
    const page = await session.extensionPage('options.html');
    await turnOn(page);
    await page.locator('[data-action="arxiv-update"]').click();
    const status = page.locator('[data-section="arxiv-status"]');
    await expect(status).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
    await expect(status).toContainText(/could not be reached|offline/);
    await session.context.unroute(API, fail);
    await page.close();
  });
});
