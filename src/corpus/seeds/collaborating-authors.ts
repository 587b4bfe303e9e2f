/**
 * Seed format "collaborating authors" page (seed 003): a `Collaborating Authors` heading and the
 * author's name ("Atanasov, Alexander"), then per paper a title paragraph, a source line
 * (`arXiv.org Machine Learning`) and the text under it. That text is sometimes the paper's
 * introduction rather than its abstract; it then cites references as `[17]`, which abstracts never do.
 */
import { collapseWhitespace } from '../../core/tex';
import { codeUrlsIn, paragraphs } from './text';
import type { SeedEntry, SeedParser } from './types';

const SOURCE_LINE = /^arXiv\.org [A-Z][A-Za-z ]+$/;
const NUMERIC_CITATION = /\[\d+(?:,\s*\d+)*\]/;

export const collaboratingAuthors: SeedParser = {
  kind: 'collaborating-authors',
  description: 'collaborating-authors page',
  recognise: (text) => /^Collaborating Authors$/m.test(text),
  parse(text, file) {
    const paras = paragraphs(text);
    const heading = paras.findIndex((p) => p.text.trim() === 'Collaborating Authors');
    const pageName = paras[heading + 1]?.text.trim();
    // "Surname, Given" → "Given Surname", the form the rest of the corpus uses.
    const pageAuthor = pageName?.includes(',')
      ? pageName
          .split(/\s*,\s*/)
          .reverse()
          .join(' ')
      : pageName;
    const entries: SeedEntry[] = [];
    for (let i = 1; i < paras.length; i++) {
      const venue = paras[i]?.text.trim() ?? '';
      const title = paras[i - 1];
      if (!title || !SOURCE_LINE.test(venue)) continue;
      const next = paras[i + 1];
      const body = next && !SOURCE_LINE.test(paras[i + 2]?.text.trim() ?? '') ? collapseWhitespace(next.text) : '';
      const codeUrls = codeUrlsIn(body);
      entries.push({
        file,
        line: title.line,
        title: collapseWhitespace(title.text),
        venue,
        ...(body ? { abstract: body } : {}),
        ...(NUMERIC_CITATION.test(body) ? { abstractIsExcerpt: true } : {}),
        ...(codeUrls.length ? { hasCode: true, codeUrls } : {}),
      });
    }
    return { file, kind: 'collaborating-authors', ...(pageAuthor ? { pageAuthor } : {}), entries, authorStats: [] };
  },
};
