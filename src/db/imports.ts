/**
 * Writing imported, learned and re-imported papers into IndexedDB. The pure importers
 * (src/corpus/importers) yield validated papers; this module decides added vs merged and keeps the
 * corpus consistent:
 *
 * - Papers are written in batches (2,000 by default), one commit each (papers and their index, src/db/corpus.ts), together with the running
 *   ImportRecord. A batch is all or nothing, so an interrupted import leaves whole papers and a record
 *   in state 'partial' whose counts match what was written. Running the same import again (same
 *   `importId`) resumes it: merging is idempotent. `removeImport` undoes it.
 * - The reading list is a separate store and is never opened here.
 * - idb's rule: nothing but this transaction's own requests is awaited while it is open.
 */

import { canonical } from '../core/canonical';
import { codeKey, unionCodeLinks } from '../core/code';
import type { AbstractVersion, Paper, PaperId, Provenance } from '../core/paper';
import type { ImportFormat, ImportItem, ImportReport } from '../corpus/importers/report';
import { countItem, emptyReport } from '../corpus/importers/report';
import { type AnalyzedDoc, analyze, KEYWORD } from '../engine/index/analyze';
import { IndexReader } from '../engine/index/reader';
import { idOfGlobal } from '../engine/index/scan';
import { commitPapers } from './corpus';
import type { Database } from './database';
import { indexSource } from './index-store';
import type { ImportRecord } from './schema';

export interface ImportMeta {
  readonly importId: string;
  readonly file: string;
  readonly format: ImportFormat;
  /** ISO timestamp; defaults to now. */
  readonly at?: string;
  /** Papers per commit (and per index segment). 2,000 amortises a commit's cost and keeps it under a second. */
  readonly batchSize?: number;
}

type Source = Iterable<Paper | ImportItem> | AsyncIterable<Paper | ImportItem>;

const isItem = (x: Paper | ImportItem): x is ImportItem => 'kind' in x;

/** Imports papers (or an importer's items) into the database; returns the full report. */
export async function importPapers(db: Database, source: Source, meta: ImportMeta): Promise<ImportReport> {
  const report = emptyReport(meta.file, meta.format);
  const at = meta.at ?? new Date().toISOString();
  const size = Math.max(1, meta.batchSize ?? 2000);
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
  // One commit in flight while the next batch is read and analysed: the browser writes one batch while
  // this page parses the next. A failed commit stops the import before another starts.
  let inFlight: Promise<void> | undefined;
  const flush = async () => {
    if (!batch.length) return;
    const papers = batch;
    batch = [];
    const analysed = analyseAll(papers);
    await inFlight;
    const counted = { read: report.read, rejected: report.rejected };
    inFlight = writeBatch(db, papers, mergeImported, analysed, (added, merged) => ({
      ...record('partial'),
      ...counted,
      added: report.added + added,
      merged: report.merged + merged,
    })).then(({ added, merged }) => {
      report.added += added;
      report.merged += merged;
    });
    // The first failure surfaces here or at the next flush; keep the rejection observed meanwhile.
    inFlight.catch(() => {});
  };
  for await (const x of source as AsyncIterable<Paper | ImportItem>) {
    const item: ImportItem = isItem(x) ? x : { kind: 'paper', paper: x, where: `paper ${report.read + 1}` };
    countItem(report, item);
    if (item.kind === 'paper') batch.push(item.paper);
    if (batch.length >= size) await flush();
  }
  await flush();
  await inFlight;
  // A fatal error leaves the import 'partial': what was written stays and can be removed.
  await db.put('imports', record(report.error ? 'partial' : 'done'));
  return report;
}

/** Analyses papers before their commit (they are most often new, so the analysis stands). */
function analyseAll(papers: readonly Paper[]) {
  const out = new Map<PaperId, { paper: Paper; doc: Omit<AnalyzedDoc, 'doc'> }>();
  for (const p of papers) if (!out.has(p.id)) out.set(p.id, { paper: p, doc: analyze(p, 0) });
  return out;
}

