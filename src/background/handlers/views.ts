/**
 * Views several answers share, so a related paper or an author's figures look the same in the page
 * panel and in the library: one mapper each.
 */
import { paperUrl } from '../../core/ids';
import type { AuthorStats, Paper } from '../../core/paper';
import type { RelatedItem } from '../../engine/related';
import type { RelatedPaper } from '../../messaging/protocol';

/** Lists show a related paper's first authors only (a collaboration paper may list thousands). */
const RELATED_AUTHORS = 10;

export const yearOf = (p: Paper): number | undefined => Number((p.published ?? '').slice(0, 4)) || undefined;

/** A related paper as the panel and the library list it: the corpus record, the reason, the saved state. */
export function relatedView(r: RelatedItem, p: Paper, saved: boolean): RelatedPaper {
  const year = yearOf(p);
  return {
    id: r.id,
    title: p.title,
    authors: p.authors.slice(0, RELATED_AUTHORS).map((a) => a.name),
    ...(year ? { year } : {}),
    score: r.score,
    reason: r.reason,
    url: paperUrl(r.id),
    saved,
  };
}

/** An author's figures as a source gave them, always with that source; only the figures it gave. */
export function statsView(stats: AuthorStats): {
  hIndex?: number;
  citations?: number;
  papers?: number;
  source: string;
} {
  return {
    ...(stats.hIndex !== undefined ? { hIndex: stats.hIndex } : {}),
    ...(stats.citations !== undefined ? { citations: stats.citations } : {}),
    ...(stats.papers !== undefined ? { papers: stats.papers } : {}),
    source: stats.source,
  };
}
