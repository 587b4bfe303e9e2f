/** Every site adapter, in one typed list. A test checks each against its own and every other's examples. */

import { alphaxivFeed, alphaxivPaper } from './alphaxiv';
import { arxivAbs } from './arxiv-abs';
import { arxivAuthor } from './arxiv-author';
import { arxivHtml } from './arxiv-html';
import { arxivListing } from './arxiv-listing';
import { arxivSearch } from './arxiv-search';
import type { BadgeSiteAdapter } from './badge-adapter';
import { catalyzexAuthor, catalyzexPaper } from './catalyzex';
import { dblp } from './dblp';
import { huggingfaceList, huggingfacePaper } from './huggingface';
import { openreviewForum, openreviewVenue } from './openreview';
import { paperswithcodeList, paperswithcodePaper } from './paperswithcode';
import { scholarProfile, scholarResults } from './scholar';
import { semanticScholarList, semanticScholarPaper } from './semantic-scholar';
import type { SiteAdapter } from './types';

/** Sites beyond arXiv: badges beside the corpus papers a page names (src/overlay/badges.ts). */
export const BADGE_ADAPTERS: readonly BadgeSiteAdapter[] = [
  scholarResults,
  scholarProfile,
  semanticScholarPaper,
  semanticScholarList,
  openreviewForum,
  openreviewVenue,
  huggingfacePaper,
  huggingfaceList,
  alphaxivPaper,
  alphaxivFeed,
  paperswithcodePaper,
  paperswithcodeList,
  dblp,
  catalyzexPaper,
  catalyzexAuthor,
];

export const ADAPTERS: readonly SiteAdapter[] = [
  arxivAbs,
  arxivHtml,
  arxivListing,
  arxivSearch,
  arxivAuthor,
  ...BADGE_ADAPTERS,
];

export function badgeAdapterFor(url: URL): BadgeSiteAdapter | undefined {
  return BADGE_ADAPTERS.find((a) => a.matches(url));
}

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((a) => a.matches(url));
}
