/**
 * From what a file says to a validated Paper: the one place importers clean text and build ids. Pure.
 *
 * Titles and names go through `texToText` (accents, math, formatting commands) and lose hard line wraps;
 * abstracts only lose the wraps, since their TeX is meaningful to readers and to search alike.
 */
import { authorKey } from '../../core/authors';
import { parseArxivId, titlePaperId } from '../../core/ids';
import { err, type Listing, type Paper, type Provenance, type Result, validatePaper } from '../../core/paper';
import { collapseWhitespace, texToText } from '../../core/tex';
import { normaliseTitle } from '../../engine/normalize';

/** What an importer read, loosely typed: every field optional, ids and dates still raw. */
export interface PaperDraft {
  /** An arXiv id in any form: `2210.16859v2`, `arXiv:2210.16859`, `http://arxiv.org/abs/2210.16859v1`. */
  arxivId?: string | undefined;
  title?: string | undefined;
  authors?: readonly string[] | undefined;
  authorsTruncated?: boolean | undefined;
  abstract?: string | undefined;
  /** Any date text whose first 10 characters are YYYY-MM-DD, or an RFC 2822 date. */
  published?: string | undefined;
  updated?: string | undefined;
  primaryCategory?: string | undefined;
  categories?: readonly string[] | undefined;
  doi?: string | undefined;
  journalRef?: string | undefined;
  comments?: string | undefined;
  codeUrls?: readonly string[] | undefined;
  organisations?: readonly string[] | undefined;
  listing?: Listing | undefined;
}

/** Finds the arXiv id in an id, an abs/pdf URL, or an OAI identifier. */
export function arxivIdIn(raw: string): string | undefined {
  const s = raw
    .trim()
    .replace(/^oai:arXiv\.org:/i, '')
    .replace(/^https?:\/\/(?:export\.|www\.)?arxiv\.org\/(?:abs|pdf)\//i, '')
    .replace(/\.pdf$/, '');
  return parseArxivId(s)?.id;
}

/** ISO date from `2016-05-26T17:59:46Z`, `2011-01-31`, or `Mon, 2 Apr 2007 19:18:42 GMT`. */
export function isoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s.slice(0, 10);
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

const clean = (s: string | undefined): string | undefined => {
  const t = s === undefined ? '' : texToText(s);
  return t === '' ? undefined : t;
};

export function makePaper(draft: PaperDraft, provenance: Provenance): Result<Paper> {
  const title = clean(draft.title);
  if (!title) return err('no title');
  let arxivId: string | undefined;
  if (draft.arxivId !== undefined) {
    arxivId = arxivIdIn(draft.arxivId);
    if (!arxivId) return err(`not an arXiv id: ${JSON.stringify(draft.arxivId)}`);
  }
  const authors = (draft.authors ?? []).flatMap((a) => {
    const name = clean(a);
    // A stray separator such as ":" between a collaboration and its members is not a person.
    return name && /\p{L}/u.test(name) ? [{ name, key: authorKey(name) }] : [];
  });
  const abstract = draft.abstract === undefined ? '' : collapseWhitespace(draft.abstract);
  const published = isoDate(draft.published);
  const updated = isoDate(draft.updated);
  const categories = [...new Set(draft.categories ?? [])].filter(Boolean);
  const id = arxivId ?? titlePaperId(normaliseTitle(title));
  const paper = {
    id,
    ...(arxivId ? { arxivId } : {}),
    title,
    authors,
    ...(draft.authorsTruncated ? { authorsTruncated: true } : {}),
    ...(abstract ? { abstract } : {}),
    ...(published ? { published } : {}),
    ...(updated && updated !== published ? { updated } : {}),
    ...(draft.primaryCategory ? { primaryCategory: draft.primaryCategory } : {}),
    ...(categories.length ? { categories } : {}),
    ...(draft.codeUrls?.length ? { codeUrls: [...draft.codeUrls], hasCode: true } : {}),
    ...(draft.organisations?.length ? { organisations: [...new Set(draft.organisations)] } : {}),
    ...(draft.doi?.trim() ? { doi: draft.doi.trim() } : {}),
    ...(draft.journalRef?.trim() ? { journalRef: collapseWhitespace(draft.journalRef) } : {}),
    ...(draft.comments?.trim() ? { comments: collapseWhitespace(draft.comments) } : {}),
    ...(draft.listing ? { listings: [draft.listing] } : {}),
    provenance: [provenance],
  };
  return validatePaper(paper);
}
