/**
 * OAI-PMH responses from arXiv (https://info.arxiv.org/help/oa/index.html): GetRecord and ListRecords
 * in the `arXiv`, `arXivRaw`, `arXivOld` and `oai_dc` metadata formats.
 *
 * - `arXiv`: structured authors (keyname/forenames/suffix/affiliation), `created`/`updated` dates,
 *   space-separated categories (the first is the primary).
 * - `arXivRaw` / `arXivOld`: an author string "A, B and C"; `arXivRaw` has per-version RFC 2822 dates
 *   (v1 = published, last = updated).
 * - `oai_dc`: creators as "Surname, Given"; subjects are category *names*, not codes, so they are not
 *   kept as categories (we would have to guess the code).
 * A `<resumptionToken>` becomes a 'resumption' item, so the caller can ask for the next page; an
 * `<error>` other than noRecordsMatch is fatal; deleted records are rejected with that reason.
 */
import { codeUrlsIn } from '../code-urls';
import type { TextInput } from './chunks';
import { makePaper, type PaperDraft } from './draft';
import { type ImportItem, type ImportOptions, importedProvenance, itemFor } from './report';
import { child, childrenNamed, textOf, type XmlNode, xmlRecords } from './xml';

const RECORDS = new Set(['record', 'resumptionToken', 'error']);

export async function* importOaiPmh(input: TextInput, options: ImportOptions): AsyncGenerator<ImportItem> {
  let n = 0;
  for await (const ev of xmlRecords(input, RECORDS)) {
    if (ev.kind === 'error') {
      yield { kind: 'fatal', error: `malformed XML: ${ev.message}`, where: `line ${ev.line}` };
      return;
    }
    if (ev.kind === 'root') {
      if (ev.name !== 'OAI-PMH') {
        yield { kind: 'fatal', error: `not an OAI-PMH response (root element <${ev.name}>)` };
        return;
      }
      continue;
    }
    const node = ev.node;
    if (node.name === 'error') {
      if (node.attrs.code === 'noRecordsMatch') continue;
      yield {
        kind: 'fatal',
        error: `OAI-PMH error ${node.attrs.code ?? ''}: ${node.text.trim()}`.trim(),
        ...(node.attrs.code ? { code: node.attrs.code } : {}),
      };
      return;
    }
    if (node.name === 'resumptionToken') {
      const size = Number(node.attrs.completeListSize);
      const cursor = Number(node.attrs.cursor);
      yield {
        kind: 'resumption',
        token: node.text.trim(),
        ...(Number.isInteger(size) ? { completeListSize: size } : {}),
        ...(Number.isInteger(cursor) ? { cursor } : {}),
      };
      continue;
    }
    n++;
    const header = child(node, 'header');
    const identifier = header ? textOf(header, 'identifier') : undefined;
    const where = `record ${n} (${identifier ?? `line ${node.line}`})`;
    if (header?.attrs.status === 'deleted') {
      yield { kind: 'rejected', rejection: { where, reason: 'deleted in the repository' } };
      continue;
    }
    const meta = child(node, 'metadata')?.children[0];
    const draft = meta ? readMetadata(meta) : undefined;
    if (!draft) {
      yield { kind: 'rejected', rejection: { where, reason: `no arXiv, arXivRaw or oai_dc metadata` } };
      continue;
    }
    yield itemFor(makePaper(draft, importedProvenance(options)), where);
  }
}

function readMetadata(meta: XmlNode): PaperDraft | undefined {
  switch (meta.name) {
    case 'arXiv':
      return arxivFormat(meta);
    case 'arXivRaw':
    case 'arXivOld':
      return rawFormat(meta);
    case 'dc':
      return dcFormat(meta);
    default:
      return undefined;
  }
}

function common(meta: XmlNode): PaperDraft {
  const categories = (textOf(meta, 'categories') ?? '').split(/\s+/).filter(Boolean);
  const comments = textOf(meta, 'comments');
  const abstract = textOf(meta, 'abstract');
  return {
    arxivId: textOf(meta, 'id'),
    title: textOf(meta, 'title'),
    abstract,
    primaryCategory: categories[0],
    categories,
    comments,
    journalRef: textOf(meta, 'journal-ref'),
    // arXiv allows several DOIs ("10.1103/A, 10.1103/B"); the first is the paper's own.
    doi: textOf(meta, 'doi')?.split(/[\s,;]+/)[0],
    codeUrls: codeUrlsIn(comments, abstract),
  };
}

function arxivFormat(meta: XmlNode): PaperDraft {
  const authors = childrenNamed(child(meta, 'authors') ?? meta, 'author');
  return {
    ...common(meta),
    authors: authors.map((a) =>
      [textOf(a, 'forenames'), textOf(a, 'keyname'), textOf(a, 'suffix')].filter(Boolean).join(' '),
    ),
    organisations: authors.flatMap((a) => childrenNamed(a, 'affiliation').map((x) => x.text.trim())).filter(Boolean),
    published: textOf(meta, 'created'),
    updated: textOf(meta, 'updated'),
  };
}

function rawFormat(meta: XmlNode): PaperDraft {
  const versions = childrenNamed(meta, 'version').map((v) => textOf(v, 'date'));
  return {
    ...common(meta),
    authors: splitAuthorString(textOf(meta, 'authors') ?? ''),
    published: versions[0],
    updated: versions.at(-1),
  };
}

function dcFormat(meta: XmlNode): PaperDraft {
  const ids = childrenNamed(meta, 'identifier').map((i) => i.text.trim());
  const abstract = childrenNamed(meta, 'description')[0]?.text;
  return {
    arxivId: ids.find((i) => /arxiv\.org\/abs\//.test(i)),
    title: textOf(meta, 'title'),
    authors: childrenNamed(meta, 'creator').map((c) => {
      const [last = '', first = ''] = c.text.split(/\s*,\s*/, 2);
      return first ? `${first} ${last}` : last;
    }),
    abstract,
    published: childrenNamed(meta, 'date')[0]?.text,
    codeUrls: codeUrlsIn(abstract),
  };
}

/** "A, B and C" → [A, B, C]; also "A and B". */
export function splitAuthorString(s: string): string[] {
  return s
    .replace(/\s+/g, ' ')
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((a) => a.trim())
    .filter(Boolean);
}
