/** Messages of the page overlays (content scripts → background). */
import type { CodeLink } from '../core/code';
import type { Paper, PaperId } from '../core/paper';
import type { NoveltyView } from './novelty';
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
  /** The same links with where each came from (the corpus record, the page), in that order. */
  readonly codeLinks: readonly CodeLink[];
  /** The paper's novelty against earlier corpus papers, or why it is withheld. */
  readonly novelty: NoveltyView;
  readonly bibtex: string;
}

/** Related counts above this show as "99+". */
export const RELATED_COUNT_CAP = 99;

/**
 * What a panel is about: a corpus paper by its id (the background has everything about it), or a paper
 * only as a page shows it. With `learnFrom` (the page's URL) the background learns the page paper once it
 * has answered, so "in your corpus" means known before this visit.
 */
export type PanelRequest =
  | {
      readonly id: PaperId;
      /** Code links the page shows for it (a badge's entry): listed even before the corpus has learned them. */
      readonly code?: readonly CodeLink[];
    }
  | { readonly paper: PagePaper; readonly learnFrom?: string };

export interface ChipData {
  readonly inCorpus: boolean;
  readonly saved: boolean;
  /** The top two or three tags. */
  readonly topics: readonly TopicTag[];
  /** How many code links the corpus and the page know for the paper; absent when none. */
  readonly code?: number;
}

/** One entry of a page, as `badges/recognise` answers it: the paper it names and what the corpus says. */
export interface RecognisedPaper {
  /** The entry's index in the request. */
  readonly index: number;
  readonly id: PaperId;
  readonly inCorpus: boolean;
  readonly saved: boolean;
  /** The corpus record's title and (first ten) authors; absent when the corpus does not have the paper. */
  readonly title?: string;
  readonly authors?: readonly string[];
  /** How many code links the corpus record and the entry itself give; absent when none. */
  readonly code?: number;
}

/** An entry to recognise: the arXiv id its links name, else its title (matched at the badge threshold). */
export interface RecogniseEntry {
  readonly id?: PaperId;
  readonly title?: string;
  /** Code links the entry shows (e.g. Hugging Face's repository link): counted, and learned with `learnFrom`. */
  readonly code?: readonly CodeLink[];
}

export interface OverlayMessages {
  /** Everything a full panel shows, for a corpus paper (by id) or a paper only on the page. */
  'panel/data': { req: PanelRequest; res: PanelData };
  /**
   * What each listing chip shows at once (saved, in corpus, topics), for many entries; with `learnFrom`
   * the background learns them afterwards. `counts` is a ticket for `chips/counts`: related counts take
   * longer, so they come in a second answer, and the entries are not sent again.
   */
  'chips/data': {
    req: { papers: PagePaper[]; learnFrom?: string };
    res: { chips: Record<string, ChipData>; counts: string };
  };
  /**
   * How many corpus papers are related to each entry of a `chips/data` answer (share at least two of its
   * distinctive words, or an author; see `RelatedModel.relatedCounts`), at most `RELATED_COUNT_CAP + 1`.
   * Null when the background no longer holds that ticket (it was restarted since).
   */
  'chips/counts': { req: { ticket: string }; res: { counts: Record<string, number> | null } };
  /**
   * Which papers a page's entries name (arXiv ids as given, titles through the title index at the badge
   * threshold), and whether each is in the corpus and saved: one answer for a whole page of badges (and
   * the popup's papers on this tab).
   */
  'badges/recognise': { req: { entries: RecogniseEntry[]; learnFrom?: string }; res: { papers: RecognisedPaper[] } };
  /**
   * Opens the library page at a view (`author=<key>`, `topic=<id>`, `paper=<id>`) in a new tab: pages
   * may not navigate to extension pages themselves.
   */
  'library/open': { req: { view: string }; res: { opened: boolean } };
}

export const OVERLAY_TYPES = [
  'panel/data',
  'chips/data',
  'chips/counts',
  'badges/recognise',
  'library/open',
] as const satisfies readonly (keyof OverlayMessages)[];
