/**
 * Corpora for benches, built the way a user builds one: files imported through the options page of the
 * real extension in real Chromium. Synthetic snapshots are generated deterministically and cached under
 * `.output/synth/`; a browser profile holding an imported corpus (with its index merged) is cached under
 * `.output/bench-profiles/`, keyed by the corpus, the build's schema and index formats, and copied for each
 * run, so a million papers are imported once, not on every run.
 */
import { execSync } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launch, type Session } from '../../src/cli/browser';
import { SYNTH_VERSION, synthFileName, synthRows } from '../../src/corpus/synth';
import { DB_VERSION } from '../../src/db/schema';
import { MANIFEST_FORMAT, type SegmentEntry } from '../../src/engine/index/manifest';
import { pickMerge } from '../../src/engine/index/merge';
import { SEGMENT_FORMAT } from '../../src/engine/index/segment';

export const OUT = fileURLToPath(new URL('../../.output/', import.meta.url));
export const SAMPLE = fileURLToPath(
  new URL('../../../shared/samples/arxiv-2024-03-title-abstract.jsonl', import.meta.url),
);

export async function synthFile(papers: number, seed = 1): Promise<string> {
  const path = `${OUT}synth/${synthFileName(papers, seed)}`;
  if (existsSync(path)) return path;
  mkdirSync(`${OUT}synth`, { recursive: true });
  const tmp = `${path}.part`;
  const out = createWriteStream(tmp);
  for (const row of synthRows(papers, seed)) if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  execSync(`mv ${JSON.stringify(tmp)} ${JSON.stringify(path)}`);
  return path;
}

export interface ImportResult {
  readonly file: string;
  readonly papers: number;
  readonly mb: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** The options page's largest JS heap while importing (sampled every 250 ms). */
  readonly peakHeapMb: number;
  /** Heap at the end of the import (memory flat: close to the peak, not growing with the file). */
  readonly heapSamplesMb: readonly number[];
}

/** Imports a file through the options page's file input, as a user does; resolves with its figures. */
export async function importThroughOptions(session: Session, path: string): Promise<ImportResult> {
  const page = await session.extensionPage('options.html');
  try {
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const samples: number[] = [];
    const sample = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      samples.push((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6);
    };
    const timer = setInterval(() => void sample().catch(() => {}), 250);
    const t0 = performance.now();
    await page.locator('[data-action="import-file"]').setInputFiles(path);
    await page.locator('[data-section="import-report"] [data-stat="read"]').waitFor({ timeout: 60 * 60_000 });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    await sample().catch(() => {});
    const papers = Number(await page.locator('[data-section="import-report"] [data-stat="added"]').textContent());
    const every = Math.max(1, Math.floor(samples.length / 12));
    return {
      file: path.split('/').at(-1) ?? path,
      papers,
      mb: statSync(path).size / 1e6,
      seconds,
      perSecond: papers / seconds,
      peakHeapMb: Math.max(0, ...samples),
      heapSamplesMb: samples.filter((_, i) => i % every === 0).map((x) => Math.round(x)),
    };
  } finally {
    await page.close();
  }
}

/** The index's manifest as stored, read in an extension page. */
export function readManifest(
  page: Page,
): Promise<{ revision: number; segments: { id: number; docs: number }[]; liveDocs: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('paperlens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('index').objectStore('index').get('manifest');
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/**
 * Waits until the background has merged the index as far as its policy asks (`pickMerge` finds nothing),
 * reading the manifest straight from IndexedDB. It must not message the worker while waiting: every
 * message re-arms the worker's idle timer, and merges start only after 2 s without one. The worker is
 * woken once at the start, and again if nothing has changed for a minute (it was stopped).
 */
export async function waitForMerges(session: Session, timeoutMs = 60 * 60_000): Promise<number> {
  const page = await session.extensionPage('options.html');
  const wake = () => page.evaluate("chrome.runtime.sendMessage({ type: 'corpus/changed', data: {} })");
  try {
    const start = Date.now();
    await wake();
    let last = -1;
    let since = Date.now();
    for (;;) {
      await page.waitForTimeout(2000);
      const m = (await readManifest(page)) as unknown as { revision: number; segments: SegmentEntry[] };
      if (!pickMerge(m.segments)) return m.segments.length;
      if (m.revision !== last) {
        last = m.revision;
        since = Date.now();
      } else if (Date.now() - since > 60_000) {
        await wake();
        since = Date.now();
      }
      if (Date.now() - start > timeoutMs) throw new Error('bench: the index did not settle');
    }
  } finally {
    await page.close();
  }
}

/**
 * Where benches load the extension from: a copy of the current build at a fixed path. An unpacked
 * extension's id is made from its path, and a cached profile's IndexedDB belongs to that id, so profiles
 * are built and measured with the extension at this path, whatever `PAPERLENS_OUT` the build used.
 */
export const BENCH_EXTENSION = `${OUT}frozen-ext`;

/** Copies the current build to `BENCH_EXTENSION` (once per process) and returns that path. */
let copied = false;
export function benchExtension(): string {
  if (!copied) {
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
      throw new Error(`No build at ${EXTENSION_DIR}: run \`npm run build\` first.`);
    rmSync(BENCH_EXTENSION, { recursive: true, force: true });
    cpSync(EXTENSION_DIR, BENCH_EXTENSION, { recursive: true });
    copied = true;
  }
  return BENCH_EXTENSION;
}

export interface CorpusSpec {
  /** A name for the cache and the table. */
  readonly name: string;
  /** Synthetic papers to import (0: none). */
  readonly synthetic: number;
  /** Import the real 5,637-paper sample too (when ../shared is there). */
  readonly sample: boolean;
}

export interface Built {
  readonly profileDir: string;
  readonly imports: readonly ImportResult[];
  readonly cached: boolean;
}

/**
 * A profile holding the corpus: imported now (and cached), or copied from the cache. The bundled 49
 * papers are always there (installed at first start).
 */
export async function corpusProfile(spec: CorpusSpec, extensionDir = benchExtension()): Promise<Built> {
  const keyText = `${spec.name}-${spec.synthetic}-${spec.sample && existsSync(SAMPLE)}-synth${SYNTH_VERSION}-db${DB_VERSION}-m${MANIFEST_FORMAT}-s${SEGMENT_FORMAT}`;
  const cacheDir = `${OUT}bench-profiles/${keyText}`;
  const meta = `${cacheDir}.json`;
  const work = mkdtempSync(join(tmpdir(), 'paperlens-bench-'));
  if (existsSync(meta) && existsSync(cacheDir)) {
    cpSync(cacheDir, work, { recursive: true });
    return { profileDir: work, imports: JSON.parse(readFileSync(meta, 'utf8')).imports, cached: true };
  }
  const session = await launch({ profileDir: work, extensionDir });
  const imports: ImportResult[] = [];
  try {
    if (spec.sample && existsSync(SAMPLE)) imports.push(await importThroughOptions(session, SAMPLE));
    if (spec.synthetic > 0) imports.push(await importThroughOptions(session, await synthFile(spec.synthetic)));
    await waitForMerges(session);
  } finally {
    await session.close({ keepProfile: true });
  }
  mkdirSync(`${OUT}bench-profiles`, { recursive: true });
  rmSync(cacheDir, { recursive: true, force: true });
  cpSync(work, cacheDir, { recursive: true });
  writeFileSync(meta, JSON.stringify({ spec, imports }, null, 1));
  return { profileDir: work, imports, cached: false };
}
