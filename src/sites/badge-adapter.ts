/**
 * What the badge sites share: a page is a list of entries (a search result, a profile row, a card, or the
 * one paper of a detail page), each with a title element and perhaps links. Reading an entry gives a
 * FoundPaper whose id is the arXiv id its links (or the page URL) name, else a `title:` id for the title
 * text; the overlay then asks the background which of them are corpus papers (by id, or by title through
 * the TitleIndex) and badges only those. Pure: reads the elements it is handed.
 */
import { type CodeLink, type CodeSource, codeUrlOfHref, MAX_CODE_LINKS, unionCodeLinks } from '../core/code';
import { absUrl, arxivIdFromUrl, parseDoi, titlePaperId } from '../core/ids';
import type { ArxivId, PaperId } from '../core/paper';
import { normaliseTitle } from '../engine/normalize';
import { textOf } from './dom';
import type { FoundPaper, SiteAdapter } from './types';

/**
 * Title matches below this confidence get no badge. Stricter than the TitleIndex's own threshold (0.8):
 * on sites other than arXiv a false badge is worse than a missing one, and 0.8–0.9 is where a page title
 * that merely starts with a corpus title ("A Solvable Model of Neural Scaling Laws in Kernel Regression…")
 * lands. The popup's tab scan uses the same bar.
 */
export const BADGE_MIN_CONFIDENCE = 0.9;

/** Titles shorter or longer than this are not titles (labels, buttons, abstracts). */
export const TITLE_CHARS = { min: 12, max: 400 } as const;

export interface BadgeSiteSpec {
  readonly id: string;
  /** The SITES entry (src/sites/permissions.ts) whose per-site setting turns this adapter off. */
  readonly site: string;
  readonly matches: (url: URL) => boolean;
  readonly examples: SiteAdapter['examples'];
  /** One element per paper. */
  readonly entry: string;
  /** The title element inside an entry (the entry itself when it matches); selectors tried in order. */
  readonly title: string | readonly string[];
  /** Author elements (or one element with a comma-separated list) inside an entry. */
  readonly authors?: string;
  /** A detail page: the page URL names the paper of its (single) entry, before any link. */
  readonly idFromPage?: boolean;
  /**
   * The links inside an entry that may name its paper (all by default). Detail pages narrow this to the
   * paper's own links: a reference list further down names other papers.
   */
  readonly idLinks?: string;
  /**
   * Links inside an entry that name the paper's code (a repository field, an implementations list), and
   * the site they are credited to. Only repository hosts count (core/code.ts); links inside `exclude`
   * (prose: the abstract, discussions) are not the site's own field.
   */
  readonly code?: { readonly links: string; readonly source: CodeSource; readonly exclude?: string };
  /** Where an opened panel goes, relative to the entry; the title element by default. */
  readonly panelAnchor?: (entry: Element) => Element | null;
}

export interface BadgeSiteAdapter extends SiteAdapter {
  readonly overlay: 'badge';
  readonly site: string;
  /** Entries inside `root`, `root` itself included: what a subtree added later holds. */
  readonly entriesIn: (root: ParentNode) => Element[];
}

/** Elements matching `selector` in `root`, `root` first when it matches itself. */
export function within(root: ParentNode, selector: string): Element[] {
  const own = 'matches' in root && (root as Element).matches(selector) ? [root as Element] : [];
  return [...own, ...Array.from(root.querySelectorAll(selector))];
}

/** The arXiv id an element's links name: arXiv and mirror URLs, and arXiv DOIs (`10.48550/arXiv.*`). */
export function arxivIdOfLinks(links: readonly Element[], base: URL): ArxivId | undefined {
  for (const a of links) {
    const href = a.getAttribute('href');
    if (!href || href.startsWith('javascript:')) continue;
    let u: URL;
    try {
      u = new URL(href, base);
    } catch {
      continue;
    }
    const id = arxivIdFromUrl(u)?.id ?? parseDoi(u.href)?.arxivId;
    if (id) return id;
  }
  return undefined;
}

/** Whether a title has anything a title key keeps (letters or digits); cheaper than normalising it. */
export const hasTitleKey = (title: string) => /[\p{L}\p{N}]/u.test(title);

/**
 * A found paper with its canonical id. A title's id (`title:<hash>` of its normalised form) is worked out
 * only when asked: a 5,000-candidate page asks the background about every title, but mounts a handful.
 */
