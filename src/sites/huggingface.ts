/**
 * Hugging Face papers: the daily list (`/papers`, `/papers/date/<day>`, `/papers/trending`), cards as
 * `article` with `h3 a[href="/papers/<arXiv id>"]`, and paper pages (`/papers/<arXiv id>`) with an `h1`
 * title. The URL names the arXiv id, so recognition never needs the title. A single-page app: cards
 * arrive as the user scrolls. No real capture is available: written after the 2024–25 markup.
 */
import { badgeAdapter, hostIs } from './badge-adapter';

const PAPER_PAGE = /^\/papers\/(\d{4}\.\d{4,5})(v\d+)?\/?$/;

export const huggingfacePaper = badgeAdapter({
  id: 'huggingface-paper',
  site: 'huggingface',
  matches: (url) => hostIs(url, 'huggingface.co') && PAPER_PAGE.test(url.pathname),
  examples: { match: ['https://huggingface.co/papers/2210.16859', 'https://huggingface.co/papers/2501.09876v2'] },
  entry: 'main',
  title: 'h1',
  idLinks: 'h1 a',
  idFromPage: true,
  // The repository the paper page links beside its title ("GitHub ★ 1.2k"); links in the abstract's prose
  // or the community discussion are not Hugging Face's repository field.
  code: {
    links: 'a[href*="github.com/"], a[href*="gitlab.com/"]',
    source: 'huggingface',
    exclude: 'p, [class*="discussion"]',
  },
});

export const huggingfaceList = badgeAdapter({
  id: 'huggingface-list',
  site: 'huggingface',
  matches: (url) =>
    hostIs(url, 'huggingface.co') &&
    /^\/papers(\/(date\/[\d-]+|week\/[\w-]+|month\/[\w-]+|trending))?\/?$/.test(url.pathname),
  examples: {
    match: [
      'https://huggingface.co/papers',
      'https://huggingface.co/papers/date/2025-01-16',
      'https://huggingface.co/papers/trending',
    ],
    noMatch: ['https://huggingface.co/models', 'https://huggingface.co/datasets/x/papers'],
  },
  entry: 'article',
  title: ['h3 a[href^="/papers/"]', 'h3'],
  panelAnchor: (entry) => entry.lastElementChild,
});