/** One commit: read the existing records, merge, write with the index, and update the import record. */
async function writeBatch(
  db: Database,
  papers: readonly Paper[],
  merge: (existing: Paper, incoming: Paper) => Paper,
  analysed: ReadonlyMap<PaperId, { readonly paper: Paper; readonly doc: Omit<AnalyzedDoc, 'doc'> }> | undefined,
  /** The running import's record with this batch counted, written in the same transaction; none for learned papers. */
  progress: ((added: number, merged: number) => ImportRecord) | undefined,
): Promise<{ added: number; merged: number }> {
  // Repeats within a batch merge into one paper, as if read one after another.
  const incoming = new Map<PaperId, Paper[]>();
  for (const p of papers) {
    const list = incoming.get(p.id);
    if (list) list.push(p);
    else incoming.set(p.id, [p]);
  }
  let added = 0;
  let merged = 0;
  await commitPapers(db, {
    ids: [...incoming.keys()],
    decide: (id, old) => {
      const list = incoming.get(id) ?? [];
      let cur = old;
      list.forEach((p, i) => {
        if (cur || i > 0) merged++;
        else added++;
        cur = cur ? merge(cur, p) : p;
      });
      // A single new paper is the analysed one itself, so its analysis is reused; a merge that changes
      // nothing (a listing seen again) is not written at all.
      if (!old && list.length === 1) return list[0];
      // Compared as data (keys in any order): a merge lists fields in its own order.
      return old && cur && canonical(cur) === canonical(old) ? undefined : cur;
    },
    ...(analysed ? { analysed } : {}),
    ...(progress
      ? {
          also: {
            stores: ['imports'] as const,
            write: (tx) => [tx.objectStore('imports').put(progress(added, merged))],
          },
        }
      : {}),
  });
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
  // A file that lacks a field (a title-and-abstract sample has no authors) says nothing about it: only
  // what it has wins. Importing the real sample used to wipe bundled papers' authors.
  const keepAuthors =
    incoming.authors.length === 0 || (incoming.authorsTruncated && existing.authors.length > incoming.authors.length);
  const given = Object.fromEntries(
    Object.entries(incoming).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as Partial<Paper>;
  const versions: AbstractVersion[] = [...(existing.abstractVersions ?? [])];
  if (existing.abstract && incoming.abstract && existing.abstract !== incoming.abstract)
    versions.push({ text: existing.abstract, source: describe(existing.provenance.at(-1)) });
  const merged: Paper = {
    ...existing,
    ...given,
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
  const codeUrls = union(a.codeUrls, b.codeUrls, codeKey);
  const codeLinks = unionCodeLinks(a.codeLinks, b.codeLinks);
  const organisations = union(a.organisations, b.organisations);
  const categories = union(a.categories, b.categories);
  const listings = union(a.listings, b.listings, (l) => JSON.stringify(l));
  const abstractVersions = union(versions, b.abstractVersions, (v) => v.text).filter((v) => v.text !== p.abstract);
  const {
    codeUrls: _c,
    codeLinks: _cl,
    organisations: _o,
    categories: _k,
    listings: _l,
    abstractVersions: _v,
    ...rest
  } = p;
  return {
    ...rest,
    ...(categories.length ? { categories } : {}),
    ...(organisations.length ? { organisations } : {}),
    ...(codeUrls.length ? { codeUrls } : {}),
    ...(codeLinks.length ? { codeLinks } : {}),
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
 * carries its own title and authors) survives the removal of its paper record. The import's papers are
 * found through the index (`!i:<importId>`) and removed in commits of `chunk` papers, then the record
 * goes: an interrupted removal leaves whole papers, and running it again finishes it.
 */
export async function removeImport(
  db: Database,
  importId: string,
  chunk = 2000,
): Promise<{ removed: number; kept: number }> {
  const snap = await new IndexReader(
    indexSource(async () => db),
    { cacheBytes: 8 << 20 },
  ).snapshot();
  const docs = await snap.keywordDocs(KEYWORD.import + importId);
  const ids = (await Promise.all(docs.map((d) => idOfGlobal(snap, d)))).filter((x): x is PaperId => !!x);
  let removed = 0;
  let kept = 0;
  const mine = (q: Provenance) => q.kind === 'imported' && q.importId === importId;
  for (let i = 0; i < ids.length; i += chunk) {
    await commitPapers(db, {
      ids: ids.slice(i, i + chunk),
      decide: (_id, old) => {
        if (!old?.provenance.some(mine)) return undefined;
        const rest = old.provenance.filter((q) => !mine(q));
        if (rest.length) {
          kept++;
          return { ...old, provenance: rest };
        }
        removed++;
        return null;
      },
    });
  }
  await db.delete('imports', importId);
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
  return writeBatch(db, tagged, mergeLearned, undefined, undefined);
}
