/**
 * arXiv API responses (Atom 1.0), in both feed styles:
 * - the older one (to ~2023): `<title type="html">ArXiv Query…`, opensearch elements with their own
 *   xmlns, `arxiv:` elements carrying `xmlns:arxiv` on each, summaries hard-wrapped with leading spaces;
 * - the current one (2026): namespaces declared once on `<feed>`, `https` links, unwrapped summaries.
 * The API signals errors with a normal feed whose single entry has an `…/api/errors#…` id and title
 * "Error"; that becomes a fatal item carrying arXiv's message. See https://info.arxiv.org/help/api/user-manual.html
 */
import { codeUrlsIn } from '../code-urls';
import type { TextInput } from './chunks';
import { makePaper } from './draft';
import { type ImportItem, type ImportOptions, importedProvenance, itemFor } from './report';
import { child, childrenNamed, textOf, xmlRecords } from './xml';

const RECORDS = new Set(['entry']);

export async function* importArxivAtom(input: TextInput, options: ImportOptions): AsyncGenerator<ImportItem> {
  let n = 0;
  for await (const ev of xmlRecords(input, RECORDS)) {
    if (ev.kind === 'error') {
      yield { kind: 'fatal', error: `malformed XML: ${ev.message}`, where: `line ${ev.line}` };
      return;
    }
    if (ev.kind === 'root') {
      if (ev.name !== 'feed') {
        yield { kind: 'fatal', error: `not an Atom feed (root element <${ev.name}>)` };
        return;
      }
      continue;
    }
    const e = ev.node;
    n++;
    const id = textOf(e, 'id') ?? '';
    if (/\/api\/errors/.test(id)) {
      yield { kind: 'fatal', error: `arXiv API error: ${textOf(e, 'summary') ?? id}`, where: `entry ${n}` };
      return;
    }
    const authors = childrenNamed(e, 'author');
    const comment = textOf(e, 'comment');
    const summary = textOf(e, 'summary');
    const draft = {
      arxivId: id,
      title: textOf(e, 'title'),
      authors: authors.map((a) => textOf(a, 'name') ?? ''),
      organisations: authors.flatMap((a) => childrenNamed(a, 'affiliation').map((x) => x.text.trim())).filter(Boolean),
      abstract: summary,
      published: textOf(e, 'published'),
      updated: textOf(e, 'updated'),
      primaryCategory: child(e, 'primary_category')?.attrs.term,
      categories: childrenNamed(e, 'category').flatMap((c) => (c.attrs.term ? [c.attrs.term] : [])),
      doi: textOf(e, 'doi'),
      journalRef: textOf(e, 'journal_ref'),
      comments: comment,
      codeUrls: codeUrlsIn(comment, summary),
    };
    yield itemFor(makePaper(draft, importedProvenance(options)), `entry ${n} (line ${e.line})`);
  }
}
