/**
 * arXiv HTML renderings: `/html/<id>` (with or without version, trailing slash or section anchor), made by
 * LaTeXML: `article.ltx_document` with `h1.ltx_title_document`, `.ltx_authors .ltx_personname` (name
 * first, then affiliations and e-mails after `br`s and in `.ltx_note`s), and `.ltx_abstract` (with an
 * `h6.ltx_title_abstract` heading).
 */
import { absUrl, parseArxivId } from '../core/ids';
import { textOf } from './dom';
import type { FoundPaper, SiteAdapter } from './types';

const HTML_PATH = /^\/html\/(.+?)\/?$/;

function idFromUrl(url: URL) {
  const m = HTML_PATH.exec(url.pathname);
  return m?.[1] ? parseArxivId(decodeURIComponent(m[1])) : undefined;
}

/** The names in one `.ltx_personname`: the text before the first line break, split on commas and "and". */
function namesIn(person: Element): string[] {
  let head = '';
  for (const node of Array.from(person.childNodes)) {
    const el = node.nodeType === 1 ? (node as Element) : undefined;
    if (el?.tagName.toLowerCase() === 'br') break;
    if (el?.matches('.ltx_note, sup, .ltx_sup, .ltx_role_footnote')) continue;
    head += node.textContent ?? '';
  }
  return head
    .replace(/\s+/g, ' ')
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/)
    .map((n) => n.replace(/[*†‡§¶\d]+$/u, '').trim())
    .filter((n) => n.length > 1);
}

export const arxivHtml: SiteAdapter = {
  id: 'arxiv-html',
  overlay: 'panel',
  matches: (url) => url.hostname === 'arxiv.org' && idFromUrl(url) !== undefined,
  examples: {
    match: [
      'https://arxiv.org/html/2210.16859',
      'https://arxiv.org/html/2210.16859v1',
      'https://arxiv.org/html/2210.16859v1/',
      'https://arxiv.org/html/2501.09876v2#S3',
    ],
    noMatch: ['https://arxiv.org/html/', 'https://arxiv.org/abs/2210.16859'],
  },
  extract(doc, url) {
    const parsed = idFromUrl(url);
    const article = doc.querySelector('article.ltx_document') ?? doc;
    const titleEl = article.querySelector('h1.ltx_title_document');
    const title = textOf(titleEl, '.ltx_note, .ltx_tag');
    if (!parsed || !title || !titleEl) return [];
    const authors = Array.from(article.querySelectorAll('.ltx_authors .ltx_personname')).flatMap(namesIn);
    const abstractEl = article.querySelector('.ltx_abstract');
    const abstract = textOf(abstractEl, '.ltx_title_abstract, h6');
    const found: FoundPaper = {
      id: parsed.id,
      arxivId: parsed.id,
      title,
      authors: [...new Set(authors)],
      url: absUrl(parsed.id),
      ...(abstract ? { abstract } : {}),
      anchor: abstractEl ?? titleEl,
    };
    return [found];
  },
};
