/**
 * The generic recogniser, for pages no site adapter knows: personal publication pages, aggregator author
 * pages (CatalyzeX-like profiles with "category + date" lines, a title, authors, an abstract;
 * "collaborating authors" pages; listings with a title followed by "authors · org, org"), reading lists.
 *
 * Candidates are headings, links and elements whose class names a title. A link that wraps a heading is
 * not a title itself (its text runs the title into the authors); its href still names the heading's paper.
 * Each candidate is a FoundPaper with the arXiv id its link names, else a `title:` id; the overlay badges
 * only what the background recognises as a corpus paper, so over-collecting here costs a little time,
 * never a false badge.
 */
import { absUrl } from '../core/ids';
import {
  arxivIdOfLinks,
  type BadgeSiteAdapter,
  foundPaper,
  hasTitleKey,
  TITLE_CHARS,
  titleText,
  within,
} from './badge-adapter';
import type { FoundPaper } from './types';

const HEADINGS = 'h1, h2, h3, h4, h5, h6';
const CANDIDATES = `${HEADINGS}, a[href], [class*="title"], [class*="Title"], dt, strong, b`;
/** Candidates inside these are the page's furniture or our own UI. */
const SKIP =
  'script, style, noscript, template, textarea, [contenteditable], paperlens-panel, paperlens-badge, paperlens-chip';

/** Link texts that name a link, not a paper: "[arXiv]", "PDF", "code". */
const LINK_LABEL = /^\[?(arxiv|pdf|abs|html|code|paper|doi|bib(tex)?|project|slides|video|link)\]?$/i;

function read(el: Element, url: URL): FoundPaper | undefined {
  if (el.closest(SKIP)) return undefined;
  const isLink = el.matches('a[href]');
  // A link around a heading or a title element: the inner element is the candidate.
  if (isLink && el.querySelector(`${HEADINGS}, [class*="title"], [class*="Title"]`)) return undefined;
  // A title element holding a link: the link is the candidate (it carries the href too).
  if (!isLink && !el.matches(HEADINGS) && el.querySelector('a[href]')) return undefined;
  // A card link holding blocks ("Title" then "Authors · org"): its first block is the title.
  const first = isLink && el.children.length >= 2 ? el.firstElementChild : null;
  const title = titleText(first && !first.matches('img, svg') ? first : el);
  const own = isLink ? [el] : [];
  const around = el.closest('a[href]');
  const arxivId = arxivIdOfLinks(around && around !== el ? [...own, around] : own, url);
  if (!arxivId && (title.length < TITLE_CHARS.min || title.length > TITLE_CHARS.max)) return undefined;
  if (!arxivId && isLink && LINK_LABEL.test(title)) return undefined;
  if (!arxivId && !hasTitleKey(title)) return undefined;
  return foundPaper(arxivId, title, { authors: [], url: arxivId ? absUrl(arxivId) : url.href, anchor: el });
}

const entriesIn = (root: ParentNode) => within(root, CANDIDATES);

export const generic: BadgeSiteAdapter = {
  id: 'generic',
  site: 'other',
  overlay: 'badge',
  // Never chosen by URL: runs where the user turned Paperlens on for a site, or asked for a scan.
  matches: () => false,
  examples: { match: [], noMatch: ['https://example.org/~someone/publications.html'] },
  entries: entriesIn,
  entriesIn,
  readEntry: read,
  extract: (doc, url) => entriesIn(doc).flatMap((el) => read(el, url) ?? []),
};
