/** Turning found papers into what crosses the wire, and telling the background what a page showed. */
import { send } from '../messaging/client';
import type { PagePaper } from '../messaging/protocol';
import type { FoundPaper } from '../sites/types';

/** What a content script sends about a found paper: everything the page showed, nothing of the DOM. */
export function toPagePaper(found: FoundPaper): PagePaper {
  return {
    id: found.id,
    title: found.title,
    authors: [...found.authors],
    url: found.url,
    ...(found.abstract ? { abstract: found.abstract } : {}),
    ...(found.categories?.length ? { categories: [...found.categories] } : {}),
    ...(found.comments ? { comments: found.comments } : {}),
    ...(found.doi ? { doi: found.doi } : {}),
    ...(found.journalRef ? { journalRef: found.journalRef } : {}),
    ...(found.published ? { published: found.published } : {}),
  };
}

/** Stores papers seen on a page as learned papers (the background honours the learnFromPages setting). */
export function learn(papers: readonly PagePaper[], url: URL): void {
  if (papers.length === 0) return;
  send('papers/learn', { papers: [...papers], url: url.href }).catch(() => {
    // Learning is best effort: a page must never break because the corpus could not grow.
  });
}
