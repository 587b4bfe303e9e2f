/**
 * Seed format "code-for-papers author page" (seeds 001, 002): entries separated by a line `Via`; each is
 * mostly an abstract without a title, sometimes preceded by an author line (bare, or `Authors:` with
 * `(+40 more)`), with `Abstract:` and `Figures and Tables:` labels in the newer page style. A promotional
 * banner heads the page.
 */
import { collapseWhitespace } from '../../core/tex';
import { codeUrlsIn, paragraphs, parseAuthorList } from './text';
import type { SeedEntry, SeedParser } from './types';

const BANNER = /^Get our free extension|Free add-on:/;
const SEPARATOR = 'Via';

export const codeForPapers: SeedParser = {
  kind: 'code-for-papers',
  description: 'code-for-papers author page',
  recognise: (text) => BANNER.test(text.trimStart()) && new RegExp(`^${SEPARATOR}$`, 'm').test(text),
  parse(text, file) {
    const entries: SeedEntry[] = [];
    let block: { text: string; line: number }[] = [];
    const flush = () => {
      const entry = readEntry(block, file);
      if (entry) entries.push(entry);
      block = [];
    };
    for (const p of paragraphs(text)) {
      if (p.text.trim() === SEPARATOR) flush();
      else if (!BANNER.test(p.text) && p.text.trim() !== 'Figures and Tables:') block.push(p);
    }
    flush();
    return { file, kind: 'code-for-papers', entries, authorStats: [] };
  },
};

function readEntry(block: readonly { text: string; line: number }[], file: string): SeedEntry | undefined {
  const first = block[0];
  if (!first) return undefined;
  let authors: ReturnType<typeof parseAuthorList>;
  const prose: string[] = [];
  for (const p of block) {
    const t = p.text.trim();
    const labelled = /^Authors:\s*(.*)$/s.exec(t);
    const list = labelled ? parseAuthorList(labelled[1] ?? '') : authors ? undefined : parseAuthorList(t);
    if (list && !authors && prose.length === 0) authors = list;
    else prose.push(t.replace(/^Abstract:\s*/, ''));
  }
  const abstract = collapseWhitespace(prose.join(' '));
  if (!abstract && !authors) return undefined;
  const codeUrls = codeUrlsIn(abstract);
  return {
    file,
    line: first.line,
    ...(authors ? { authors: authors.authors, authorsTruncated: authors.truncated } : {}),
    ...(abstract ? { abstract } : {}),
    ...(codeUrls.length ? { hasCode: true, codeUrls } : {}),
  };
}
