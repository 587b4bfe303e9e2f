/**
 * The one IndexedDB schema of Paperlens, opened in the extension origin only (background and
 * extension pages). Content scripts never open it: they send typed messages to the background.
 *
 * Every schema change adds a step to `UPGRADES` and bumps `DB_VERSION`; each step has a test that
 * opens the previous version filled with data and checks nothing was lost (tests/unit/db.test.ts).
 */
import type { DBSchema } from 'idb';
import type { Paper, PaperId } from '../core/paper';

export const DB_NAME = 'paperlens';
export const DB_VERSION = 1;

export type PaperSource = 'bundled' | 'imported' | 'learned';

/** A Paper as stored: with the derived fields the indexes need. */
export interface StoredPaper extends Paper {
  /** Which kinds of provenance the record has; indexed (multiEntry). */
  readonly sources: readonly PaperSource[];
  /** `authors[].key`, indexed (multiEntry) for author views. */
  readonly authorKeys: readonly string[];
  /** Year of `published`, or 0 when unknown; indexed for sorting and year filters. */
  readonly year: number;
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
  papers: {
    key: string;
    value: StoredPaper;
    indexes: { 'by-source': string; 'by-author': string; 'by-year': number; 'by-category': string };
  };
  readingList: {
    key: string;
    value: ReadingListEntry;
    indexes: { 'by-status': string; 'by-added': string; 'by-tag': string };
  };
  imports: { key: string; value: ImportRecord };
  /** Small keyed values: corpus version, serialised search index, counters. */
  meta: { key: string; value: unknown };
}
