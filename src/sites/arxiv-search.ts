/**
 * arXiv search results: `/search/?query=…`, `/search/<archive>?…`, `/search/advanced?…`. Each result is an
 * `li.arxiv-result` with `p.list-title > a` (the abs link), `p.title`, `p.authors` ("Authors:" label, then
 * links), `p.abstract` (short and full spans; the full one is hidden), `.tags .tag` (categories) and
 * `p.comments`. See ../shared/fixtures/real/arxiv_search_html (2025-12 capture).
 */
import { absUrl } from '../core/ids';
import { idFromAbsLink } from './arxiv-listing';
import { authorNames, textOf } from './dom';
import type { FoundPaper, SiteAdapter } from './types';

const SEARCH_PATH = /^\/search(?:\/[\w.-]*)?\/?$/;

function result(li: Element): FoundPaper | undefined {
  const link = li.querySelector('.list-title a[href*="/abs/"]') ?? li.querySelector('a[href*="/abs/"]');
  const parsed = idFromAbsLink(link);
  const title = textOf(li.querySelector('p.title'));
  if (!link || !parsed || !title) return undefined;
  const authors = authorNames(Array.from(li.querySelectorAll('p.authors a')));
  const full = li.querySelector('.abstract-full');
  const abstract = full
    ? textOf(full, 'a')
    : textOf(li.querySelector('p.abstract'), '.search-hit:first-child, a').replace(/^:\s*/, '');
  const categories = Array.from(li.querySelectorAll('.tags .tag'))
    .map((t) => textOf(t))
    .filter((c) => /^[a-z][a-z-]*(\.[A-Za-z-]+)?$/.test(c));
  const comments = textOf(li.querySelector('p.comments'), 'span:first-child');
  return {
    id: parsed.id,
    arxivId: parsed.id,
    title,
    authors,
    url: absUrl(parsed.id),
    ...(abstract ? { abstract } : {}),
    ...(categories.length ? { categories } : {}),
    ...(comments ? { comments } : {}),
    anchor: link,
    ...(li.lastElementChild ? { panelAnchor: li.lastElementChild } : {}),
  };
}

export const arxivSearch: SiteAdapter = {
  id: 'arxiv-search',
  overlay: 'chip',
  matches: (url) => url.hostname === 'arxiv.org' && SEARCH_PATH.test(url.pathname),
  examples: {
    match: [
      'https://arxiv.org/search/?query=scaling+laws&searchtype=all',
      'https://arxiv.org/search/cs?searchtype=author&query=Maloney,+A',
      'https://arxiv.org/search/advanced?terms-0-term=neural',
    ],
    noMatch: ['https://arxiv.org/searchx', 'https://arxiv.org/list/cs.LG/new'],
  },
  extract: (doc) =>
    Array.from(doc.querySelectorAll('li.arxiv-result'))
      .map(result)
      .filter((f): f is FoundPaper => f !== undefined),
  entries: (doc) => Array.from(doc.querySelectorAll('li.arxiv-result')),
  readEntry: (li) => result(li),
};
