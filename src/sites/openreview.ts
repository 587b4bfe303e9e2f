/**
 * OpenReview: forum pages (`/forum?id=…`: `div.forum-title h2.citation_title`, authors in
 * `div.forum-authors a`, a `citation_arxiv_id` meta on some) and venue/group pages (`/group?id=…`: notes as
 * `li.note` with `h4 a[href^="/forum"]` and `div.note-authors`; `/submissions?venue=…` lists the same).
 * No real capture is available: written after the 2023–25 markup (the Next.js version of the site).
 */
import { badgeAdapter, hostIs } from './badge-adapter';

export const openreviewForum = badgeAdapter({
  id: 'openreview-forum',
  site: 'openreview',
  matches: (url) => hostIs(url, 'openreview.net') && url.pathname === '/forum' && url.searchParams.has('id'),
  examples: {
    match: ['https://openreview.net/forum?id=Hkx7_1rKwS', 'https://openreview.net/forum?id=abc123&noteId=x'],
  },
  entry: '.forum-container',
  idLinks: '.forum-title a',
  title: ['.forum-title h2', 'h2.citation_title', 'h2'],
  authors: '.forum-authors a',
});

export const openreviewVenue = badgeAdapter({
  id: 'openreview-venue',
  site: 'openreview',
  matches: (url) => hostIs(url, 'openreview.net') && /^\/(group|submissions|venue)\/?$/.test(url.pathname),
  examples: {
    match: [
      'https://openreview.net/group?id=ICLR.cc/2024/Conference',
      'https://openreview.net/submissions?venue=ICLR.cc/2025/Conference',
    ],
    noMatch: ['https://openreview.net/profile?id=~Daniel_Roberts1', 'https://openreview.net/pdf?id=Hkx7_1rKwS'],
  },
  entry: 'li.note',
  title: ['h4 a[href^="/forum"]', 'h4'],
  authors: '.note-authors a',
  panelAnchor: (entry) => entry.lastElementChild,
});
