/**
 * The importers' one entry point: sniff the format, then stream the file through its importer. Pure:
 * runs in Node (CLI, tests, bench) and in the extension alike.
 *
 * | format | file | importer |
 * | --- | --- | --- |
 * | arxiv-atom | arXiv API response | arxiv-atom.ts |
 * | arxiv-rss | arXiv RSS 2.0 or RDF feed | arxiv-rss.ts |
 * | oai-pmh | OAI-PMH GetRecord/ListRecords (arXiv, arXivRaw, oai_dc) | oai-pmh.ts |
 * | arxiv-snapshot | Kaggle metadata snapshot, JSON lines | arxiv-snapshot.ts |
 * | bibtex | .bib | bibtex.ts |
 * | arxiv-jsonl | arXiv JSON lines (id/title/abstract), RSS-derived datasets | arxiv-jsonl.ts |
 */
import { importArxivAtom } from './arxiv-atom';
import { importArxivJsonLines, looksLikeArxivJsonLines } from './arxiv-jsonl';
import { importArxivRss } from './arxiv-rss';
import { importArxivSnapshot } from './arxiv-snapshot';
import { importBibtex } from './bibtex';
import type { TextInput } from './chunks';
import { importOaiPmh } from './oai-pmh';
import type { ImportFormat, ImportItem, ImportOptions } from './report';

export type { TextInput } from './chunks';
export * from './report';

const IMPORTERS: Readonly<Record<ImportFormat, (input: TextInput, o: ImportOptions) => AsyncIterable<ImportItem>>> = {
  'arxiv-atom': importArxivAtom,
  'arxiv-rss': importArxivRss,
  'oai-pmh': importOaiPmh,
  'arxiv-snapshot': importArxivSnapshot,
  bibtex: importBibtex,
  'arxiv-jsonl': importArxivJsonLines,
};

/** Streams a file through the importer for `format`: validated papers and rejections, in file order. */
export function importStream(
  format: ImportFormat,
  input: TextInput,
  options: ImportOptions,
): AsyncIterable<ImportItem> {
  return IMPORTERS[format](input, options);
}

/**
 * Guesses the format from the first chunk (content wins) and the file name (when the content is too
 * short to tell). Undefined when neither says.
 */
export function detectFormat(firstChunk: string, fileName = ''): ImportFormat | undefined {
  const head = firstChunk.replace(/^\uFEFF/, '').slice(0, 4096);
  const body = head
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trimStart();
  if (/^<(?:\w+:)?feed[\s>]/.test(body)) return 'arxiv-atom';
  if (/^<rss[\s>]/.test(body) || /^<rdf:RDF[\s>]/.test(body)) return 'arxiv-rss';
  if (/^<OAI-PMH[\s>]/.test(body)) return 'oai-pmh';
  if (looksLikeArxivJsonLines(body.split('\n', 1)[0] ?? '')) return 'arxiv-jsonl';
  if (/^\{\s*"(?:id|submitter|title|authors)"\s*:/.test(body)) return 'arxiv-snapshot';
  if (
    /^(?:%[^\n]*\n\s*)*@\s*[A-Za-z]+\s*[{(]/.test(body) ||
    /\n\s*@\s*(?:article|misc|inproceedings|book)\s*\{/i.test(head)
  )
    return 'bibtex';
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'jsonl' || ext === 'ndjson') return 'arxiv-snapshot';
  if (ext === 'atom') return 'arxiv-atom';
  if (ext === 'rss' || ext === 'rdf') return 'arxiv-rss';
  return undefined;
}
