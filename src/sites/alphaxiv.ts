/**
 * alphaXiv: paper pages (`/abs/<arXiv id>`, `/overview/<arXiv id>`) with an `h1` title, and the feed
 * (`/`, `/explore`) of cards linking `/abs/<id>` or `/overview/<id>` around an `h2`/`h3` title. The URLs carry
 * arXiv ids. No real capture is available: written after the 2025 markup (a single-page app).
 */
import { badgeAdapter, hostIs } from './badge-adapter';

const HOSTS = ['www.alphaxiv.org', 'alphaxiv.org'];

export const alphaxivPaper = badgeAdapter({
  id: 'alphaxiv-paper',
  site: 'alphaxiv',
  matches: (url) => hostIs(url, ...HOSTS) && /^\/(abs|overview|pdf)\/./.test(url.pathname),
  examples: { match: ['https://www.alphaxiv.org/abs/2210.16859', 'https://www.alphaxiv.org/overview/2501.09876v1'] },
  entry: 'main',
  title: 'h1',
  idLinks: 'h1 a',
  idFromPage: true,
});

export const alphaxivFeed = badgeAdapter({
  id: 'alphaxiv-feed',
  site: 'alphaxiv',
  matches: (url) => hostIs(url, ...HOSTS) && /^\/(explore)?\/?$/.test(url.pathname),
  examples: { match: ['https://www.alphaxiv.org/', 'https://www.alphaxiv.org/explore?sort=Hot'] },
  entry: 'a[href^="/abs/"], a[href^="/overview/"]',
  title: ['h2', 'h3', 'a'],
});
