/**
 * Writing imported, learned and re-imported papers into IndexedDB. The pure importers
 * (src/corpus/importers) yield validated papers; this module decides added vs merged and keeps the
 * corpus consistent:
 *
 * - Papers are written in batches (500 by default), one transaction each, together with the running
 *   ImportRecord. A batch is all or nothing, so an interrupted import leaves whole papers and a record
 *   in state 'partial' whose counts match what was written. Running the same import again (same
 *   `importId`) resumes it: merging is idempotent. `removeImport` undoes it.
 * - The reading list is a separate store and is never opened here.
 * - idb's rule: nothing but this transaction's own requests is awaited while it is open.
 */

import type { AbstractVersion, Paper, Provenance } from '../core/paper';
import type { ImportFormat, ImportItem, ImportReport } from '../corpus/importers/report';
import { countItem, emptyReport } from '../corpus/importers/report';
import type { Database } from './database';
import { fromStored, toStored } from './papers';
import type { ImportRecord } from './schema';

export interface ImportMeta {
  readonly importId: string;
  readonly file: string;
  readonly format: ImportFormat;
  /** ISO timestamp; defaults to now. */
  readonly at?: string;
  /** Papers per transaction. 500 keeps a transaction short (tens of ms) while amortising its cost. */
  readonly batchSize?: number;
}

type Source = Iterable<Paper | ImportItem> | AsyncIterable<Paper | ImportItem>;

const isItem = (x: Paper | ImportItem): x is ImportItem => 'kind' in x;

/** Imports papers (or an importer's items) into the database; returns the full report. */
export async function importPapers(db: Database, source: Source, meta: ImportMeta): Promise<ImportReport> {
  const report = emptyReport(meta.file, meta.format);
  const at = meta.at ?? new Date().toISOString();
  const size = Math.max(1, meta.batchSize ?? 500);
  const record = (state: ImportRecord['state']): ImportRecord => ({
    id: meta.importId,
    file: meta.file,
    format: meta.format,
    at,
    read: report.read,
    added: report.added,
    merged: report.merged,
    rejected: report.rejected,
    state,
  });
  await db.put('imports', record('partial'));
  let batch: Paper[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const { added, merged } = await writeBatch(db, batch, mergeImported, () => record('partial'), report);
    report.added += added;
    report.merged += merged;
    batch = [];
  };
  for await (const x of source as AsyncIterable<Paper | ImportItem>) {
    const item: ImportItem = isItem(x) ? x : { kind: 'paper', paper: x, where: `paper ${report.read + 1}` };
    countItem(report, item);
    if (item.kind === 'paper') batch.push(item.paper);
    if (batch.length >= size) await flush();
  }
  await flush();
  // A fatal error leaves the import 'partial': what was written stays and can be removed.
  await db.put('imports', record(report.error ? 'partial' : 'done'));
  return report;
}

/** One transaction: read the existing records, merge, write, and update the import record. */
async function writeBatch(
  db: Database,
  papers: readonly Paper[],
  merge: (existing: Paper, incoming: Paper) => Paper,
  /** The running import's record, written in the same transaction; none for learned papers. */
  progress: (() => ImportRecord) | undefined,
  report: { added: number; merged: number },
): Promise<{ added: number; merged: number }> {
  const tx = db.transaction(['papers', 'imports'], 'readwrite');
  const store = tx.objectStore('papers');
  const ids = [...new Set(papers.map((p) => p.id))];
  const found = await Promise.all(ids.map((id) => store.get(id)));
  const current = new Map<string, Paper>();
  ids.forEach((id, i) => {
    const s = found[i];
    if (s) current.set(id, fromStored(s));
  });
  let added = 0;
  let merged = 0;
  const seen = new Set<string>();
  for (const p of papers) {
    const old = current.get(p.id);
    if (old) merged++;
    else if (seen.has(p.id)) merged++;
    else added++;
    seen.add(p.id);
    current.set(p.id, old ? merge(old, p) : p);
  }
  const writes: Promise<unknown>[] = [...current.entries()]
    .filter(([id]) => seen.has(id))
    .map(([, p]) => store.put(toStored(p)));
  const rec = progress?.();
  if (rec)
    writes.push(tx.objectStore('imports').put({ ...rec, added: report.added + added, merged: report.merged + merged }));
  await Promise.all([...writes, tx.done]);
  return { added, merged };
}

const sameProvenance = (a: Provenance, b: Provenance): boolean =>
  a.kind === b.kind &&
  (a.kind === 'bundled' ||
    (a.kind === 'imported' && b.kind === 'imported' && a.importId === b.importId) ||
    (a.kind === 'learned' && b.kind === 'learned' && a.url === b.url));

function unionProvenance(a: readonly Provenance[], b: readonly Provenance[]): Provenance[] {
  const out = a.filter((p) => !b.some((q) => sameProvenance(p, q)));
  return [...out, ...b];
}

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, key: (t: T) => string = String): T[] {
  const out = new Map<string, T>();
  for (const t of [...(a ?? []), ...(b ?? [])]) if (!out.has(key(t))) out.set(key(t), t);
  return [...out.values()];
}

