/** Messages of the options page: the corpus, imports and settings. */
import type { ImportRecord } from '../db/schema';

export interface CorpusStatus {
  readonly papers: number;
  readonly bundled: number;
  readonly learned: number;
  readonly imported: number;
  readonly corpusVersion: string | undefined;
  readonly saved: number;
}

export interface CategoryCount {
  readonly category: string;
  readonly papers: number;
}

export interface CorpusMessages {
  /** A summary of what the corpus holds. */
  'corpus/status': { req: Record<string, never>; res: CorpusStatus };
  /** Papers per arXiv category, most first (at most `limit`, default 30). */
  'corpus/categories': { req: { limit?: number }; res: { categories: CategoryCount[]; distinct: number } };
  /** Every import, newest first; 'partial' ones were interrupted (or are running in an options tab). */
  'corpus/imports': { req: Record<string, never>; res: { imports: ImportRecord[] } };
  /**
   * An extension page wrote papers (an import, an arXiv update): the background drops its in-memory
   * engine and rebuilds it from the database on next use.
   */
  'corpus/changed': { req: Record<string, never>; res: { revision: number } };
  /** Removes an import's papers (those only it brought) and its record. The reading list is untouched. */
  'corpus/removeImport': { req: { importId: string }; res: { removed: number; kept: number } };
  /** Reinstalls the bundled corpus as shipped. Imported and learned papers and the reading list stay. */
  'corpus/resetBundled': { req: Record<string, never>; res: { corpusVersion: string } };
  /** How many stored records cannot be read (damaged on disk, or written by a buggy build). */
  'corpus/integrity': { req: Record<string, never>; res: { papers: number; entries: number } };
  /** Removes damaged papers and rebuilds damaged reading-list entries from what is still valid in them. */
  'corpus/repair': {
    req: Record<string, never>;
    res: { removedPapers: number; repairedEntries: number; removedEntries: number };
  };
}

export const CORPUS_TYPES = [
  'corpus/status',
  'corpus/categories',
  'corpus/imports',
  'corpus/changed',
  'corpus/removeImport',
  'corpus/resetBundled',
  'corpus/integrity',
  'corpus/repair',
] as const satisfies readonly (keyof CorpusMessages)[];
