/**
 * Importing through the options page in real Chromium (the built extension in
 * `$PAPERLENS_OUT/chrome-mv3`): synthetic snapshots of 10k and 100k papers, picked with the file input
 * as a user would. Reports papers/s, the options page's peak JS heap (sampled every 250 ms through
 * CDP), and how long the first popup search takes afterwards (the background reloads its engine).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../../src/cli/browser';
import { synthFileName, synthRows } from '../../src/corpus/synth';

const OUT = fileURLToPath(new URL('../../.output/', import.meta.url));
const SIZES = (process.env.IMPORT_BENCH_SIZES ?? '10000,100000').split(',').map(Number);

async function synthFile(papers: number): Promise<string> {
  const path = `${OUT}synth/${synthFileName(papers, 1)}`;
  if (existsSync(path)) return path;
  mkdirSync(`${OUT}synth`, { recursive: true });
  const out = createWriteStream(path);
  for (const row of synthRows(papers, 1)) if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return path;
}

interface Row {
  papers: number;
  mb: number;
  seconds: number;
  perSecond: number;
  peakHeapMb: number;
  added: number;
  firstSearchSeconds: number;
}

async function measure(papers: number): Promise<Row> {
  const path = await synthFile(papers);
  const session = await launch();
  try {
    const page = await session.extensionPage('options.html');
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let peak = 0;
    const sample = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    };
    const timer = setInterval(() => void sample().catch(() => {}), 250);
    const t0 = performance.now();
    await page.locator('[data-action="import-file"]').setInputFiles(path);
    const read = page.locator('[data-section="import-report"] [data-stat="read"]');
    await read.waitFor({ timeout: 30 * 60_000 });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    await sample();
    const added = Number(await page.locator('[data-section="import-report"] [data-stat="added"]').textContent());
    const popup = await session.extensionPage('popup.html');
    const s0 = performance.now();
    await popup.locator('input[type="search"]').fill('neural network');
    await popup
      .locator('[data-section="results"] [data-paper-id]')
      .first()
      .waitFor({ timeout: 10 * 60_000 });
    const firstSearchSeconds = (performance.now() - s0) / 1000;
    return {
      papers,
      mb: statSync(path).size / 1e6,
      seconds,
      perSecond: papers / seconds,
      peakHeapMb: peak / 1e6,
      added,
      firstSearchSeconds,
    };
  } finally {
    await session.close();
  }
}

export default async function run(): Promise<void> {
  const rows: Row[] = [];
  for (const n of SIZES) rows.push(await measure(n));
  console.log('| papers | MB | import s | papers/s | peak page JS heap MB | added | first popup search s |');
  console.log('| --: | --: | --: | --: | --: | --: | --: |');
  for (const r of rows)
    console.log(
      `| ${r.papers} | ${r.mb.toFixed(1)} | ${r.seconds.toFixed(1)} | ${Math.round(r.perSecond)} | ${r.peakHeapMb.toFixed(1)} | ${r.added} | ${r.firstSearchSeconds.toFixed(1)} |`,
    );
  mkdirSync(`${OUT}bench`, { recursive: true });
  writeFileSync(
    `${OUT}bench/import.json`,
    `${JSON.stringify({ at: new Date().toISOString(), cores: 2, rows }, null, 1)}\n`,
  );
}