export function foundPaper(
  arxivId: ArxivId | undefined,
  title: string,
  rest: Omit<FoundPaper, 'id' | 'arxivId' | 'title'>,
): FoundPaper {
  if (arxivId) return { id: arxivId, arxivId, title, ...rest };
  let id: PaperId | undefined;
  return {
    get id() {
      id ??= titlePaperId(normaliseTitle(title));
      return id;
    },
    title,
    ...rest,
  };
}

/** Title text as a page shows it, without the labels some sites put inside the title element. */
const TITLE_NOISE = '.gs_ctu, .gs_ctg2, [aria-hidden="true"]';
export function titleText(el: Element): string {
  // Cloning to drop labels costs time on a 5,000-candidate page; most titles have none.
  return textOf(el, el.querySelector(TITLE_NOISE) ? TITLE_NOISE : undefined);
}

export function readEntry(spec: BadgeSiteSpec, entry: Element, url: URL): FoundPaper | undefined {
  const titleEl = titleElement(entry, spec.title);
  if (!titleEl) return undefined;
  const title = titleText(titleEl);
  const linkSel = spec.idLinks ?? 'a[href]';
  const links = [titleEl, entry].filter((e) => e.matches('a[href]'));
  links.push(...Array.from(entry.querySelectorAll(linkSel)).filter((a) => a.matches('a[href]')));
  const arxivId = (spec.idFromPage ? arxivIdFromUrl(url)?.id : undefined) ?? arxivIdOfLinks(links, url);
  if (!arxivId && (title.length < TITLE_CHARS.min || title.length > TITLE_CHARS.max)) return undefined;
  if (!arxivId && !hasTitleKey(title)) return undefined;
  const authors = spec.authors ? authorsIn(Array.from(entry.querySelectorAll(spec.authors))) : [];
  const panelAnchor = spec.panelAnchor?.(entry);
  const code = spec.code ? codeLinksOfEntry(entry, spec.code, url) : [];
  return foundPaper(arxivId, title, {
    authors,
    ...(code.length ? { code } : {}),
    url: arxivId ? absUrl(arxivId) : url.href,
    anchor: titleEl,
    ...(panelAnchor ? { panelAnchor } : {}),
  });
}

/** The code links an entry shows in the site's own field, resolved against the page URL. */
export function codeLinksOfEntry(entry: Element, spec: NonNullable<BadgeSiteSpec['code']>, base: URL): CodeLink[] {
  const out: CodeLink[] = [];
  for (const a of within(entry, spec.links)) {
    if (out.length >= MAX_CODE_LINKS) break;
    if (spec.exclude && a.closest(spec.exclude)) continue;
    const href = a.getAttribute('href');
    if (!href) continue;
    let u: URL;
    try {
      u = new URL(href, base);
    } catch {
      continue;
    }
    const url = codeUrlOfHref(u.href);
    if (url) out.push({ url, source: spec.source });
  }
  return unionCodeLinks(out);
}

function titleElement(entry: Element, title: string | readonly string[]): Element | null {
  for (const sel of typeof title === 'string' ? [title] : title) {
    if (entry.matches(sel)) return entry;
    const el = entry.querySelector(sel);
    if (el) return el;
  }
  return null;
}

/** Author names from elements: one per element, or a comma-separated list ("A Smith, B Jones - Venue, 2020"). */
function authorsIn(els: readonly Element[]): string[] {
  if (els.length !== 1) return els.map((e) => textOf(e)).filter(Boolean);
  const line = (textOf(els[0]).split(/\s[-–]\s/)[0] ?? '').replace(/…/g, '');
  return line
    .split(/,\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

export function badgeAdapter(spec: BadgeSiteSpec): BadgeSiteAdapter {
  const entriesIn = (root: ParentNode) => within(root, spec.entry);
  const read = (el: Element, url: URL) => readEntry(spec, el, url);
  return {
    id: spec.id,
    site: spec.site,
    overlay: 'badge',
    matches: spec.matches,
    examples: spec.examples,
    entries: entriesIn,
    entriesIn,
    readEntry: read,
    extract: (doc, url) => entriesIn(doc).flatMap((el) => read(el, url) ?? []),
  };
}

/** Host test for a site with an optional `www.`. */
export const hostIs = (url: URL, ...hosts: string[]) => hosts.includes(url.hostname.toLowerCase());
