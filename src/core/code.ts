/**
 * Code links of a paper, with where each came from. Pure.
 *
 * `Paper.codeUrls` stays the one list of a paper's code URLs (exports, merges and search read it, and
 * records written before sources were kept have only it). `Paper.codeLinks` adds the source of links a
 * page gave (Hugging Face's repository field, Papers with Code's implementations): those cannot be found
 * again in the record's own text. Links found in the abstract or the comments need no stored source: it
 * is read off the text, so older records explain their links too.
 */
import { codeUrlsIn } from '../corpus/code-urls';

/** Where a code link was found. */
export type CodeSource = 'abstract' | 'comments' | 'huggingface' | 'paperswithcode' | 'corpus';

export const CODE_SOURCES: readonly CodeSource[] = ['abstract', 'comments', 'huggingface', 'paperswithcode', 'corpus'];

/** How each source is named in the panel ("from …"). */
export const CODE_SOURCE_LABEL: Record<CodeSource, string> = {
  abstract: 'the abstract',
  comments: 'the arXiv comments',
  huggingface: 'Hugging Face (the paper’s repository)',
  paperswithcode: 'Papers with Code',
  corpus: 'the corpus record',
};

export interface CodeLink {
  readonly url: string;
  readonly source: CodeSource;
}

/** At most this many links are kept per paper or taken from a page entry (a hostile page may list thousands). */
export const MAX_CODE_LINKS = 20;

export const isCodeSource = (v: unknown): v is CodeSource => CODE_SOURCES.includes(v as CodeSource);

/** A URL as code links are compared: without `www.`, a trailing slash, `.git` or the letter case of the host. */
export function codeKey(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\/(www\.)?/i, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** The code URLs a page link names (repository hosts only; the same rule as for free text). */
export function codeUrlOfHref(href: string): string | undefined {
  return codeUrlsIn(href)[0];
}

/** Links found in a paper's own text: comments first (authors put "Code: …" there), then the abstract. */
export function codeLinksInText(fields: { readonly abstract?: string; readonly comments?: string }): CodeLink[] {
  return unionCodeLinks(
    codeUrlsIn(fields.comments).map((url) => ({ url, source: 'comments' as const })),
    codeUrlsIn(fields.abstract).map((url) => ({ url, source: 'abstract' as const })),
  );
}

/** Links in order of first appearance, one per URL (the first source named wins), at most MAX_CODE_LINKS. */
export function unionCodeLinks(...lists: readonly (readonly CodeLink[] | undefined)[]): CodeLink[] {
  const seen = new Set<string>();
  const out: CodeLink[] = [];
  for (const list of lists)
    for (const l of list ?? []) {
      const k = codeKey(l.url);
      if (k === '' || seen.has(k) || out.length >= MAX_CODE_LINKS) continue;
      seen.add(k);
      out.push(l);
    }
  return out;
}

interface CodeFields {
  readonly abstract?: string;
  readonly comments?: string;
  readonly codeUrls?: readonly string[];
  readonly codeLinks?: readonly CodeLink[];
}

/**
 * Every code link a record knows, each with its source: stored sources first, then each other URL of
 * `codeUrls` sourced from the text it appears in, else from "the corpus record" (a seed or an import that
 * gave the URL in a field of its own).
 */
export function codeLinksOf(p: CodeFields): CodeLink[] {
  const inText = new Map(codeLinksInText(p).map((l) => [codeKey(l.url), l.source] as const));
  const rest = (p.codeUrls ?? []).map((url) => ({ url, source: inText.get(codeKey(url)) ?? ('corpus' as const) }));
  return unionCodeLinks(p.codeLinks, rest, codeLinksInText(p));
}

/** Whether a record says it has code: a link, or a source's flag without one (seed 004's "Code"). */
export const hasCodeOf = (p: CodeFields & { readonly hasCode?: boolean }): boolean =>
  p.hasCode === true || codeLinksOf(p).length > 0;

/**
 * The code fields of a record holding `links`: every URL in `codeUrls`, and `codeLinks` for the links
 * whose source the record's text cannot tell again (page sources). Empty fields are left out.
 */
export function codeFields(links: readonly CodeLink[]): {
  codeUrls?: string[];
  codeLinks?: CodeLink[];
  hasCode?: true;
} {
  const all = unionCodeLinks(links);
  if (all.length === 0) return {};
  const paged = all.filter((l) => l.source === 'huggingface' || l.source === 'paperswithcode');
  return { codeUrls: all.map((l) => l.url), ...(paged.length ? { codeLinks: paged } : {}), hasCode: true };
}

/** Checks an unknown value is a list of code links (for records and messages). */
export function isCodeLinkList(v: unknown, max = Number.POSITIVE_INFINITY): v is CodeLink[] {
  return (
    Array.isArray(v) &&
    v.length <= max &&
    v.every(
      (l) =>
        typeof l === 'object' &&
        l !== null &&
        typeof (l as CodeLink).url === 'string' &&
        (l as CodeLink).url.length <= 2000 &&
        /^https?:\/\//i.test((l as CodeLink).url) &&
        isCodeSource((l as CodeLink).source),
    )
  );
}
