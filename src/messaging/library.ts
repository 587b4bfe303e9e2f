/** Messages of the popup and the library page: search and the reading list. */
import type { PaperId } from '../core/paper';
import type { ReadingListEntry } from '../db/schema';
import type { PagePaper, TextSegment } from './types';

/** One search result, ready to show: plain text plus highlight segments (never HTML). */
export interface SearchHit {
  readonly id: PaperId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly year?: number;
  readonly score: number;
  readonly saved: boolean;
  readonly highlights?: {
    readonly title: readonly TextSegment[];
    readonly authors: readonly TextSegment[];
    readonly abstract?: readonly TextSegment[];
  };
}

export interface SearchFilters {
  readonly yearFrom?: number;
  readonly yearTo?: number;
  readonly categories?: string[];
  readonly authors?: string[];
  /** Only saved papers (true) or only unsaved ones (false). */
  readonly saved?: boolean;
}

export interface LibraryMessages {
  /** Ranked search over the corpus. */
  'search/query': {
    req: { query: string; limit?: number; filters?: SearchFilters };
    res: { hits: SearchHit[]; total: number };
  };
  /** Save or unsave a paper; returns the new state. */
  'readingList/toggle': { req: { paper: PagePaper }; res: { saved: boolean } };
  /** The whole reading list, newest first. */
  'readingList/list': { req: Record<string, never>; res: { entries: ReadingListEntry[] } };
}

export const LIBRARY_TYPES = [
  'search/query',
  'readingList/toggle',
  'readingList/list',
] as const satisfies readonly (keyof LibraryMessages)[];
