/**
 * Seed format "author profile page" (seed 000): the author's name, their figures (`h-index124`,
 * `10papers`, `1,297citations`), then per paper a `LGOct 30, 2022` line, the title, the authors and the
 * abstract, each a paragraph.
 */
import type { AuthorStats } from '../../core/paper';
import { collapseWhitespace } from '../../core/tex';
import { codeUrlsIn, paragraphs, parseAuthorList, parseCount, parseListingHeader } from './text';
import type { SeedEntry, SeedParser } from './types';

const STAT_LINES = [
  { field: 'hIndex', re: /^h-index\s*([\d,]+)$/ },
  { field: 'papers', re: /^([\d,]+)\s*papers$/ },
  { field: 'citations', re: /^([\d,]+)\s*citations$/ },
] as const;

export const authorProfile: SeedParser = {
  kind: 'author-profile',
  description: 'author profile page',
  recognise: (text) => /^h-index\s*[\d,]+$/m.test(text) && /^[\d,]+\s*citations$/m.test(text),
  parse(text, file) {
    const paras = paragraphs(text);
    const firstEntry = paras.findIndex((p) => parseListingHeader(p.text.split('\n')[0] ?? '') !== undefined);
    const head = firstEntry < 0 ? paras : paras.slice(0, firstEntry);
    const pageAuthor = head[0]?.text.trim();
    const stats: { hIndex?: number; papers?: number; citations?: number } = {};
    for (const line of head.flatMap((p) => p.text.split('\n'))) {
      for (const { field, re } of STAT_LINES) {
        const n = re.exec(line.trim())?.[1];
        const value = n === undefined ? undefined : parseCount(n);
        if (value !== undefined) stats[field] = value;
      }
    }
    const entries: SeedEntry[] = [];
    let current:
      | { line: number; header: NonNullable<ReturnType<typeof parseListingHeader>>; body: string[] }
      | undefined;
    const flush = () => {
      if (!current) return;
      const [title, authorLine, ...rest] = current.body;
      const list = authorLine === undefined ? undefined : parseAuthorList(authorLine);
      const abstractParas = list ? rest : [authorLine ?? '', ...rest].filter(Boolean);
      const abstract = collapseWhitespace(abstractParas.join(' '));
      const codeUrls = codeUrlsIn(abstract);
      entries.push({
        file,
        line: current.line,
        label: current.header.label,
        date: current.header.date,
        ...(title ? { title: collapseWhitespace(title) } : {}),
        ...(list ? { authors: list.authors, authorsTruncated: list.truncated } : {}),
        ...(abstract ? { abstract } : {}),
        ...(current.header.hasCode || codeUrls.length ? { hasCode: true } : {}),
        ...(codeUrls.length ? { codeUrls } : {}),
      });
    };
    for (const p of firstEntry < 0 ? [] : paras.slice(firstEntry)) {
      const [first = '', ...more] = p.text.split('\n');
      const header = parseListingHeader(first);
      if (header) {
        flush();
        current = { line: p.line, header, body: more.length ? [more.join('\n')] : [] };
      } else current?.body.push(p.text);
    }
    flush();
    const authorStats: AuthorStats[] =
      pageAuthor && Object.keys(stats).length
        ? [{ author: pageAuthor, ...stats, source: `seed ${file} (author profile page)` }]
        : [];
    return { file, kind: 'author-profile', ...(pageAuthor ? { pageAuthor } : {}), entries, authorStats };
  },
};
