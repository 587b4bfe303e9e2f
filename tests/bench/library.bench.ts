/**
 * Library bench, in real Chromium with the built extension ($PAPERLENS_OUT/chrome-mv3, default .output):
 * - popup open → first results with 100k papers in the extension's IndexedDB (synthetic, loaded through an
 *   extension page), warm service worker;
 * - keystroke → updated results (p50/p95), typing queries drawn from the corpus one key at a time;
 * - the library page with 10k reading-list entries: first row painted, and frame times while scrolling.
 * Prints a table and writes .output/bench/library.json. Skips (with a message) without a build or Chromium.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSION_DIR, launch, type Session } from '../../src/cli/browser';
import { findChromium } from '../../src/cli/chromium';
import { prng, synthPapers } from '../../src/corpus/synth';
import { newEntry } from '../../src/db/reading-list';
import { importThroughOptions, synthFile } from './corpora';

const PAPERS = Number(process.env.LIBRARY_BENCH_PAPERS ?? 100_000);
const ENTRIES = 10_000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const ms = (x: number) => Math.round(x * 10) / 10;

/** Writes records into one of the extension's stores from an extension page, in chunks. */
async function put(session: Session, store: 'papers' | 'readingList', records: unknown[]): Promise<void> {
  const page = await session.extensionPage('popup.html');
  for (let i = 0; i < records.length; i += 5000) {
    await page.evaluate(
      async ({ store, chunk }) => {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const r = indexedDB.open('paperlens');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        await new Promise<void>((ok, fail) => {
          const tx = db.transaction(store, 'readwrite');
          for (const rec of chunk) tx.objectStore(store).put(rec);
          tx.oncomplete = () => ok();
          tx.onerror = () => fail(tx.error);
        });
        db.close();
      },
      { store, chunk: records.slice(i, i + 5000) },
    );
  }
  await page.close();
}

async function send(session: Session, type: string, data: object): Promise<unknown> {
  const page = await session.extensionPage('popup.html');
  const r = await page.evaluate(
    ({ type, data }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type, data }),
    { type, data },
  );
  await page.close();
  return r;
}

