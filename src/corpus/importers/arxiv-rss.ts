/**
 * arXiv RSS feeds, both generations:
 * - RSS 2.0 (rss.arxiv.org, since 2024): `<link>` to the abs page, `<description>` of the form
 *   "arXiv:2604.21952v1 Announce Type: new \nAbstract: …", `<category>` per category (primary first),
 *   `<dc:creator>` a comma-separated author list, `<pubDate>` the announcement date;
 * - RSS 1.0 / RDF (to 2023): titles "Title. (arXiv:2309.14322v2 [cs.LG] UPDATED)", HTML descriptions
 *   ("<p>…</p>" as escaped text), `<dc:creator>` HTML links to author searches, with
 *   "et al. (909 additional authors not shown)" for long lists.
 * The feed date is the announcement, not the submission: it is kept as a listing date, never as
 * `published`.
 */

import { codeUrlsIn } from '../code-urls';
import type { TextInput } from './chunks';
import { isoDate, makePaper } from './draft';
import { type ImportItem, type ImportOptions, importedProvenance, itemFor } from './report';
import { childrenNamed, textOf, xmlRecords } from './xml';

const RECORDS = new Set(['item']);
const OLD_TITLE = /^(.*?)\.?\s*\(arXiv:(\S+?)(?:v\d+)?\s+\[([^\]]+)\](?:\s+[A-Z ]+)?\)\s*$/s;

export async function* importArxivRss(input: TextInput, options: ImportOptions): AsyncGenerator<ImportItem> {
  let n = 0;
  for await (const ev of xmlRecords(input, RECORDS)) {
    if (ev.kind === 'error') {
      yield { kind: 'fatal', error: `malformed XML: ${ev.message}`, where: `line ${ev.line}` };
      return;
    }
    if (ev.kind === 'root') {
      if (ev.name !== 'rss' && ev.name !== 'RDF') {
        yield { kind: 'fatal', error: `not an RSS feed (root element <${ev.name}>)` };
        return;
      }
      continue;
    }
    const item = ev.node;
    n++;
    let title = textOf(item, 'title') ?? '';
    let primary: string | undefined;
    let id = textOf(item, 'link') ?? item.attrs.about;
    const old = OLD_TITLE.exec(title);
    if (old) {
      title = old[1] ?? '';
      id = old[2];
      primary = old[3];
    }
    const description = stripHtml(textOf(item, 'description') ?? '');
    const abstract = description.replace(/^arXiv:\S+\s+Announce Type:\s*\S+\s*/, '').replace(/^Abstract:\s*/, '');
    const { authors, truncated } = creators(textOf(item, 'creator') ?? '');
    const categories = childrenNamed(item, 'category').map((c) => c.text.trim());
    const date = isoDate(textOf(item, 'pubDate') ?? textOf(item, 'date'));
    const draft = {
      arxivId: id,
      title,
      authors,
      authorsTruncated: truncated,
      abstract,
      primaryCategory: primary ?? categories[0],
      categories: primary ? [primary] : categories,
      codeUrls: codeUrlsIn(abstract),
      listing: { source: `arXiv RSS (${options.file})`, ...(date ? { date } : {}) },
    };
    yield itemFor(makePaper(draft, importedProvenance(options)), `item ${n} (line ${item.line})`);
  }
}

/** Removes tags and decodes the few entities HTML-in-XML leaves after the XML layer has decoded once. */
export function stripHtml(s: string): string {
  return s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "A, B and C" or the RDF HTML list, with "et al. (N additional authors not shown)" → truncated. */
function creators(raw: string): { authors: string[]; truncated: boolean } {
  let s = stripHtml(raw);
  const truncated = /\bet al\.?|additional authors not shown/.test(s);
  s = s.replace(/,?\s*et al\.?\s*(\(\d+ additional authors not shown\))?/, '');
  const authors = s
    // "LHCb collaboration: R. Aaij, …" names the collaboration, then its first author.
    .split(/\s*,\s*|\s+and\s+|(?<=[Cc]ollaboration)\s*:\s*/)
    .map((a) => a.replace(/\s*\([^)]*\)\s*$/, '').trim())
    .filter(Boolean);
  return { authors, truncated };
}
