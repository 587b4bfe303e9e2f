/** Small text helpers shared by the seed parsers. Pure. */
import { collapseWhitespace } from '../../core/tex';

export { codeUrlsIn } from '../code-urls';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Listing header such as `LGOct 30, 2022` or `LGApr 30, 2019Code`: label, date, code flag. */
export const LISTING_HEADER = new RegExp(`^([A-Z][A-Z-]*?)((?:${MONTHS.join('|')}) \\d{1,2}, \\d{4})(Code)?$`);

export interface ListingHeader {
  readonly label: string;
  readonly date: string;
  readonly hasCode: boolean;
}

export function parseListingHeader(line: string): ListingHeader | undefined {
  const m = LISTING_HEADER.exec(line.trim());
  if (!m) return undefined;
  const date = englishDateToIso(m[2] ?? '');
  return date ? { label: m[1] ?? '', date, hasCode: m[3] !== undefined } : undefined;
}

/** `Oct 30, 2022` → `2022-10-30`. */
export function englishDateToIso(s: string): string | undefined {
  const m = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})$/.exec(s.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1] ?? '') + 1;
  if (month === 0) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${(m[2] ?? '').padStart(2, '0')}`;
}

const NAME_WORD =
  /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:-?\p{Lu}\.)*|van|von|der|de|del|della|da|di|le|la|du|dos|das|Jr\.?)$/u;

/** True when `part` reads as one person's name: 2–5 capitalised words or initials. */
export function isPersonName(part: string): boolean {
  const words = part.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 5 && words.every((w) => NAME_WORD.test(w));
}

export interface AuthorList {
  readonly authors: string[];
  readonly truncated: boolean;
}

/**
 * Reads "A B, C D, E F et al." or "A B, C D(+40 more)". Undefined when any part is not a name, which is
 * how the parsers tell an author line from prose.
 */
export function parseAuthorList(text: string): AuthorList | undefined {
  let s = collapseWhitespace(text);
  let truncated = false;
  const more = /\s*\(\+\d+ more\)$/.exec(s);
  if (more) {
    truncated = true;
    s = s.slice(0, more.index);
  }
  if (/\s+et al\.?$/.test(s)) {
    truncated = true;
    s = s.replace(/\s+et al\.?$/, '');
  }
  const authors = s.split(/\s*,\s*/).filter(Boolean);
  if (authors.length === 0 || !authors.every(isPersonName)) return undefined;
  return { authors, truncated };
}

/** Splits text into paragraphs at blank lines, keeping each paragraph's 1-based first line. */
export function paragraphs(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let current: string[] = [];
  let start = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') {
      if (current.length) out.push({ text: current.join('\n'), line: start });
      current = [];
    } else {
      if (!current.length) start = i + 1;
      current.push(raw);
    }
  });
  if (current.length) out.push({ text: current.join('\n'), line: start });
  return out;
}

/** `1,297` → 1297. */
export function parseCount(s: string): number | undefined {
  const n = Number(s.replace(/,/g, ''));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