/**
 * Re-import or second source: the incoming file's metadata wins field by field (it is newer), lists
 * are unioned, a replaced abstract is remembered as a version, and a truncated author list never
 * replaces a longer one.
 */
export function mergeImported(existing: Paper, incoming: Paper): Paper {
  const keepAuthors = incoming.authorsTruncated && existing.authors.length > incoming.authors.length;
  const versions: AbstractVersion[] = [...(existing.abstractVersions ?? [])];
  if (existing.abstract && incoming.abstract && existing.abstract !== incoming.abstract)
    versions.push({ text: existing.abstract, source: describe(existing.provenance.at(-1)) });
  const merged: Paper = {
    ...existing,
    ...incoming,
    ...(keepAuthors ? { authors: existing.authors, authorsTruncated: existing.authorsTruncated ?? false } : {}),
    provenance: unionProvenance(existing.provenance, incoming.provenance),
  };
  return withLists(merged, existing, incoming, versions);
}

/**
 * The learn-merge policy (pages seen by the overlay, through `learnPapers`): a page's glimpse of a paper
 * fills gaps only, since bundled and imported metadata is richer. The first page that showed the paper
 * is remembered; later pages add nothing, so a paper on every day's listing does not grow with each visit.
 */
export function mergeLearned(existing: Paper, incoming: Paper): Paper {
  const learnedBefore = existing.provenance.some((p) => p.kind === 'learned');
  const filled: Paper = {
    ...incoming,
    ...existing,
    // An empty abstract is none: the page's fills it.
    ...(existing.abstract || !incoming.abstract ? {} : { abstract: incoming.abstract }),
    provenance: learnedBefore ? existing.provenance : unionProvenance(existing.provenance, incoming.provenance),
  };
  return withLists(filled, existing, incoming, [...(existing.abstractVersions ?? [])]);
}

function withLists(p: Paper, a: Paper, b: Paper, versions: AbstractVersion[]): Paper {
  const codeUrls = union(a.codeUrls, b.codeUrls);
  const organisations = union(a.organisations, b.organisations);
  const categories = union(a.categories, b.categories);
  const listings = union(a.listings, b.listings, (l) => JSON.stringify(l));
  const abstractVersions = union(versions, b.abstractVersions, (v) => v.text).filter((v) => v.text !== p.abstract);
  const { codeUrls: _c, organisations: _o, categories: _k, listings: _l, abstractVersions: _v, ...rest } = p;
  return {
    ...rest,
    ...(categories.length ? { categories } : {}),
    ...(organisations.length ? { organisations } : {}),
    ...(codeUrls.length ? { codeUrls } : {}),
    ...(abstractVersions.length ? { abstractVersions } : {}),
    ...(listings.length ? { listings } : {}),
  };
}

function describe(p: Provenance | undefined): string {
  if (!p) return 'unknown';
  if (p.kind === 'bundled') return `bundled corpus ${p.corpusVersion}`;
  if (p.kind === 'imported') return `import of ${p.file}`;
  return p.url;
}

/**
 * Removes an import: papers whose only provenance is this import are deleted; others lose this
 * provenance and keep their record. The reading list is not touched, so a saved paper's entry (which
 * carries its own title and authors) survives the removal of its paper record.
 */
export async function removeImport(db: Database, importId: string): Promise<{ removed: number; kept: number }> {
  const tx = db.transaction(['papers', 'imports'], 'readwrite');
  const papers = tx.objectStore('papers');
  let removed = 0;
  let kept = 0;
  const pending: Promise<unknown>[] = [];
  let cursor = await papers.index('by-source').openCursor('imported');
  while (cursor) {
    const p = fromStored(cursor.value);
    const mine = (q: Provenance) => q.kind === 'imported' && q.importId === importId;
    if (p.provenance.some(mine)) {
      const rest = p.provenance.filter((q) => !mine(q));
      if (rest.length) {
        kept++;
        pending.push(cursor.update(toStored({ ...p, provenance: rest })));
      } else {
        removed++;
        pending.push(cursor.delete());
      }
    }
    cursor = await cursor.continue();
  }
  pending.push(tx.objectStore('imports').delete(importId));
  await Promise.all([...pending, tx.done]);
  return { removed, kept };
}

/**
 * Stores papers seen on a page (provenance 'learned'). A paper already known keeps its metadata and
 * gains the page; only fields it lacks are filled.
 */
export async function learnPapers(
  db: Database,
  papers: readonly Paper[],
  url: string,
  now: Date = new Date(),
): Promise<{ added: number; merged: number }> {
  const learned: Provenance = { kind: 'learned', url, at: now.toISOString() };
  const tagged = papers.map((p) => ({ ...p, provenance: [learned] }));
  return writeBatch(db, tagged, mergeLearned, undefined, { added: 0, merged: 0 });
}
