/**
 * Search terms and title words on the hot path of indexing. Pure.
 *
 * `normalize.terms` and `normaliseTitle` are the reference: NFKC, TeX, diacritics and Unicode-aware
 * regular expressions. Indexing a million papers calls them on a gigabyte of text, where they cost most
 * of an import's time, although nearly every title and abstract is plain ASCII without TeX. For such text
 * these functions walk the character codes once and give exactly the reference's result (a property test
 * holds them to it); any other text goes to the reference.
 */
import { normaliseTitle, STOP_WORDS, stem, terms } from '../normalize';

/** Plain ASCII without TeX markup (`\`, `$`): the fast path's domain. */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f || c === 0x5c || c === 0x24) return false;
  }
  return true;
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAlnum = (c: number) => isLetter(c) || (c >= 48 && c <= 57);

/**
 * The words of `normaliseTitle(s)` for plain text: lower case; an apostrophe or backtick between two
 * letters removed (the reference's `/(\p{L})['`](\p{L})/g`, which cannot reuse the letter after one
 * removal as the letter before the next: "a'b'c" → "ab c"); every other run of non-alphanumerics a break.
 */
function plainWords(s: string, out: string[]): void {
  let word = '';
  // Index of the last letter consumed as the right-hand side of a removed apostrophe.
  let consumed = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlnum(c)) {
      word += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
      continue;
    }
    if ((c === 0x27 || c === 0x60) && i > 0 && i + 1 < s.length) {
      const before = s.charCodeAt(i - 1);
      const after = s.charCodeAt(i + 1);
      if (isLetter(before) && isLetter(after) && consumed !== i - 1) {
        consumed = i + 1;
        continue;
      }
    }
    if (word !== '') {
      out.push(word);
      word = '';
    }
  }
  if (word !== '') out.push(word);
}

/** `words(normaliseTitle(s))`. */
export function titleWords(s: string): string[] {
  if (!plain(s)) {
    const key = normaliseTitle(s);
    return key === '' ? [] : key.split(' ');
  }
  const lower = s.toLowerCase();
  if (!lower.includes("'") && !lower.includes('`')) return lower.split(BREAKS).filter((w) => w !== '');
  const out: string[] = [];
  plainWords(lower, out);
  return out;
}

const hasDigit = (w: string) => {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
};

/**
 * Word → its term ('' when dropped). A text repeats its words and a corpus its vocabulary, so most words
 * are looked up, not stemmed again; the memo is emptied when it grows past a bound.
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

export function termOf(w: string): string {
  let t = memo.get(w);
  if (t === undefined) {
    t = (w.length < 2 && !hasDigit(w)) || STOP_WORDS.has(w) ? '' : stem(w);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(w, t);
  }
  return t;
}

const BREAKS = /[^a-z0-9]+/;

/** `normalize.terms(s)`: folded words, single letters and stop words dropped, stemmed. */
export function searchTerms(s: string): string[] {
  if (!plain(s)) return terms(s);
  const lower = s.toLowerCase();
  let ws: string[];
  if (lower.includes("'") || lower.includes('`')) {
    ws = [];
    plainWords(lower, ws);
  } else ws = lower.split(BREAKS);
  const out: string[] = [];
  for (const w of ws) {
    if (w === '') continue;
    const t = termOf(w);
    if (t !== '') out.push(t);
  }
  return out;
}

/**
 * The tokens of `s` for indexing: raw lower-case words of plain text (to be turned into terms by
 * `termOf`, once per distinct word), or, for other text, the reference's terms themselves.
 */
export function indexTokens(s: string): { readonly raw: boolean; readonly tokens: readonly string[] } {
  if (!plain(s)) return { raw: false, tokens: terms(s) };
  const lower = s.toLowerCase();
  if (lower.includes("'") || lower.includes('`')) {
    const ws: string[] = [];
    plainWords(lower, ws);
    return { raw: true, tokens: ws };
  }
  return { raw: true, tokens: lower.split(BREAKS) };
}
