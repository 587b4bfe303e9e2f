/**
 * arXiv author listings: `/a/<name>` (e.g. `/a/maloney_a_1`, also with `.html`). They use the listing
 * markup (`dl` of `dt`/`dd` entries, the older form with `span.list-identifier` and "Authors:"
 * descriptors), so the listing adapter's entry reader does the work.
 */
import { entryElements, listEntries, listEntry } from './arxiv-listing';
import type { SiteAdapter } from './types';

const AUTHOR_PATH = /^\/a\/[\w-]+(?:\.html)?\/?$/;

export const arxivAuthor: SiteAdapter = {
  id: 'arxiv-author',
  overlay: 'chip',
  matches: (url) => url.hostname === 'arxiv.org' && AUTHOR_PATH.test(url.pathname),
  examples: {
    match: [
      'https://arxiv.org/a/maloney_a_1',
      'https://arxiv.org/a/maloney_a_1.html',
      'https://arxiv.org/a/roberts_d_2',
    ],
    noMatch: ['https://arxiv.org/a/', 'https://arxiv.org/a/maloney_a_1.atom', 'https://arxiv.org/auth/x'],
  },
  extract: (doc) => listEntries(doc),
  entries: entryElements,
  readEntry: (dt) => listEntry(dt),
};
