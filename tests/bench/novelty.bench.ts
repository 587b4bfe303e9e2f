/**
 * Novelty bench: the panel's figure (engine/novelty.ts) over the persistent index as the background has it
 * (MemoryIndex: the same segments and records, over a Map), on synthetic corpora of 10k and 100k papers.
 * Cold: a fresh reader (empty record cache), as after a worker restart; warm: the same reader again, as in
 * a browsing session; author: 40 papers through one source, as the library's author view asks.
 * Writes .output/bench/novelty.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { synthPapers } from '../../src/corpus/synth';
import { MemoryIndex } from '../../src/engine/index/memory';
import { noveltyOf, noveltySource } from '../../src/engine/novelty';

const now = () => performance.now();
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

export default async function bench(): Promise<void> {
  const rows: Record<string, number | string>[] = [];
  for (const n of (process.env.NOVELTY_SIZES ?? '10000,100000').split(',').map(Number)) {
    const papers = synthPapers(n, 1);
    const index = new MemoryIndex();
    const t0 = now();
    for (let i = 0; i < papers.length; i += 2000) index.write(papers.slice(i, i + 2000));
    await index.merge({ all: true });
    const build = now() - t0;
    // Papers from the last third of the corpus: most of it is dated before them.
    const sample = papers.filter((_, i) => i > (2 * n) / 3 && i % Math.floor(n / 150) === 0).slice(0, 50);
    const input = (p: (typeof papers)[number]) => ({
      id: p.id,
      title: p.title,
      ...(p.abstract ? { abstract: p.abstract } : {}),
      categories: p.categories ?? [],
    });
    const cold: number[] = [];
    const warm: number[] = [];
    let scored = 0;
    for (const p of sample) {
      const reader = index.reader();
      let t = now();
      const r = await noveltyOf(input(p), noveltySource(await reader.snapshot()));
      cold.push(now() - t);
      if (r.status === 'scored') scored++;
      t = now();
      await noveltyOf(input(p), noveltySource(await reader.snapshot()));
      warm.push(now() - t);
    }
    const reader = index.reader();
    const source = noveltySource(await reader.snapshot());
    let t = now();
    for (const p of sample.slice(0, 40)) await noveltyOf(input(p), source);
    const author = now() - t;
    t = now();
    rows.push({
      papers: n,
      buildS: Number((build / 1000).toFixed(1)),
      scored: `${scored}/${sample.length}`,
      coldP50Ms: Number(pct(cold, 0.5).toFixed(1)),
      coldP95Ms: Number(pct(cold, 0.95).toFixed(1)),
      warmP50Ms: Number(pct(warm, 0.5).toFixed(1)),
      warmP95Ms: Number(pct(warm, 0.95).toFixed(1)),
      author40Ms: Number(author.toFixed(0)),
    });
    console.table(rows.slice(-1));
  }
  mkdirSync(new URL('../../.output/bench/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../../.output/bench/novelty.json', import.meta.url), JSON.stringify(rows, null, 2));
}
