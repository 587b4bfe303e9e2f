/**
 * The library's corpus table without a query: a window of rows in an order, at any corpus size.
 *
 * Newest first (by year, then by arXiv number, which follows submission) is read from the index: the
 * per-year keyword counts say which years a window falls in, and only those years' postings are read.
 * Sorting by title, first author or category needs every paper's field; it is offered while the corpus
 * (or the saved selection) is at most `SORTABLE` papers, and otherwise refused with the reason.
 */
import type { Paper, PaperId } from '../core/paper';
import { KEYWORD } from '../engine/index/analyze';
import type { CorpusSort } from '../messaging/library';
import type { EngineService } from './engine-service';
import { BadRequest } from './handlers/deps';

/** Papers a title, author or category sort reads whole. */
export const SORTABLE = 20_000;

const SORTS: Record<CorpusSort, (a: Paper, b: Paper) => number> = {
  title: (a, b) => a.title.localeCompare(b.title),
  year: (a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id),
  'first-author': (a, b) => (a.authors[0]?.key ?? '').localeCompare(b.authors[0]?.key ?? ''),
  category: (a, b) => (a.primaryCategory ?? '').localeCompare(b.primaryCategory ?? ''),
};

export const isCorpusSort = (v: unknown): v is CorpusSort => typeof v === 'string' && Object.hasOwn(SORTS, v);

export interface TableRequest {
  readonly sort: CorpusSort;
  readonly descending: boolean;
  readonly offset: number;
  readonly limit: number;
  /** Only saved papers (true), only unsaved ones (false), or all. */
  readonly saved: boolean | undefined;
  readonly savedIds: ReadonlySet<string>;
}

/** Sorted in memory: papers whose every record is read (a bounded number). */
async function sortedInMemory(engine: EngineService, ids: readonly PaperId[], r: TableRequest) {
  const papers = (await engine.papers(ids)).filter((p): p is Paper => p !== undefined).sort(SORTS[r.sort]);
  if (r.descending) papers.reverse();
  return { ids: papers.slice(r.offset, r.offset + r.limit).map((p) => p.id), total: papers.length };
}

/**
 * The table over a subset the index names (the papers with code, `!h:code`), newest first as `ids` are
 * given (by arXiv number, which follows submission); other sorts read the subset's records, up to `SORTABLE`.
 */
export async function subsetTable(
  engine: EngineService,
  newestFirst: readonly PaperId[],
  r: TableRequest,
): Promise<{ ids: PaperId[]; total: number }> {
  const ids = newestFirst.filter((id) => r.saved === undefined || r.savedIds.has(id) === r.saved);
  if (r.sort === 'year') {
    const ordered = r.descending ? ids : [...ids].reverse();
    return { ids: ordered.slice(r.offset, r.offset + r.limit), total: ordered.length };
  }
  if (ids.length > SORTABLE)
    throw new BadRequest(
      `sorting ${ids.length.toLocaleString('en')} papers by ${r.sort} is not offered (up to ${SORTABLE.toLocaleString('en')}): search or filter first, or sort by year`,
    );
  return sortedInMemory(engine, ids, r);
}

export async function corpusTable(engine: EngineService, r: TableRequest): Promise<{ ids: PaperId[]; total: number }> {
  if (r.saved === true) {
    const inCorpus = [...(await engine.inCorpus([...r.savedIds] as PaperId[]))];
    return sortedInMemory(engine, inCorpus, r);
  }
  const counts = await engine.counts();
  if (r.sort !== 'year') {
    if (counts.papers > SORTABLE)
      throw new BadRequest(
        `sorting ${counts.papers.toLocaleString('en')} papers by ${r.sort} is not offered (up to ${SORTABLE.toLocaleString('en')}): search or filter first, or sort by year`,
      );
    const all = await engine.allIds();
    return sortedInMemory(
      engine,
      all.filter((id) => r.saved !== false || !r.savedIds.has(id)),
      r,
    );
  }
  // By year: years newest first (oldest first when ascending), papers without a year last.
  const skip = r.saved === false ? r.savedIds : new Set<string>();
  const years = (await engine.keywordCounts(KEYWORD.year))
    .map((k) => ({ year: Number(k.keyword.slice(KEYWORD.year.length)), keyword: k.keyword, papers: k.papers }))
    .sort((a, b) => (r.descending ? b.year - a.year : a.year - b.year));
  const savedYears = new Map<number, number>();
  if (skip.size) {
    for (const p of await engine.papers([...(await engine.inCorpus([...skip] as PaperId[]))])) {
      const y = Number((p?.published ?? '').slice(0, 4)) || 0;
      savedYears.set(y, (savedYears.get(y) ?? 0) + 1);
    }
  }
  const dated = years.reduce((n, y) => n + y.papers, 0);
  const undatedTotal = Math.max(0, counts.papers - dated);
  const total = counts.papers - [...savedYears.values()].reduce((a, b) => a + b, 0);
  const out: PaperId[] = [];
  let at = 0;
  for (const y of years) {
    const size = y.papers - (savedYears.get(y.year) ?? 0);
    if (at + size > r.offset && out.length < r.limit) {
      const { ids } = await engine.keywordIds(y.keyword);
      const list = (r.descending ? ids : [...ids].reverse()).filter((id) => !skip.has(id));
      out.push(...list.slice(Math.max(0, r.offset - at), Math.max(0, r.offset - at) + r.limit - out.length));
    }
    at += size;
    if (out.length >= r.limit) break;
  }
  if (out.length < r.limit && undatedTotal > 0) {
    const datedIds = new Set<string>();
    const all = await engine.allIds();
    for (const y of years) for (const id of (await engine.keywordIds(y.keyword)).ids) datedIds.add(id);
    const undated = all.filter((id) => !datedIds.has(id) && !skip.has(id));
    const from = Math.max(0, r.offset - at);
    out.push(...undated.slice(from, from + r.limit - out.length));
  }
  return { ids: out, total };
}