export default async function run(): Promise<void> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')) || !findChromium()) {
    console.log(`library bench skipped: needs a build in ${EXTENSION_DIR} (npm run build) and Chromium`);
    return;
  }
  const session = await launch();
  const rows: { measure: string; value: string }[] = [];
  const out: Record<string, unknown> = { papers: PAPERS, entries: ENTRIES, at: new Date().toISOString() };
  try {
    // Wait for the bundled corpus to be installed, then import the synthetic papers as a user does.
    await send(session, 'corpus/status', {});
    const papers = synthPapers(PAPERS, 1);
    let t = performance.now();
    const imported = await importThroughOptions(session, await synthFile(PAPERS, 1));
    const loadMs = performance.now() - t;
    t = performance.now();
    await send(session, 'search/query', { query: 'warm up', limit: 1 });
    const indexMs = performance.now() - t;
    rows.push({
      measure: `import ${PAPERS} papers through the options page (indexed as they land)`,
      value: `${ms(loadMs)} ms (${Math.round(imported.perSecond)} papers/s)`,
    });
    rows.push({ measure: 'first search after the import (a cold read of the index)', value: `${ms(indexMs)} ms` });
    out.loadMs = loadMs;
    out.firstSearchMs = indexMs;

    // Queries typed as people type them: two title words, from papers across the corpus.
    const rand = prng(3);
    const queries: string[] = [];
    while (queries.length < 12) {
      const p = papers[Math.floor(rand() * papers.length)];
      const words = p?.title.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w)) ?? [];
      if (words.length >= 2) queries.push(`${words[0]} ${words[1]}`.toLowerCase());
    }

    // Popup open → first results (warm service worker), 8 runs.
    const opens: number[] = [];
    for (const q of queries.slice(0, 8)) {
      const page = await session.context.newPage();
      const t0 = performance.now();
      await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await page.locator('input[type="search"]').fill(q);
      await page.locator('[data-section="results"] [data-paper-id]').first().waitFor();
      opens.push(performance.now() - t0);
      await page.close();
    }
    rows.push({
      measure: `popup open → first results, ${PAPERS} papers (p50 / max of ${opens.length})`,
      value: `${ms(pct(opens, 50))} / ${ms(Math.max(...opens))} ms`,
    });
    out.popupOpenMs = opens;

    // Keystroke → updated results: each key, the time until the result list changes (keys that leave it
    // unchanged within 1.5 s are counted apart).
    const popup = await session.extensionPage('popup.html');
    const keys: number[] = await popup.evaluate(async (qs: string[]) => {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      const results = document.querySelector('[data-section="results"]')!;
      const out: number[] = [];
      for (const q of qs) {
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 50));
        for (let i = 1; i <= q.length; i++) {
          const changed = new Promise<number>((ok) => {
            const t0 = performance.now();
            const obs = new MutationObserver(() => {
              obs.disconnect();
              // The list is updated; wait for the frame that paints it.
              requestAnimationFrame(() => ok(performance.now() - t0));
            });
            obs.observe(results, { childList: true, subtree: true, characterData: true });
            setTimeout(() => {
              obs.disconnect();
              ok(-1);
            }, 1500);
            input.value = q.slice(0, i);
            input.dispatchEvent(new Event('input', { bubbles: true }));
          });
          out.push(await changed);
        }
      }
      return out;
    }, queries);
    const changedKeys = keys.filter((k) => k >= 0);
    rows.push({
      measure: `keystroke → updated results, ${PAPERS} papers (p50 / p95, ${changedKeys.length} keys)`,
      value: `${ms(pct(changedKeys, 50))} / ${ms(pct(changedKeys, 95))} ms`,
    });
    out.keystrokeMs = {
      p50: pct(changedKeys, 50),
      p95: pct(changedKeys, 95),
      n: changedKeys.length,
      unchanged: keys.length - changedKeys.length,
    };
    await popup.close();

    // The library page with 10k reading-list entries.
    const now = Date.UTC(2026, 0, 1);
    const entries = papers.slice(0, ENTRIES).map((p, i) => ({
      ...newEntry(p, new Date(now - i * 60_000)),
      status: (['to-read', 'reading', 'read'] as const)[i % 3],
      tags: i % 5 === 0 ? ['bench'] : [],
    }));
    await put(session, 'readingList', entries);
    const paints: number[] = [];
    let frames: number[] = [];
    for (let run = 0; run < 3; run++) {
      const page = await session.context.newPage();
      const t0 = performance.now();
      await page.goto(`chrome-extension://${session.extensionId}/library.html`);
      await page.locator('[data-reading-list-item]').first().waitFor();
      paints.push(performance.now() - t0);
      if (run === 0) {
        expect(await page.locator('[data-reading-list-item]').count(), 'rows rendered (virtualised)').toBeLessThan(200);
        frames = await page.evaluate(async () => {
          const box = document.querySelector<HTMLElement>('.pl-virtual')!;
          const ts: number[] = [];
          let last = performance.now();
          for (let i = 0; i < 240; i++) {
            box.scrollTop += 120;
            await new Promise((r) => requestAnimationFrame(r));
            const t = performance.now();
            ts.push(t - last);
            last = t;
          }
          return ts;
        });
      }
      await page.close();
    }
    rows.push({
      measure: `library page, ${ENTRIES} entries: open → first row (p50 of 3)`,
      value: `${ms(pct(paints, 50))} ms`,
    });
    rows.push({
      measure: 'library scrolling frame time (p50 / p95 / max of 240 frames)',
      value: `${ms(pct(frames, 50))} / ${ms(pct(frames, 95))} / ${ms(Math.max(...frames))} ms`,
    });
    out.libraryFirstRowMs = paints;
    out.scrollFrameMs = { p50: pct(frames, 50), p95: pct(frames, 95), max: Math.max(...frames) };
  } finally {
    await session.close();
  }
  console.table(rows);
  const dir = fileURLToPath(new URL('../../.output/bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}library.json`, `${JSON.stringify(out, null, 1)}\n`);
}

function expect(n: number, what: string) {
  return {
    toBeLessThan(max: number) {
      if (!(n < max)) throw new Error(`library bench: ${what} is ${n}, expected fewer than ${max}`);
    },
  };
}
