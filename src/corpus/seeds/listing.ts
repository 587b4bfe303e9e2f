/**
 * Seed format "listing" (seed 004): per paper a `LGSep 25, 2023` line (with `Code` appended when the
 * page flags code), then one line where the title runs straight into the author list
 * ("…instabilitiesMitchell Wortsman, Peter J. Liu, Lechao Xiao et al. · anthropic, deepmind"), then the
 * abstract on its own line.
 */
import { collapseWhitespace } from '../../core/tex';
import { codeUrlsIn, parseAuthorList, parseListingHeader } from './text';
import type { SeedEntry, SeedParser } from './types';

export const listing: SeedParser = {
  kind: 'listing',
  description: 'listing page',
  recognise: (text) => parseListingHeader(text.trimStart().split('\n')[0] ?? '') !== undefined,
  parse(text, file) {
    const lines = text.split(/\r?\n/);
    const entries: SeedEntry[] = [];
    for (let i = 0; i < lines.length; i++) {
      const header = parseListingHeader(lines[i] ?? '');
      if (!header) continue;
      const byline = splitTitleAndAuthors(lines[i + 1] ?? '');
      const body: string[] = [];
      for (let j = i + 2; j < lines.length && !parseListingHeader(lines[j] ?? ''); j++) body.push(lines[j] ?? '');
      const abstract = collapseWhitespace(body.join(' '));
      const codeUrls = codeUrlsIn(abstract);
      entries.push({
        file,
        line: i + 1,
        label: header.label,
        date: header.date,
        title: byline.title,
        ...(byline.authors ? { authors: byline.authors, authorsTruncated: byline.truncated } : {}),
        ...(byline.organisations.length ? { organisations: byline.organisations } : {}),
        ...(abstract ? { abstract } : {}),
        ...(header.hasCode || codeUrls.length ? { hasCode: true } : {}),
        ...(codeUrls.length ? { codeUrls } : {}),
      });
    }
    return { file, kind: 'listing', entries, authorStats: [] };
  },
};

export interface Byline {
  readonly title: string;
  readonly authors?: readonly string[];
  readonly truncated: boolean;
  readonly organisations: readonly string[];
}

/**
 * The page prints title and authors with no separator. Every place where a lower-case letter or
 * closing punctuation touches a capital is a candidate cut; the first cut after which the rest reads as
 * a list of names wins. Camel-case words in titles ("AdaNet") are cut candidates too, but what follows
 * them is not a name list, so they lose.
 */
export function splitTitleAndAuthors(line: string): Byline {
  const [main = '', orgs] = line.split(/\s+·\s+/, 2);
  const organisations = orgs ? orgs.split(/\s*,\s*/).filter(Boolean) : [];
  const text = main.trim();
  const cut = /[\p{Ll}\d?!.)"'’]\p{Lu}/gu;
  for (let m = cut.exec(text); m; m = cut.exec(text)) {
    const at = m.index + 1;
    const list = parseAuthorList(text.slice(at));
    if (list)
      return { title: text.slice(0, at).trim(), authors: list.authors, truncated: list.truncated, organisations };
    cut.lastIndex = at;
  }
  return { title: text, truncated: false, organisations };
}
