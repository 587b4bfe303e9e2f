/**
 * Semantic Scholar (a single-page app): paper pages (`/paper/<slug>/<sha>`) with
 * `h1[data-test-id="paper-detail-title"]` and author links, and lists on search (`/search?q=…`) and
 * author pages (`/author/<name>/<id>`): `div.cl-paper-row` cards with `a[data-test-id="title-link"]`
 * holding `h2.cl-paper-title`, and `span[data-test-id="author-list"]`. arXiv links appear as
 * `a[href*="arxiv.org/abs"]` ("arXiv" badges). No real capture is available: written after the 2024–25
 * markup as seen in the browser.
 */
import { badgeAdapter, hostIs } from './badge-adapter';

const HOST = 'www.semanticscholar.org';

export const semanticScholarPaper = badgeAdapter({
  id: 'semantic-scholar-paper',
  site: 'semantic-scholar',
  matches: (url) => hostIs(url, HOST) && /^\/(paper|arxiv)\/./.test(url.pathname),
  examples: {
    match: [
      'https://www.semanticscholar.org/paper/A-Solvable-Model-of-Neural-Scaling-Laws-Maloney-Roberts/5b3b4c2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c',
      'https://www.semanticscholar.org/arxiv/2210.16859',
    ],
  },
  // The header only: the references and citations further down link other papers.
  entry: '.fresh-paper-detail-page__header',
  title: 'h1[data-test-id="paper-detail-title"], h1',
  authors: '[data-test-id="author-list"] a, .author-list a',
  idFromPage: true,
});

export const semanticScholarList = badgeAdapter({
  id: 'semantic-scholar-list',
  site: 'semantic-scholar',
  matches: (url) => hostIs(url, HOST) && /^\/(search|author\/[^/]+\/\d+)\/?$/.test(url.pathname),
  examples: {
    match: [
      'https://www.semanticscholar.org/search?q=neural%20scaling%20laws&sort=relevance',
      'https://www.semanticscholar.org/author/Daniel-A.-Roberts/2110296',
    ],
    noMatch: ['https://www.semanticscholar.org/me/library', 'https://semanticscholar.org.evil.com/search?q=x'],
  },
  entry: 'div.cl-paper-row, [data-test-id="search-result"]',
  title: ['[data-test-id="title-link"]', '.cl-paper-title', 'h2'],
  authors: '[data-test-id="author-list"] a, .cl-paper-authors a',
  panelAnchor: (entry) => entry.lastElementChild,
});
