/** Messages of the popup and the library page: search and the reading list. */
import type { EntryPatch } from '../backup/entry';
import type { Backup, RestorePlan } from '../backup/format';
import type { Paper, PaperId } from '../core/paper';
import type { ReadingListEntry } from '../db/schema';
import type { PagePaper, RelatedPaper, TextSegment, TopicTag } from './types';

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

/** One corpus paper as a table row shows it. */
export interface PaperRow {
  readonly id: PaperId;
  readonly title: string;
  /** The first three authors. */
  readonly authors: readonly string[];
  readonly authorCount: number;
  readonly year?: number;
  readonly category?: string;
  readonly saved: boolean;
}

export type CorpusSort = 'title' | 'year' | 'first-author' | 'category';
export type ExportFormat = 'bibtex' | 'csl-json' | 'ris' | 'csv' | 'markdown';

export interface AuthorView {
  readonly key: string;
  readonly name: string;
  readonly nameForms: readonly string[];
  readonly papers: readonly PaperRow[];
  readonly coauthors: readonly { readonly key: string; readonly name: string; readonly count: number }[];
  readonly topics: readonly { readonly id: string; readonly label: string; readonly count: number }[];
  readonly years?: { readonly first: number; readonly last: number };
  readonly organisations: readonly string[];
  /**
   * Paperlens's novelty of the author's papers (at most `judged` of them, newest first): how many fall in
   * each fifth of the share (0–20 %, …, 80–100 %), how many had it withheld, and the median.
   */
  readonly novelty?: {
    readonly buckets: readonly number[];
    readonly withheld: number;
    readonly median?: number;
    readonly judged: number;
  };
  /** Paperlens's AI score: the share of the author's corpus papers in an AI or ML category, 0–1. */
  readonly aiScore?: number;
  /** Figures a source gave, always shown with that source. */
  readonly stats?: {
    readonly hIndex?: number;
    readonly citations?: number;
    readonly papers?: number;
    readonly source: string;
  };
}

export interface LibraryMessages {
  /** Ranked search over the corpus. */
  'search/query': {
    req: { query: string; limit?: number; filters?: SearchFilters };
    res: { hits: SearchHit[]; total: number };
  };
  /**
   * Save or unsave a paper; returns the new state. With `saved` (the state wanted) it is safe to repeat,
   * and the client retries it when the worker was stopped under it; without, it flips the state.
   */
  'readingList/toggle': { req: { paper: PagePaper; saved?: boolean }; res: { saved: boolean } };
  /** The whole reading list, newest first. */
  'readingList/list': { req: Record<string, never>; res: { entries: ReadingListEntry[] } };
  /** Save papers of the corpus by id (the popup's save key, the library's bulk save, the context menu). */
  'readingList/add': { req: { ids: PaperId[] }; res: { added: number } };
  /** Edit one entry: status, priority, tags, notes (validated; readAt set when it becomes read). */
  'readingList/update': { req: { id: PaperId; patch: EntryPatch }; res: { entry: ReadingListEntry } };
  /** The same edit on many entries (addTags/removeTags for bulk tagging). */
  'readingList/updateMany': { req: { ids: PaperId[]; patch: EntryPatch }; res: { updated: number } };
  'readingList/remove': { req: { ids: PaperId[] }; res: { removed: number } };
  /** A window of the whole corpus, filtered by a query and sorted, for the library's corpus table. */
  'library/corpus': {
    req: {
      query?: string;
      sort?: CorpusSort;
      descending?: boolean;
      offset: number;
      limit: number;
      saved?: boolean;
      /** Only papers with code links (or a source's code flag). */
      hasCode?: boolean;
    };
    res: { rows: PaperRow[]; total: number };
  };
  'library/author': { req: { key: string }; res: { author: AuthorView | null } };
  /** Papers with a topic (a taxonomy topic id or an arXiv category). */
  'library/topic': { req: { id: string }; res: { label: string; papers: PaperRow[] } };
  'library/paper': {
    req: { id: PaperId };
    res: { paper: Paper | null; entry: ReadingListEntry | null; related: RelatedPaper[]; topics: TopicTag[] };
  };
  /** The papers as a citation file; saved entries' notes and tags go with them. */
  'library/export': {
    req: { ids: PaperId[]; format: ExportFormat };
    res: { text: string; filename: string; mime: string };
  };
  'backup/export': { req: Record<string, never>; res: { backup: Backup } };
  /** Validates a backup and says what restoring it would do; restores only when `apply` is true. */
  'backup/import': {
    req: { backup: unknown; apply: boolean };
    res: { plan: RestorePlan; summary: string; applied: boolean };
  };
}

export const LIBRARY_TYPES = [
  'search/query',
  'readingList/toggle',
  'readingList/list',
  'readingList/add',
  'readingList/update',
  'readingList/updateMany',
  'readingList/remove',
  'library/corpus',
  'library/author',
  'library/topic',
  'library/paper',
  'library/export',
  'backup/export',
  'backup/import',
] as const satisfies readonly (keyof LibraryMessages)[];
