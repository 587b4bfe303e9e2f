/**
 * Papers with Code: paper pages (`/paper/<slug>`: `div.paper-title h1`, an "arXiv" link to the abs page)
 * and listings (`/`, `/latest`, `/greatest`, `/search?q=…`, `/author/<name>`: `div.paper-card` with
 * `h1 a[href^="/paper/"]`, and `.author-span`). No real capture is available: written after the 2022–24
 * markup.
 */
import { badgeAdapter, hostIs } from './badge-adapter';

const HOSTS = ['paperswithcode.com', 'www.paperswithcode.com'];

export const paperswithcodePaper = badgeAdapter({
  id: 'paperswithcode-paper',
  site: 'paperswithcode',
  matches: (url) => hostIs(url, ...HOSTS) && /^\/paper\/[^/]+\/?$/.test(url.pathname),
  examples: { match: ['https://paperswithcode.com/paper/a-solvable-model-of-neural-scaling-laws'] },
  entry: 'main',
  idLinks: '.paper-title a, .paper-abstract a',
  title: 'h1',
  authors: '.author-span',
  // The "Code" list of implementations (the official one first), each row linking its repository.
  code: { links: '#implementations a[href], .paper-implementations a[href]', source: 'paperswithcode' },
});

export const paperswithcodeList = badgeAdapter({
  id: 'paperswithcode-list',
  site: 'paperswithcode',
  matches: (url) => hostIs(url, ...HOSTS) && /^\/(latest|greatest|search|author\/[^/]+)?\/?$/.test(url.pathname),
  examples: {
    match: [
      'https://paperswithcode.com/',
      'https://paperswithcode.com/latest',
      'https://paperswithcode.com/search?q=scaling',
    ],
    noMatch: ['https://paperswithcode.com/sota/image-classification-on-imagenet'],
  },
  entry: '.paper-card',
  title: ['h1 a[href^="/paper/"]', 'h1'],
  authors: '.author-span',
  panelAnchor: (entry) => entry.lastElementChild,
});
