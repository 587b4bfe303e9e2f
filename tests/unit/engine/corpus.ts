/** The bundled corpus, read once for the engine tests. */
import { readFileSync } from 'node:fs';
import type { Paper } from '../../../src/core/paper';
import { validatePaper } from '../../../src/core/paper';

export function bundledPapers(): Paper[] {
  const data = JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')) as {
    papers: unknown[];
  };
  return data.papers.map((p) => {
    const r = validatePaper(p);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });
}
