/**
 * Site adapters: one file per site (or arXiv page type), each declaring where it runs, example URLs
 * and how it finds papers on a page. Adapters read the DOM they are handed (`doc: ParentNode`) and
 * touch no browser global, so they run against linkedom in Node tests.
 */
import type { CodeLink } from '../core/code';
import type { ArxivId, PaperId } from '../core/paper';

/** A paper as found on a page, with the element the overlay attaches to. */
export interface FoundPaper {
  readonly id: PaperId;
  readonly arxivId?: ArxivId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly abstract?: string;
  /** Where the paper's own page is, when known. */
  readonly url: string;
  /** What else the page shows about the paper, when it shows it (abs pages, listings with abstracts). */
  readonly categories?: readonly string[];
  readonly comments?: string;
  readonly doi?: string;
  readonly journalRef?: string;
  /** Code links the page shows beside the paper, with the site that gave them. */
  readonly code?: readonly CodeLink[];
  /** First submission date, `YYYY-MM-DD`. */
  readonly published?: string;
  /** The element to place the panel, chip or badge after. */
  readonly anchor: Element;
  /** Where a chip's expanded panel goes (after this element), when it is not `anchor`. */
  readonly panelAnchor?: Element;
}

export type OverlayKind = 'panel' | 'chip' | 'badge';

export interface SiteAdapter {
  /** Stable id, e.g. `arxiv-abs`. */
  readonly id: string;
  /** What the overlay shows on this page type. */
  readonly overlay: OverlayKind;
  /** Does this adapter handle the URL? Pure. */
  readonly matches: (url: URL) => boolean;
  /** URLs it must match, and look-alikes it must not; checked by one test against every adapter. */
  readonly examples: { readonly match: readonly string[]; readonly noMatch?: readonly string[] };
  readonly extract: (doc: ParentNode, url: URL) => FoundPaper[];
  /**
   * For pages with many entries (listings): the entry elements, cheap to find, and how to read one.
   * The overlay then reads entries batch by batch instead of all in one long task. `extract` must
   * answer the same papers as reading every entry.
   */
  readonly entries?: (doc: ParentNode) => Element[];
  readonly readEntry?: (entry: Element, url: URL) => FoundPaper | undefined;
}
