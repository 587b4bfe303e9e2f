/** Writing arXiv API responses into the corpus, one ImportRecord per response ("arXiv update …"). */
import { importStream } from '../corpus/importers';
import type { Database } from '../db/database';
import { importPapers } from '../db/imports';

export function arxivResponseStore(db: Database, at: Date) {
  const stamp = at.toISOString();
  return (atom: string, url: string, index: number) => {
    const importId = `arxiv-${stamp.replace(/[-:.]/g, '')}-${index}`;
    const file = new URL(url).searchParams.has('id_list')
      ? `arXiv API: metadata for listed papers (${stamp.slice(0, 10)})`
      : `arXiv API: ${new URL(url).searchParams.get('search_query') ?? ''} (${stamp.slice(0, 10)})`;
    const items = importStream('arxiv-atom', atom, { file, importId, at: stamp });
    return importPapers(db, items, { importId, file, format: 'arxiv-atom', at: stamp });
  };
}
