/**
 * The one IndexedDB schema of Paperlens, opened in the extension origin only (background and
 * extension pages). Content scripts never open it: they send typed messages to the background.
 *
 * Every schema change adds a step to `UPGRADES` and bumps `DB_VERSION`; each step has a test that
 * opens the previous version filled with data and checks nothing was lost (tests/unit/db.test.ts).
 */
import type { DBSchema } from 'idb';
import type { PaperId } from '../core/paper';
import type { IndexedPaper } from '../engine/index/commit';

export const DB_NAME = 'paperlens';
export const DB_VERSION = 2;

export type PaperSource = 'bundled' | 'imported' | 'learned';

/**
 * A Paper as stored: with its doc number and topics once indexed (src/engine/index/commit.ts). Records
 * written by version 1 also carry `sources`, `authorKeys` and `year` (for IndexedDB indexes that version
 * 2 replaced with the engine's own index); readers ignore them.
 */
export interface StoredPaper extends IndexedPaper {
  readonly sources?: readonly PaperSource[];
  readonly authorKeys?: readonly string[];
  readonly year?: number;
}

export type ReadingStatus = 'to-read' | 'reading' | 'read';

export interface ReadingListEntry {
  readonly paperId: PaperId;
  readonly status: ReadingStatus;
  /** 1 (high) to 3 (low). */
  readonly priority: 1 | 2 | 3;
  readonly tags: readonly string[];
  readonly notes: string;
  /** ISO timestamps. */
  readonly addedAt: string;
  readonly readAt?: string;
  readonly updatedAt: string;
  /** Title and first authors kept with the entry, so the list survives a corpus reset. */
  readonly title: string;
  readonly authors: readonly string[];
}

export interface ImportRecord {
  readonly id: string;
  readonly file: string;
  readonly format: string;
  readonly at: string;
  readonly read: number;
  readonly added: number;
  readonly merged: number;
  readonly rejected: number;
  /** 'done', or 'partial' while an import is under way or was interrupted. */
  readonly state: 'done' | 'partial';
}

export interface PaperlensDB extends DBSchema {
  /** Papers by id. No IndexedDB indexes: the `index` store answers by author, category, year, source. */
  papers: { key: string; value: StoredPaper };
  readingList: {
    key: string;
    value: ReadingListEntry;
    indexes: { 'by-status': string; 'by-added': string; 'by-tag': string };
  };
  imports: { key: string; value: ImportRecord };
  /** Small keyed values: corpus version, the reindexing cursor, counters. */
  meta: { key: string; value: unknown };
  /**
   * The search, title and author index (src/engine/index): the manifest under `manifest`, and immutable
   * segment records (`s<id>:…`). Written only in commits (src/db/corpus.ts), together with the papers.
   */
  index: { key: string; value: unknown };
}
