/**
 * `npm run corpus`: rebuilds data/corpus.json from data/seed-papers.json (and, in time, data/seeds).
 * Deterministic: the same inputs give the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authorKey } from '../core/authors';
import { parseArxivId } from '../core/ids';
import { fnv1a, type Paper } from '../core/paper';
import { CORPUS_FORMAT_VERSION, type CorpusBundle } from '../corpus/bundle';

interface ReferenceEntry {
  arxiv_id: string;
  title: string;
  authors: string[];
  published: string | null;
  primary_category: string | null;
  categories: string[] | null;
  doi: string | null;
  journal_ref: string | null;
  code_url: string | null;
}

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));

export function buildBundle(reference: readonly ReferenceEntry[]): CorpusBundle {
  const papers: Paper[] = reference.map((r) => {
    const parsed = parseArxivId(r.arxiv_id);
    if (!parsed) throw new Error(`corpus: reference id ${r.arxiv_id} is not an arXiv id`);
    return {
      id: parsed.id,
      arxivId: parsed.id,
      title: r.title,
      authors: r.authors.map((name) => ({ name, key: authorKey(name) })),
      ...(r.published ? { published: r.published } : {}),
      ...(r.primary_category ? { primaryCategory: r.primary_category } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
      ...(r.doi ? { doi: r.doi } : {}),
      ...(r.journal_ref ? { journalRef: r.journal_ref } : {}),
      ...(r.code_url ? { codeUrls: [r.code_url], hasCode: true } : {}),
      provenance: [{ kind: 'bundled', corpusVersion: 'seed' }],
    };
  });
  papers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const corpusVersion = fnv1a(JSON.stringify(papers));
  return { formatVersion: CORPUS_FORMAT_VERSION, corpusVersion, papers };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const reference = JSON.parse(readFileSync(`${dataDir}seed-papers.json`, 'utf8')) as ReferenceEntry[];
  const bundle = buildBundle(reference);
  writeFileSync(`${dataDir}corpus.json`, `${JSON.stringify(bundle, null, 1)}\n`);
  console.log(`corpus: ${bundle.papers.length} papers, version ${bundle.corpusVersion} → data/corpus.json`);
}
