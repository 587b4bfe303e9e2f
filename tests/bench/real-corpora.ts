/**
 * The real corpora the benches read: the bundled corpus (data/corpus.json) and the real 5,637-paper sample
 * in ../shared/samples, read through the importer a user's import goes through (arxiv-jsonl), so the
 * papers are what the popup would search. The sample is undefined where ../shared is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../../src/core/paper';
import { validateBundle } from '../../src/corpus/bundle';
import { importArxivJsonLines } from '../../src/corpus/importers/arxiv-jsonl';
import { collect } from '../../src/corpus/importers/report';

export const SAMPLE_PATH = fileURLToPath(
  new URL('../../../shared/samples/arxiv-2024-03-title-abstract.jsonl', import.meta.url),
);

export function bundledPapers(): Paper[] {
  const r = validateBundle(JSON.parse(readFileSync(new URL('../../data/corpus.json', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(r.error);
  return [...r.value.papers];
}

export async function samplePapers(): Promise<Paper[] | undefined> {
  if (!existsSync(SAMPLE_PATH)) return undefined;
  const file = 'arxiv-2024-03-title-abstract.jsonl';
  const { papers, report } = await collect(
    importArxivJsonLines(readFileSync(SAMPLE_PATH, 'utf8'), { file, importId: 'bench', at: '2026-01-01T00:00:00Z' }),
    file,
    'arxiv-jsonl',
  );
  if (report.rejected > 0) console.log(`sample: ${report.rejected} lines rejected (${report.rejections[0]?.reason})`);
  return papers;
}

/**
 * The sample plus the bundled corpus, as the popup searches them after the sample is imported: two sample
 * papers are bundled ones, and the bundled record (with its authors; the sample has none) is kept.
 */
export function withBundled(sample: readonly Paper[], bundled: readonly Paper[]): Paper[] {
  const ids = new Set(bundled.map((p) => p.id));
  return [...sample.filter((p) => !ids.has(p.id)), ...bundled];
}
