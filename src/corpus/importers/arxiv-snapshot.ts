/**
 * The arXiv metadata snapshot (Kaggle "arxiv-metadata-oai-snapshot.json"): one JSON object per line,
 * several gigabytes for all of arXiv. Read line by line, never whole; with a category filter, lines
 * whose categories cannot match are skipped before JSON parsing, which is most of the cost.
 *
 * Fields used: id, title, authors / authors_parsed ([surname, given, suffix]), abstract, categories
 * (space-separated, primary first), doi, journal-ref, comments, versions[].created (first = v1).
 */
import { codeUrlsIn } from '../code-urls';
import { linesOf, parseJsonLine, type TextInput } from './chunks';
import { makePaper } from './draft';
import { splitAuthorString } from './oai-pmh';
import { type ImportItem, type ImportOptions, importedProvenance, itemFor } from './report';

/** Counts lines the category filter passed over, so a report can say "read 1.2M, kept 40k". */
export interface SnapshotProgress {
  skipped: number;
}

export async function* importArxivSnapshot(
  input: TextInput,
  options: ImportOptions,
  progress: SnapshotProgress = { skipped: 0 },
): AsyncGenerator<ImportItem> {
  const wanted = categoryFilter(options.categories);
  const provenance = importedProvenance(options);
  for await (const { text, line } of linesOf(input)) {
    if (text.trim() === '') continue;
    const where = `line ${line}`;
    if (wanted) {
      // Cheap pre-check on the raw line: the categories field is a plain string without escapes.
      const raw = /"categories":\s*"([^"]*)"/.exec(text)?.[1];
      if (raw !== undefined && !raw.split(' ').some(wanted)) {
        progress.skipped++;
        continue;
      }
    }
    const parsed = parseJsonLine(text);
    if (!parsed.ok) {
      yield { kind: 'rejected', rejection: { where, reason: parsed.reason } };
      continue;
    }
    const { row: r, str } = parsed;
    const categories = (str('categories') ?? '').split(/\s+/).filter(Boolean);
    if (wanted && !categories.some(wanted)) {
      progress.skipped++;
      continue;
    }
    const versions = Array.isArray(r.versions) ? (r.versions as unknown[]) : [];
    const created = (v: unknown): string | undefined => {
      const c = (v as { created?: unknown } | undefined)?.created;
      return typeof c === 'string' ? c : undefined;
    };
    const abstract = str('abstract');
    const comments = str('comments');
    yield itemFor(
      makePaper(
        {
          arxivId: str('id') ?? '',
          title: str('title'),
          authors: parsedAuthors(r.authors_parsed) ?? splitAuthorString(str('authors') ?? ''),
          abstract,
          published: created(versions[0]),
          // `update_date` is when the metadata last changed, not a version: the last version's date is.
          updated: created(versions.at(-1)),
          primaryCategory: categories[0],
          categories,
          doi: str('doi')?.split(/\s+/)[0],
          journalRef: str('journal-ref'),
          comments,
          codeUrls: codeUrlsIn(comments, abstract),
        },
        provenance,
      ),
      where,
    );
  }
}

/** `[["Balázs","C.",""], …]` → ["C. Balázs", …]; undefined when the field is missing or malformed. */
function parsedAuthors(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || !v.every((a) => Array.isArray(a) && a.every((x) => typeof x === 'string'))) return undefined;
  return (v as string[][]).map(([last = '', first = '', suffix = '']) =>
    [first, last, suffix].filter(Boolean).join(' '),
  );
}

/** `cs.LG` matches itself; `cs` or `cs.*` matches every cs category; `hep-th` matches hep-th. */
export function categoryFilter(list: readonly string[] | undefined): ((c: string) => boolean) | undefined {
  if (!list?.length) return undefined;
  const exact = new Set(list.map((c) => c.replace(/\.\*$/, '')));
  return (c) => exact.has(c) || exact.has(c.split('.')[0] ?? c);
}
