/**
 * DBLP: person pages (`/pid/<pid>.html`), search (`/search?q=…`), venue tables of contents (`/db/…`).
 * Entries are `li.entry` with `cite span.title` (ending with a full stop), `span[itemprop="author"]`, and
 * electronic-edition links in `nav.publ` (`https://arxiv.org/abs/…`, `https://doi.org/10.48550/arXiv.…`).
 * No real capture is available: written after the 2023–25 markup.
 */
import { badgeAdapter, hostIs } from './badge-adapter';

export const dblp = badgeAdapter({
  id: 'dblp',
  site: 'dblp',
  matches: (url) => hostIs(url, 'dblp.org', 'dblp.uni-trier.de') && /^\/(pid|search|db|rec)\//.test(`${url.pathname}/`),
  examples: {
    match: [
      'https://dblp.org/pid/123/4567.html',
      'https://dblp.org/search?q=neural+scaling',
      'https://dblp.org/db/conf/iclr/iclr2024.html',
    ],
    noMatch: ['https://dblp.org/', 'https://dblp.org/faq/'],
  },
  entry: 'li.entry',
  title: 'cite span.title',
  authors: 'cite span[itemprop="author"]',
  panelAnchor: (entry) => entry.querySelector('cite'),
});
