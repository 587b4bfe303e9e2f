/**
 * `npm run corpus:synth -- --papers 100000 --seed 1 [--out path]`: writes a synthetic arXiv snapshot
 * (JSON lines) for benches. Streams rows with back-pressure, so a million rows need little memory.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { synthFileName, synthRows } from '../corpus/synth';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const papers = Number(arg('papers') ?? 10_000);
const seed = Number(arg('seed') ?? 1);
if (!Number.isInteger(papers) || papers < 1 || !Number.isInteger(seed)) {
  console.error('corpus:synth: --papers must be a positive integer and --seed an integer');
  process.exit(2);
}
const out = arg('out') ?? `.output/synth/${synthFileName(papers, seed)}`;
mkdirSync(dirname(out), { recursive: true });
const stream = createWriteStream(out);
const t0 = performance.now();
for (const row of synthRows(papers, seed)) {
  if (!stream.write(`${JSON.stringify(row)}\n`)) await once(stream, 'drain');
}
stream.end();
await once(stream, 'finish');
console.log(`corpus:synth: wrote ${papers} rows to ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
