/**
 * Crashes and concurrency (issue 9): the service worker stopped between and during saves, two tabs
 * saving at once, the popup closed while its write is under way. Afterwards the reading list is whole:
 * every entry complete, none half-written, and what the pages show agrees with it.
 */
import type { Page } from '@playwright/test';
import { stopServiceWorkers } from '../bench/overlay.bench';
import { expect, panelFor, type Session, test } from './harness';

interface Entry {
  paperId: string;
  title: string;
  authors: string[];
  status: string;
  addedAt: string;
}

async function readingList(session: Session): Promise<Entry[]> {
  const page = await session.extensionPage('popup.html');
  const r = (await page.evaluate("chrome.runtime.sendMessage({ type: 'readingList/list', data: {} })")) as {
    ok: boolean;
    value: { entries: Entry[] };
  };
  await page.close();
  expect(r.ok).toBe(true);
  return r.value.entries;
}

/** Every entry is whole: the fields a half-written record would lack. */
function expectWhole(entries: readonly Entry[]): void {
  for (const e of entries) {
    expect(e.title, e.paperId).not.toBe('');
    expect(e.authors.length, e.paperId).toBeGreaterThan(0);
    expect(e.status).toBe('to-read');
    expect(Date.parse(e.addedAt)).not.toBeNaN();
  }
}

const saveButton = async (page: Page, id: string) => (await panelFor(page, id)).locator('[data-action="save"]');

test.describe('crashes and concurrency', () => {
  test('the service worker stopped before a save: the panel saves anyway (the worker restarts)', async ({
    session,
  }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    const save = await saveButton(page, '2210.16859');
    await expect(page.locator('[data-corpus-state="true"]')).toHaveCount(1);
    await stopServiceWorkers(session.context);
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    const entries = await readingList(session);
    expect(entries.map((e) => e.paperId)).toEqual(['2210.16859']);
    expectWhole(entries);
    await page.close();
  });

  test('the service worker stopped during saves: every entry is whole, and pages agree with the list', async ({
    session,
  }) => {
    const page = await session.open('https://arxiv.org/abs/hep-th/9901001');
    const save = await saveButton(page, 'hep-th/9901001');
    await expect(page.locator('[data-corpus-state]')).not.toHaveAttribute('data-corpus-state', 'loading');
    // Click and stop the worker at once, a few times: each save either happened whole or not at all.
    for (let i = 0; i < 3; i++) {
      await Promise.all([save.click(), stopServiceWorkers(session.context)]);
      await expect(save).toBeEnabled();
    }
    const entries = await readingList(session);
    expectWhole(entries);
    const saved = entries.some((e) => e.paperId === 'hep-th/9901001');
    // A reload shows exactly what the list holds.
    await page.reload();
    await expect(await saveButton(page, 'hep-th/9901001')).toHaveAttribute('aria-pressed', String(saved));
    await page.close();
  });

  test('two tabs saving at once: both saves land, and the same paper saved from two tabs is one entry', async ({
    session,
  }) => {
    const before = (await readingList(session)).length;
    const a = await session.open('https://arxiv.org/abs/2501.09876');
    const b = await session.open('https://arxiv.org/html/2502.01234');
    const c = await session.open('https://arxiv.org/abs/2501.09876');
    const [sa, sb] = [await saveButton(a, '2501.09876'), await saveButton(b, '2502.01234')];
    await Promise.all([sa.click(), sb.click()]);
    await expect(sa).toHaveAttribute('aria-pressed', 'true');
    await expect(sb).toHaveAttribute('aria-pressed', 'true');
    // The third tab still shows its load-time state; its toggle now unsaves (the list is one truth).
    const entries = await readingList(session);
    expectWhole(entries);
    expect(entries.length).toBe(before + 2);
    expect(entries.filter((e) => e.paperId === '2501.09876')).toHaveLength(1);
    await c.reload();
    await expect(await saveButton(c, '2501.09876')).toHaveAttribute('aria-pressed', 'true');
    for (const p of [a, b, c]) await p.close();
  });

  test('the popup closed while its save is under way: the background finishes the write whole', async ({ session }) => {
    const popup = await session.extensionPage('popup.html');
    // The popup's own message, sent and the popup closed before the answer arrives.
    await popup.evaluate("void chrome.runtime.sendMessage({ type: 'readingList/add', data: { ids: ['2310.07765'] } })");
    await popup.close();
    await expect.poll(async () => (await readingList(session)).some((e) => e.paperId === '2310.07765')).toBe(true);
    expectWhole(await readingList(session));
  });
});
