/**
 * What every importer reports, and the items it yields. Pure.
 *
 * An importer reads a file and yields validated papers and rejections, in file order, never throwing on
 * bad input. Whether a paper was `added` or `merged` is only known when it is written, so those counts
 * are filled in by the database side (src/db/imports.ts), and stay 0 in a report made without a database.
 */
import type { Paper, Provenance, Result } from '../../core/paper';

export const IMPORT_FORMATS = [
  'arxiv-atom',
  'arxiv-rss',
  'oai-pmh',
  'arxiv-snapshot',
  'bibtex',
  'arxiv-jsonl',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface Rejection {
  /** Where in the file: "line 12", "entry 3 (smith2020)", "record 5 (oai:arXiv.org:1102.0026)". */
  readonly where: string;
  readonly reason: string;
}

export type ImportItem =
  | { readonly kind: 'paper'; readonly paper: Paper; readonly where: string }
  | { readonly kind: 'rejected'; readonly rejection: Rejection }
  /** OAI-PMH: the list continues; ask again with this token. Empty token = the list is complete. */
  | {
      readonly kind: 'resumption';
      readonly token: string;
      readonly completeListSize?: number;
      readonly cursor?: number;
    }
  /**
   * The file could not be read past this point (malformed XML, an API error feed). Nothing after it is
   * used. `code` is the protocol's error code when the file is an error answer (OAI-PMH `badArgument`).
   */
  | { readonly kind: 'fatal'; readonly error: string; readonly where?: string; readonly code?: string };

export interface ImportReport {
  readonly file: string;
  readonly format: ImportFormat;
  /** Records seen: papers + rejections. */
  read: number;
  added: number;
  merged: number;
  rejected: number;
  readonly rejections: Rejection[];
  /** Why reading stopped early, if it did. */
  error?: string;
  /** OAI-PMH resumption token, when the server has more. */
  resumptionToken?: string;
}

export function emptyReport(file: string, format: ImportFormat): ImportReport {
  return { file, format, read: 0, added: 0, merged: 0, rejected: 0, rejections: [] };
}

/** Updates a report with one item (everything except added/merged). */
export function countItem(report: ImportReport, item: ImportItem): void {
  switch (item.kind) {
    case 'paper':
      report.read++;
      break;
    case 'rejected':
      report.read++;
      report.rejected++;
      report.rejections.push(item.rejection);
      break;
    case 'resumption':
      if (item.token) report.resumptionToken = item.token;
      break;
    case 'fatal':
      report.error = item.where ? `${item.where}: ${item.error}` : item.error;
      break;
  }
}

/** Reads an importer's items without a database: the papers and a report (added/merged stay 0). */
export async function collect(
  items: AsyncIterable<ImportItem>,
  file: string,
  format: ImportFormat,
): Promise<{ papers: Paper[]; report: ImportReport }> {
  const report = emptyReport(file, format);
  const papers: Paper[] = [];
  for await (const item of items) {
    countItem(report, item);
    if (item.kind === 'paper') papers.push(item.paper);
  }
  return { papers, report };
}

export interface ImportOptions {
  /** The file's name as the user chose it; recorded in provenance. */
  readonly file: string;
  /** Ties every paper of one import together, so the import can be removed or resumed. */
  readonly importId: string;
  /** ISO timestamp of the import. */
  readonly at: string;
  /**
   * Keep only papers in these categories: exact codes (`cs.LG`) or whole archives (`cs`, `hep-th`).
   * Used by the snapshot importer, whose file holds all of arXiv; the others ignore it.
   */
  readonly categories?: readonly string[];
}

export function importedProvenance(o: ImportOptions): Provenance {
  return { kind: 'imported', importId: o.importId, file: o.file, at: o.at };
}

/** Turns a draft into the item to yield: a paper, or a rejection naming where and why. */
export function itemFor(result: Result<Paper>, where: string): ImportItem {
  return result.ok
    ? { kind: 'paper', paper: result.value, where }
    : { kind: 'rejected', rejection: { where, reason: result.error } };
}
