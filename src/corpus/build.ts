/**
 * Building the bundled corpus from the seed documents and the verified reference. Pure and
 * deterministic: the same inputs give the same bundle, field for field and in the same order.
 *
 * What comes from where:
 * - id, title, full author list, date of v1, categories, DOI, journal ref: the reference (verified).
 * - abstracts, listing label/date/venue, organisations, code flag and code URLs: the seeds.
 * - author figures: the author profile page, labelled with that page.
 * Nothing is filled in that no source gives.
 */
import { authorKey } from '../core/authors';
import {
  type AbstractVersion,
  type ArxivId,
  type AuthorStats,
  fnv1a,
  type Listing,
  type Paper,
  validatePaper,
} from '../core/paper';
import { CORPUS_FORMAT_VERSION, type CorpusBundle } from './bundle';
import type { ReferenceEntry } from './reference';
import { seedDescription } from './seeds/index';
import { matchSeedEntries, type SeedMatch } from './seeds/match';
import type { SeedDocument, SeedEntry, SeedKind } from './seeds/types';

/**
 * Which page shows the newest abstract when two disagree. The profile page and the listing show arXiv's
 * current text; the collaborating-authors page is a newer crawl than the code-for-papers pages, which
 * keep the abstract from when they first indexed a paper (the reference notes confirm this for every
 * paper in both 000 and 001: 001 has the earlier wording).
 */
const RECENCY: Readonly<Record<SeedKind, number>> = {
  'code-for-papers': 0,
  'collaborating-authors': 1,
  listing: 2,
  'author-profile': 3,
};

export interface BuildOutput {
  readonly bundle: CorpusBundle;
  /** How each seed entry was matched, for the CLI's report and the tests. */
  readonly matches: readonly SeedMatch[];
}

export function buildCorpus(seeds: readonly SeedDocument[], reference: readonly ReferenceEntry[]): BuildOutput {
  const docs = [...seeds].sort((a, b) => a.file.localeCompare(b.file));
  const kindOf = new Map(docs.map((d) => [d.file, d]));
  const entries = docs.flatMap((d) => d.entries);
  const { matches, unmatched } = matchSeedEntries(
    entries,
    reference.map((r) => ({ id: r.arxivId, title: r.title, authors: r.authors })),
  );
  if (unmatched.length)
    throw new Error(
      `corpus: ${unmatched.length} seed entries match no reference paper: ${unmatched.map((e) => `${e.file}:${e.line}`).join(', ')}`,
    );
  const byPaper = new Map<ArxivId, SeedEntry[]>();
  for (const m of matches) byPaper.set(m.id, [...(byPaper.get(m.id) ?? []), m.entry]);

  const source = (e: SeedEntry): string => {
    const doc = kindOf.get(e.file);
    return `seed ${e.file} (${doc ? seedDescription(doc) : 'page'})`;
  };
  const recency = (e: SeedEntry): number => RECENCY[kindOf.get(e.file)?.kind ?? 'code-for-papers'];

  const drafts = reference
    .filter((r) => byPaper.has(r.arxivId))
    .map((r) => paperFrom(r, byPaper.get(r.arxivId) ?? [], source, recency));
  drafts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const authorStats: AuthorStats[] = docs.flatMap((d) => d.authorStats);
  // The version hashes everything but the provenance, which carries the version itself.
  const corpusVersion = fnv1a(JSON.stringify({ drafts, authorStats }));
  const papers: Paper[] = drafts.map((d) => ({ ...d, provenance: [{ kind: 'bundled', corpusVersion }] }));
  for (const p of papers) {
    const v = validatePaper(p);
    if (!v.ok) throw new Error(`corpus: ${v.error}`);
  }
  return { bundle: { formatVersion: CORPUS_FORMAT_VERSION, corpusVersion, papers, authorStats }, matches };
}

function paperFrom(
  r: ReferenceEntry,
  entries: readonly SeedEntry[],
  source: (e: SeedEntry) => string,
  recency: (e: SeedEntry) => number,
): Omit<Paper, 'provenance'> {
  const { abstract, versions } = pickAbstract(entries, source, recency);
  const codeUrls = unique([...(r.codeUrl ? [r.codeUrl] : []), ...entries.flatMap((e) => e.codeUrls ?? [])]);
  const organisations = unique(entries.flatMap((e) => e.organisations ?? []));
  const hasCode = codeUrls.length > 0 || entries.some((e) => e.hasCode);
  const listings: Listing[] = entries.map((e) => ({
    source: source(e),
    ...(e.label ? { label: e.label } : {}),
    ...(e.date ? { date: e.date } : {}),
    ...(e.venue ? { venue: e.venue } : {}),
  }));
  return {
    id: r.arxivId,
    arxivId: r.arxivId,
    title: r.title,
    authors: r.authors.map((name) => ({ name, key: authorKey(name) })),
    ...(abstract ? { abstract } : {}),
    ...(versions.length ? { abstractVersions: versions } : {}),
    ...(r.published ? { published: r.published } : {}),
    ...(r.primaryCategory ? { primaryCategory: r.primaryCategory } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    ...(organisations.length ? { organisations } : {}),
    ...(codeUrls.length ? { codeUrls } : {}),
    ...(hasCode ? { hasCode } : {}),
    ...(r.doi ? { doi: r.doi } : {}),
    ...(r.journalRef ? { journalRef: r.journalRef } : {}),
    listings,
  };
}

/**
 * The newest abstract and the other distinct versions, oldest first. Texts equal after folding
 * whitespace, or one a truncation of the other, are one version (the longer is kept). An introduction
 * printed in place of the abstract is kept as a version, labelled, but never becomes the abstract.
 */
function pickAbstract(
  entries: readonly SeedEntry[],
  source: (e: SeedEntry) => string,
  recency: (e: SeedEntry) => number,
): { abstract: string | undefined; versions: AbstractVersion[] } {
  const seen = [...entries]
    .filter((e) => e.abstract)
    .sort((a, b) => recency(a) - recency(b) || a.file.localeCompare(b.file));
  const versions: (AbstractVersion & { excerpt: boolean })[] = [];
  for (const e of seen) {
    const text = e.abstract ?? '';
    const same = versions.findIndex((v) => v.text.startsWith(text) || text.startsWith(v.text));
    const version = {
      text,
      source: e.abstractIsExcerpt ? `${source(e)}, introduction text, not the abstract` : source(e),
      excerpt: e.abstractIsExcerpt === true,
    };
    if (same < 0) versions.push(version);
    else if (text.length > (versions[same]?.text.length ?? 0)) versions[same] = version;
  }
  const latest = versions.filter((v) => !v.excerpt).at(-1);
  return {
    abstract: latest?.text,
    versions: versions.filter((v) => v !== latest).map(({ text, source: s }) => ({ text, source: s })),
  };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
