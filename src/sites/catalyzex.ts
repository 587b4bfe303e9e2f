/**
 * CatalyzeX: author pages (`/author/<name>`) list papers as cards: `a[href^="/paper/"]` around an `h3`
 * title, then a line of authors and "· org, org", then the abstract; paper pages (`/paper/<slug>`) have an
 * `h1` and an "arXiv" link. The seed documents (data/seeds) are text captures of such pages. No HTML
 * capture is available: written after the 2024–25 markup.
 */
import { badgeAdapter, hostIs } from './badge-adapter';

const HOSTS = ['www.catalyzex.com', 'catalyzex.com'];

export const catalyzexPaper = badgeAdapter({
  id: 'catalyzex-paper',
  site: 'catalyzex',
  matches: (url) => hostIs(url, ...HOSTS) && /^\/paper\/[^/]+\/?$/.test(url.pathname),
  examples: { match: ['https://www.catalyzex.com/paper/a-solvable-model-of-neural-scaling-laws'] },
  entry: 'main',
  title: 'h1',
  idLinks: '.paper-links a',
});

export const catalyzexAuthor = badgeAdapter({
  id: 'catalyzex-author',
  site: 'catalyzex',
  matches: (url) => hostIs(url, ...HOSTS) && /^\/(author\/[^/]+|s\/[^/]+)\/?$/.test(url.pathname),
  examples: {
    match: ['https://www.catalyzex.com/author/Daniel%20A.%20Roberts', 'https://www.catalyzex.com/s/scaling%20laws'],
    noMatch: ['https://www.catalyzex.com/'],
  },
  entry: 'article, .paper-card, li.paper',
  title: ['h3', 'h2', 'a[href^="/paper/"]'],
  panelAnchor: (entry) => entry.lastElementChild,
});
