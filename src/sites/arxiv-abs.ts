/**
 * arXiv abstract pages: `/abs/<id>` with or without version, old-style ids included.
 * Markup: `#abs h1.title` (with a "Title:" descriptor span), `.authors a`, `blockquote.abstract`,
 * and `citation_*` meta tags in the head, stable across the 2020–2026 captures.
 */
import { absUrl, parseArxivId } from '../core/ids';
import { authorNames, categoriesIn, isoDate, metaValues, textOf } from './dom';
import type { FoundPaper, SiteAdapter } from './types';

const ABS_PATH = /^\/abs\/(.+?)\/?$/;

function idFromUrl(url: URL) {
  const m = ABS_PATH.exec(url.pathname);
  return m?.[1] ? parseArxivId(decodeURIComponent(m[1])) : undefined;
}

export const arxivAbs: SiteAdapter = {
  id: 'arxiv-abs',
  overlay: 'panel',
  matches: (url) => url.hostname === 'arxiv.org' && idFromUrl(url) !== undefined,
  examples: {
    match: [
      'https://arxiv.org/abs/2210.16859',
      'https://arxiv.org/abs/2210.16859v2',
      'https://arxiv.org/abs/hep-th/9901001',
      'https://arxiv.org/abs/hep-th/9901001v1',
    ],
    noMatch: ['https://arxiv.org/abs/', 'https://arxiv.org/list/cs.LG/new', 'https://example.org/abs/2210.16859'],
  },
  extract(doc, url) {
    const parsed = idFromUrl(url);
    if (!parsed) return [];
    const titleEl = doc.querySelector('#abs h1.title, h1.title');
    const title = textOf(titleEl, '.descriptor') || metaValues(doc, 'citation_title')[0] || '';
    if (!title) return [];
    const authorLinks = Array.from(doc.querySelectorAll('#abs .authors a, div.authors a'));
    const authors = authorLinks.length
      ? authorNames(authorLinks)
      : metaValues(doc, 'citation_author').map(flipCitationName);
    const abstract = textOf(doc.querySelector('blockquote.abstract'), '.descriptor');
    const anchor = doc.querySelector('blockquote.abstract') ?? titleEl;
    if (!anchor) return [];
    const comments = textOf(row(doc, 'Comments'));
    const categories = categoriesIn(textOf(row(doc, 'Subjects')));
    const journalRef = textOf(row(doc, 'Journal reference'));
    const doi =
      row(doc, 'Related DOI')?.querySelector('a[data-doi]')?.getAttribute('data-doi') ??
      metaValues(doc, 'citation_doi')[0];
    const dateline = textOf(doc.querySelector('#abs .dateline, .dateline'));
    const published =
      isoDate(/Submitted on ([^(\]]+)/.exec(dateline)?.[1] ?? '') ?? isoDate(metaValues(doc, 'citation_date')[0] ?? '');
    const found: FoundPaper = {
      id: parsed.id,
      arxivId: parsed.id,
      title,
      authors,
      ...(abstract ? { abstract } : {}),
      url: absUrl(parsed.id),
      ...(categories.length ? { categories } : {}),
      ...(comments ? { comments } : {}),
      ...(doi ? { doi } : {}),
      ...(journalRef ? { journalRef } : {}),
      ...(published ? { published } : {}),
      anchor,
    };
    return [found];
  },
};

/** The value cell of a metatable row ("Comments:", "Subjects:", "Journal&nbsp;reference:"). */
function row(doc: ParentNode, label: string): Element | undefined {
  for (const cell of Array.from(doc.querySelectorAll('.metatable td.label, .metatable td.tablecell.label'))) {
    if (
      textOf(cell)
        .replace(/\u00a0/g, ' ')
        .replace(/:$/, '')
        .trim() === label
    )
      return cell.nextElementSibling ?? undefined;
  }
  return undefined;
}

/** `citation_author` is "Surname, Given"; pages show "Given Surname". */
function flipCitationName(name: string): string {
  const i = name.indexOf(',');
  return i < 0 ? name : `${name.slice(i + 1).trim()} ${name.slice(0, i).trim()}`;
}
