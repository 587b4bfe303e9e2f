/**
 * "arXiv JSON lines (id/title/abstract)": one `{"id", "title", "abstract", "link"}` object per line, the
 * shape of datasets scraped from arXiv's RSS feeds (e.g. a month of new submissions). No authors and no
 * categories; the abstract often still carries the feed's prefix "arXiv:2403.00006v1 Announce Type: new
 * Abstract: …", which is dropped. Read line by line like the snapshot. Pure.
 */
import { codeUrlsIn } from '../code-urls';
import { linesOf, parseJsonLine, type TextInput } from './chunks';
import { makePaper } from './draft';
import { type ImportItem, type ImportOptions, importedProvenance, itemFor } from './report';

const FEED_PREFIX = /^\s*arXiv:\S+\s+Announce Type:\s*\S+\s*(?:Abstract:\s*)?/;

/** True for a first line in this shape: an object with id and title but none of the snapshot's fields. */
export function looksLikeArxivJsonLines(firstLine: string): boolean {
  if (!/^\s*\{/.test(firstLine)) return false;
  if (/"(?:submitter|authors|authors_parsed|versions|categories)"\s*:/.test(firstLine)) return false;
  return /"id"\s*:/.test(firstLine) && /"title"\s*:/.test(firstLine) && /"(?:abstract|link)"\s*:/.test(firstLine);
}

export async function* importArxivJsonLines(input: TextInput, options: ImportOptions): AsyncGenerator<ImportItem> {
  const provenance = importedProvenance(options);
  for await (const { text, line } of linesOf(input)) {
    if (text.trim() === '') continue;
    const where = `line ${line}`;
    const parsed = parseJsonLine(text);
    if (!parsed.ok) {
      yield { kind: 'rejected', rejection: { where, reason: parsed.reason } };
      continue;
    }
    const { str } = parsed;
    const abstract = str('abstract')?.replace(FEED_PREFIX, '');
    yield itemFor(
      makePaper(
        {
          // The id, or failing that the abs-page link.
          arxivId: str('id') ?? str('link') ?? '',
          title: str('title'),
          abstract,
          codeUrls: codeUrlsIn(undefined, abstract),
        },
        provenance,
      ),
      where,
    );
  }
}
