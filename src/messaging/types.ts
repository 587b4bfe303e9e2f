/** Value types carried by messages, shared by every domain. */
import type { CodeLink } from '../core/code';
import type { PaperId } from '../core/paper';

/**
 * The most a page paper may carry: the background refuses more (handlers/deps.ts), and content scripts
 * clip what a page shows to these (overlay/page-paper.ts), so a giant title or abstract still gets a panel.
 */
export const PAGE_PAPER_LIMITS = {
  title: 2000,
  authors: 5000,
  author: 500,
  url: 4000,
  abstract: 20_000,
  comments: 5000,
  doi: 300,
  journalRef: 1000,
  category: 40,
} as const;

/** A paper as a page shows it: what a content script can read without the corpus. */
export interface PagePaper {
  readonly id: PaperId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly abstract?: string;
  readonly url: string;
  /** What else the page says, when it says it (abs pages and listings): kept when the paper is learned. */
  readonly categories?: readonly string[];
  readonly published?: string;
  readonly comments?: string;
  readonly doi?: string;
  readonly journalRef?: string;
  /** Code links the page gives beside the paper (a repository field, an implementations list), with their site. */
  readonly code?: readonly CodeLink[];
}

/** A highlighted run of text: plain text plus whether it matched. Never HTML. */
export interface TextSegment {
  readonly text: string;
  readonly match: boolean;
}

export interface TopicTag {
  readonly kind: 'topic' | 'category' | 'keyphrase';
  readonly id: string;
  readonly label: string;
  /** Why the tag was given, shown on hover. */
  readonly why: string;
}

export interface RelatedPaper {
  readonly id: PaperId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly year?: number;
  readonly score: number;
  readonly reason: string;
  readonly url: string;
  readonly saved: boolean;
}

export interface AuthorInfo {
  /** As the page wrote it. */
  readonly name: string;
  readonly key: string;
  /** Corpus papers by this author (any name form). */
  readonly corpusPapers: number;
  readonly topCoauthors: readonly { readonly name: string; readonly count: number }[];
  /** Figures a source gave (e.g. the seed author profile page), with that source; absent otherwise. */
  readonly stats?: {
    readonly hIndex?: number;
    readonly citations?: number;
    readonly papers?: number;
    readonly source: string;
  };
}
