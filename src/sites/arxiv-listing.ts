/**
 * arXiv listing pages: `/list/<cat>/new` (sections New, Cross, Replacement submissions, with abstracts),
 * `/list/<cat>/recent`, `/pastweek`, month archives (`/list/<cat>/2009-01`, `/list/<cat>/0901`, years), with
 * `?skip=&show=` paging up to 2,000 entries.
 *
 * Markup: one or more `dl#articles` (one per day or section; the id repeats) of `dt`/`dd` pairs. The `dt`
 * holds the abs link (`a[title="Abstract"]`, or in the older markup inside `span.list-identifier`); the
 * `dd` holds `.list-title`, `.list-authors` (with an "Authors:" descriptor in the older markup, none in the
 * current one), `.list-comments`, `.list-journal-ref`, `.list-subjects` and, on /new pages, `p.mathjax`
 * with the abstract. See ../shared/fixtures/real/arxiv_list_html and arxiv_rendered_by_arxiv_browse.
 */
import { absUrl, parseArxivId } from '../core/ids';
import { authorNames, categoriesIn, textOf } from './dom';
import type { FoundPaper, SiteAdapter } from './types';

const LIST_PATH = /^\/list\/[a-z][a-z-]*(?:\.[A-Za-z-]+)?\/(new|recent|pastweek|\d{4}(?:-\d{2})?|\d{2})\/?$/;
const ABS_HREF = /\/abs\/([^?#]+?)\/?(?:[?#]|$)/;

/** The arXiv id an abs link points at. */
export function idFromAbsLink(a: Element | null | undefined) {
  const href = a?.getAttribute('href') ?? '';
  const m = ABS_HREF.exec(href);
  return m?.[1] ? parseArxivId(decodeURIComponent(m[1])) : undefined;
}

/** Every `dt`/`dd` entry under `root`, in page order; also used by the author-listing adapter. */
export function listEntries(root: ParentNode): FoundPaper[] {
  const out: FoundPaper[] = [];
  for (const dt of entryElements(root)) {
    const found = listEntry(dt);
    if (found) out.push(found);
  }
  return out;
}

/** The `dt` of every entry. */
export function entryElements(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll('dl > dt'));
}

/** One entry from its `dt` (and the `dd` after it), or undefined when it is not a paper entry. */
export function listEntry(dt: Element): FoundPaper | undefined {
  const link = dt.querySelector('a[title="Abstract"]') ?? dt.querySelector('a[href*="/abs/"]');
  const parsed = idFromAbsLink(link);
  const dd = dt.nextElementSibling;
  if (!link || !parsed || dd?.tagName.toLowerCase() !== 'dd') return undefined;
  const title = textOf(dd.querySelector('.list-title'), '.descriptor');
  if (!title) return undefined;
  const authorsEl = dd.querySelector('.list-authors');
  const links = Array.from(authorsEl?.querySelectorAll('a') ?? []);
  const authors = links.length
    ? authorNames(links)
    : textOf(authorsEl, '.descriptor')
        .split(/,\s*|\s+and\s+/)
        .filter(Boolean);
  const comments = textOf(dd.querySelector('.list-comments'), '.descriptor');
  const journalRef = textOf(dd.querySelector('.list-journal-ref'), '.descriptor');
  const categories = categoriesIn(textOf(dd.querySelector('.list-subjects')));
  const abstract = textOf(dd.querySelector('p.mathjax'));
  const meta = dd.querySelector('.meta') ?? dd.lastElementChild;
  return {
    id: parsed.id,
    arxivId: parsed.id,
    title,
    authors,
    url: absUrl(parsed.id),
    ...(abstract ? { abstract } : {}),
    ...(categories.length ? { categories } : {}),
    ...(comments ? { comments } : {}),
    ...(journalRef ? { journalRef } : {}),
    anchor: link,
    ...(meta ? { panelAnchor: meta } : {}),
  };
}

export const arxivListing: SiteAdapter = {
  id: 'arxiv-listing',
  overlay: 'chip',
  matches: (url) => url.hostname === 'arxiv.org' && LIST_PATH.test(url.pathname),
  examples: {
    match: [
      'https://arxiv.org/list/cs.LG/new',
      'https://arxiv.org/list/astro-ph/new',
      'https://arxiv.org/list/cs.CL/recent',
      'https://arxiv.org/list/cs.CL/recent?skip=0&show=2000',
      'https://arxiv.org/list/astro-ph/pastweek?skip=0&show=25',
      'https://arxiv.org/list/astro-ph/2009-01',
      'https://arxiv.org/list/hep-th/0901',
      'https://arxiv.org/list/chao-dyn/1995-10',
      'https://arxiv.org/list/math.RT/new',
    ],
    noMatch: ['https://arxiv.org/list/', 'https://arxiv.org/list/cs.LG', 'https://arxiv.org/abs/2210.16859'],
  },
  extract: (doc) => listEntries(doc),
  entries: entryElements,
  readEntry: (dt) => listEntry(dt),
};
