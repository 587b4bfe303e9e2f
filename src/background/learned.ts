/** Turning what a page shows into a learned Paper record. Pure. */
import { authorKey } from '../core/authors';
import { codeFields, codeLinksInText, unionCodeLinks } from '../core/code';
import type { Paper } from '../core/paper';
import type { PagePaper } from '../messaging/protocol';

export function learnedPaper(page: PagePaper, at: Date, url = page.url): Paper {
  const arxiv = !page.id.startsWith('title:');
  // The page's own links (a repository field) with their site; links in its text need no stored source.
  const code = codeFields(unionCodeLinks(codeLinksInText(page), page.code));
  return {
    id: page.id,
    ...(arxiv ? { arxivId: page.id as Paper['arxivId'] & string } : {}),
    title: page.title,
    authors: page.authors.map((name) => ({ name, key: authorKey(name) })),
    ...(page.abstract ? { abstract: page.abstract } : {}),
    ...(page.published ? { published: page.published } : {}),
    ...(page.categories?.length
      ? { primaryCategory: page.categories[0] as string, categories: [...page.categories] }
      : {}),
    ...(page.comments ? { comments: page.comments } : {}),
    ...(page.doi ? { doi: page.doi } : {}),
    ...(page.journalRef ? { journalRef: page.journalRef } : {}),
    ...code,
    provenance: [{ kind: 'learned', url, at: at.toISOString() }],
  } as Paper;
}
