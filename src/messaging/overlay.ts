/** Messages of the page overlays (content scripts → background). */
import type { Paper, PaperId } from '../core/paper';
import type { AuthorInfo, PagePaper, RelatedPaper, TopicTag } from './types';

export interface PanelData {
  readonly inCorpus: boolean;
  readonly saved: boolean;
  /** The corpus record, when the paper is in the corpus. */
  readonly paper: Paper | null;
  readonly authors: readonly AuthorInfo[];
  readonly related: readonly RelatedPaper[];
  readonly topics: readonly TopicTag[];
  readonly codeUrls: readonly string[];
  readonly bibtex: string;
}

/** Related counts above this show as "99+". */
export const RELATED_COUNT_CAP = 99;

export interface ChipData {
  readonly inCorpus: boolean;
  readonly saved: boolean;
  /** The top two or three tags. */
  readonly topics: readonly TopicTag[];
  /**
   * How many corpus papers are related (share at least two of its distinctive words, or an author; see
   * `RelatedModel.relatedCounts`), at most `RELATED_COUNT_CAP + 1`; absent when not asked for (`counts: false`).
   */
  readonly relatedCount?: number;
}

export interface OverlayMessages {
  /** Which of these ids are in the corpus, and which are saved. */
  'papers/lookup': { req: { ids: PaperId[] }; res: { inCorpus: PaperId[]; saved: PaperId[] } };
  /** One corpus record. */
  'papers/get': { req: { id: PaperId }; res: { paper: Paper | null } };
  /** Everything a full panel shows, for a paper in the corpus or only on the page. */
  'panel/data': { req: { paper: PagePaper }; res: PanelData };
  /**
   * What each listing chip shows, for many entries at once. `counts: false` leaves out the related counts
   * (the cheap part first: a listing shows state and topics at once, counts after).
   */
  'chips/data': { req: { papers: PagePaper[]; counts?: boolean }; res: { chips: Record<string, ChipData> } };
  /** Papers seen on a page, stored as learned papers unless the user turned learning off. */
  'papers/learn': {
    req: { papers: PagePaper[]; url: string };
    res: { added: number; merged: number; skipped: boolean };
  };
  /**
   * Opens the library page at a view (`author=<key>`, `topic=<id>`, `paper=<id>`) in a new tab: pages
   * may not navigate to extension pages themselves.
   */
  'library/open': { req: { view: string }; res: { opened: boolean } };
  /** Candidate title strings from a page; answers the ones that are corpus papers. */
  'titles/scan': {
    req: { candidates: string[] };
    res: { matches: { index: number; id: PaperId; confidence: number; kind: 'exact' | 'fuzzy' }[] };
  };
}

export const OVERLAY_TYPES = [
  'papers/lookup',
  'papers/get',
  'panel/data',
  'chips/data',
  'papers/learn',
  'titles/scan',
  'library/open',
] as const satisfies readonly (keyof OverlayMessages)[];
