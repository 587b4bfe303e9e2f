/**
 * Corpus bench: the streaming snapshot importer over 1M JSON lines in bounded memory, and the
 * throughput of every importer on the real samples in ../shared/fixtures/real (when present).
 * Rows come from the synthetic generator (src/corpus/synth.ts), streamed in chunks, so the 1M lines
 * never exist in memory at once; the measured peak RSS/heap shows the importer holds only a line and a
 * chunk (plus the 10k-row pool the stream cycles through). Prints a table and writes .output/bench/corpus.json.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collect, detectFormat, importStream } from '../../src/corpus/importers/index';
import { synthRows } from '../../src/corpus/synth';

const LINES = Number(process.env.CORPUS_BENCH_LINES ?? 1_000_000);
const CHUNK_LINES = 2_000;
const options = { file: 'bench', importId: 'bench', at: '2026-01-01T00:00:00.000Z' };

const POOL = 10_000;
let pool: string[] | undefined;

/**
 * Snapshot JSON lines, `CHUNK_LINES` per chunk, like a file read in pieces. The generator makes ~10k
 * rows/s on this machine, slower than the importer, so it fills a pool of 10k distinct rows once and the
 * stream cycles through it: the importer's work per line is the same, and the bench measures it.
 */
async function* snapshotChunks(n: number, bytes: { total: number }): AsyncGenerator<string> {
  pool ??= [...synthRows(POOL, 1)].map((r) => JSON.stringify(r));
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    buf.push(pool[i % POOL] as string);
    if (buf.length === CHUNK_LINES || i === n - 1) {
      const chunk = `${buf.join('\n')}\n`;
      bytes.total += chunk.length;
      yield chunk;
      buf = [];
    }
  }
}

interface Row {
  case: string;
  records: number;
  mb: number;
  seconds: number;
  perSecond: number;
  peakRssMb?: number;
  peakHeapMb?: number;
}

async function streamSnapshot(categories: readonly string[] | undefined): Promise<Row> {
  const bytes = { total: 0 };
  let peakRss = 0;
  let peakHeap = 0;
  let papers = 0;
  let rejected = 0;
  const t0 = performance.now();
  let n = 0;
  const items = importStream('arxiv-snapshot', snapshotChunks(LINES, bytes), {
    ...options,
    ...(categories ? { categories } : {}),
  });
  for await (const item of items) {
    if (item.kind === 'paper') papers++;
    else if (item.kind === 'rejected') rejected++;
    if (++n % 50_000 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  return {
    case: `snapshot ${LINES.toLocaleString('en')} lines${categories ? ` filter ${categories.join(',')} → ${papers} papers` : ` → ${papers} papers, ${rejected} rejected`} (chunk production included)`,
    records: LINES,
    mb: bytes.total / 1e6,
    seconds,
    perSecond: LINES / seconds,
    peakRssMb: peakRss / 1e6,
    peakHeapMb: peakHeap / 1e6,
  };
}

/** Producing the chunks alone (pool already filled), so the importer's share of the time can be read off. */
async function generatorOnly(): Promise<Row> {
  const bytes = { total: 0 };
  const t0 = performance.now();
  for await (const _ of snapshotChunks(LINES, bytes)) {
    // drain
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    case: `chunk producer alone, ${LINES.toLocaleString('en')} lines`,
    records: LINES,
    mb: bytes.total / 1e6,
    seconds,
    perSecond: LINES / seconds,
  };
}

async function realFixtures(): Promise<Row[]> {
  const real = fileURLToPath(new URL('../../../shared/fixtures/real/', import.meta.url));
  if (!existsSync(real)) return [];
  const dirs = ['arxiv_api_atom', 'arxiv_rss', 'arxiv_oai', 'arxiv_oai/rendered_by_arxiv_oaipmh_code', 'kaggle_jsonl'];
  const rows: Row[] = [];
  for (const d of dirs) {
    const texts = readdirSync(`${real}${d}`)
      .filter((f) => statSync(`${real}${d}/${f}`).isFile())
      .map((f) => ({ f, text: readFileSync(`${real}${d}/${f}`, 'utf8') }));
    const rounds = 20;
    let records = 0;
    let chars = 0;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (const { f, text } of texts) {
        const format = detectFormat(text.slice(0, 4096), f);
        if (!format) continue;
        const { report } = await collect(importStream(format, text, { ...options, file: f }), f, format);
        records += report.read;
        chars += text.length;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    rows.push({
      case: `real ${d} (${texts.length} files ×${rounds})`,
      records,
      mb: chars / 1e6,
      seconds,
      perSecond: records / seconds,
    });
  }
  return rows;
}

export default async function run(): Promise<void> {
  const rows: Row[] = [];
  const g0 = performance.now();
  pool ??= [...synthRows(POOL, 1)].map((r) => JSON.stringify(r));
  const gs = (performance.now() - g0) / 1000;
  rows.push({
    case: `synth generator, ${POOL} rows for the pool`,
    records: POOL,
    mb: pool.join('\n').length / 1e6,
    seconds: gs,
    perSecond: POOL / gs,
  });
  rows.push(await generatorOnly());
  rows.push(await streamSnapshot(undefined));
  rows.push(await streamSnapshot(['cs.LG']));
  rows.push(...(await realFixtures()));
  const fmt = (x: number | undefined, d = 1) => (x === undefined ? '' : x.toFixed(d));
  console.log('| case | records | MB | s | records/s | MB/s | peak RSS MB | peak heap MB |');
  console.log('| --- | --: | --: | --: | --: | --: | --: | --: |');
  for (const r of rows)
    console.log(
      `| ${r.case} | ${r.records} | ${fmt(r.mb)} | ${fmt(r.seconds, 2)} | ${Math.round(r.perSecond)} | ${fmt(r.mb / r.seconds)} | ${fmt(r.peakRssMb)} | ${fmt(r.peakHeapMb)} |`,
    );
  const out = fileURLToPath(new URL('../../.output/bench/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(
    `${out}corpus.json`,
    `${JSON.stringify({ node: process.version, lines: LINES, at: new Date().toISOString(), rows }, null, 1)}\n`,
  );
}
