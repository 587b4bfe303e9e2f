/**
 * Google Scholar: search results (`/scholar?q=…`) and profiles (`/citations?user=…`).
 * Results: `div.gs_r` with `h3.gs_rt` (a link, or a `[CITATION]` span; long titles cut with "…"),
 * `div.gs_a` ("A Author, B Author - Venue, Year - host") and `div.gs_fl` (actions), a `div.gs_ggs` side link
 * (often "[PDF] arxiv.org"). Profiles: `tr.gsc_a_tr` rows with `a.gsc_a_at` (title), then `div.gs_gray`
 * (authors) and `div.gs_gray` (venue). After the 2020 captures in ../shared/fixtures/real/scholar_html.
 */
import { badgeAdapter, hostIs } from './badge-adapter';

/** Scholar's own host and the country domains people commonly land on. */
export const SCHOLAR_HOSTS: readonly string[] = [
  'scholar.google.com',
  'scholar.google.co.uk',
  'scholar.google.de',
  'scholar.google.fr',
  'scholar.google.ca',
  'scholar.google.com.au',
  'scholar.google.co.jp',
  'scholar.google.es',
  'scholar.google.it',
  'scholar.google.nl',
  'scholar.google.ch',
  'scholar.google.co.in',
  'scholar.google.com.br',
];

export const scholarResults = badgeAdapter({
  id: 'scholar-results',
  site: 'scholar',
  matches: (url) => hostIs(url, ...SCHOLAR_HOSTS) && /^\/scholar\/?$/.test(url.pathname),
  examples: {
    match: [
      'https://scholar.google.com/scholar?q=neural+scaling+laws',
      'https://scholar.google.de/scholar?hl=de&q=scaling&start=10',
      'https://scholar.google.com/scholar?cites=15801554877513113826',
    ],
    noMatch: ['https://scholar.google.com/scholar_lookup?title=x', 'https://www.google.com/scholar?q=x'],
  },
  entry: 'div.gs_r',
  title: ['.gs_rt a', '.gs_rt'],
  authors: '.gs_a',
  panelAnchor: (entry) => entry.querySelector('.gs_ri')?.lastElementChild ?? null,
});

export const scholarProfile = badgeAdapter({
  id: 'scholar-profile',
  site: 'scholar',
  matches: (url) => hostIs(url, ...SCHOLAR_HOSTS) && url.pathname === '/citations' && url.searchParams.has('user'),
  examples: {
    match: [
      'https://scholar.google.com/citations?user=A5NhLJkAAAAJ&hl=en',
      'https://scholar.google.co.uk/citations?hl=en&user=A5NhLJkAAAAJ&view_op=list_works&sortby=pubdate',
    ],
    noMatch: ['https://scholar.google.com/citations?view_op=search_authors&mauthors=roberts'],
  },
  entry: 'tr.gsc_a_tr',
  title: 'a.gsc_a_at',
  authors: '.gsc_a_t > div.gs_gray:first-of-type',
  panelAnchor: (entry) => entry.querySelector('.gsc_a_t')?.lastElementChild ?? null,
});
