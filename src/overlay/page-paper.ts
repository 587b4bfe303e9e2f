/** Turning found papers into what crosses the wire. */
import { MAX_CODE_LINKS } from '../core/code';
import type { PagePaper } from '../messaging/protocol';
import { PAGE_PAPER_LIMITS as L } from '../messaging/types';
import type { FoundPaper } from '../sites/types';

/**
 * What a content script sends about a found paper: everything the page showed, nothing of the DOM, each
 * field clipped to what the background accepts (a hostile or broken page may show megabytes).
 */
export function toPagePaper(found: FoundPaper): PagePaper {
  const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
  const categories = found.categories?.filter((c) => c.length <= L.category).slice(0, 100) ?? [];
  return {
    id: found.id,
    title: clip(found.title, L.title),
    authors: found.authors.slice(0, L.authors).map((a) => clip(a, L.author)),
    url: clip(found.url, L.url),
    ...(found.abstract ? { abstract: clip(found.abstract, L.abstract) } : {}),
    ...(categories.length ? { categories } : {}),
    ...(found.comments ? { comments: clip(found.comments, L.comments) } : {}),
    ...(found.doi && found.doi.length <= L.doi ? { doi: found.doi } : {}),
    ...(found.journalRef ? { journalRef: clip(found.journalRef, L.journalRef) } : {}),
    ...(found.published ? { published: found.published } : {}),
    ...(found.code?.length ? { code: found.code.filter((l) => l.url.length <= 2000).slice(0, MAX_CODE_LINKS) } : {}),
  };
}
