/** Every site adapter, in one typed list. A test checks each against its own and every other's examples. */
import { arxivAbs } from './arxiv-abs';
import { arxivAuthor } from './arxiv-author';
import { arxivHtml } from './arxiv-html';
import { arxivListing } from './arxiv-listing';
import { arxivSearch } from './arxiv-search';
import type { SiteAdapter } from './types';

export const ADAPTERS: readonly SiteAdapter[] = [arxivAbs, arxivHtml, arxivListing, arxivSearch, arxivAuthor];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((a) => a.matches(url));
}
