/**
 * The verified reference (data/seed-papers.json, copied from ../shared/reference): one entry per
 * distinct seed paper, compiled by hand. It is the oracle for ids, titles and full author lists. Pure.
 */
import { parseArxivId } from '../core/ids';
import { type ArxivId, err, ok, type Result } from '../core/paper';

export interface ReferenceEntry {
  readonly arxivId: ArxivId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly published: string | null;
  readonly primaryCategory: string | null;
  readonly categories: readonly string[] | null;
  readonly doi: string | null;
  readonly journalRef: string | null;
  readonly codeUrl: string | null;
  readonly seedFiles: readonly string[];
}

const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const strList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Reads the reference file's JSON; the error names the entry and the field. */
export function parseReference(json: unknown): Result<ReferenceEntry[]> {
  if (!Array.isArray(json)) return err('reference: not a list');
  const out: ReferenceEntry[] = [];
  for (const [i, raw] of json.entries()) {
    if (typeof raw !== 'object' || raw === null) return err(`reference[${i}]: not an object`);
    const r = raw as Record<string, unknown>;
    const id = typeof r.arxiv_id === 'string' ? parseArxivId(r.arxiv_id) : undefined;
    if (!id) return err(`reference[${i}]: bad arxiv_id ${JSON.stringify(r.arxiv_id)}`);
    if (typeof r.title !== 'string' || !strList(r.authors) || r.authors.length === 0)
      return err(`reference ${id.id}: title and authors are required`);
    for (const f of ['published', 'primary_category', 'doi', 'journal_ref', 'code_url'] as const)
      if (!strOrNull(r[f])) return err(`reference ${id.id}: ${f} must be text or null`);
    if (r.categories !== null && !strList(r.categories)) return err(`reference ${id.id}: bad categories`);
    out.push({
      arxivId: id.id,
      title: r.title,
      authors: r.authors,
      published: r.published as string | null,
      primaryCategory: r.primary_category as string | null,
      categories: r.categories as string[] | null,
      doi: r.doi as string | null,
      journalRef: r.journal_ref as string | null,
      codeUrl: r.code_url as string | null,
      seedFiles: strList(r.seed_files) ? r.seed_files : [],
    });
  }
  return ok(out);
}
