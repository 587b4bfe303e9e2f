/**
 * Author identity across name forms. Pure.
 *
 * The key is `surname|first-initial`, folded to ASCII lower case: "Daniel A. Roberts", "Daniel Roberts",
 * "D. A. Roberts" and "Roberts, Daniel A." all become `roberts|d`, while "Yasaman Bahri" and
 * "Daniel Roberts" stay apart. Two people who share a surname *and* a first initial do merge; that is the
 * price of merging initials, and the author view shows the name forms it merged.
 */

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'da',
  'di',
  'le',
  'la',
  'du',
  'dos',
  'das',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** Folds diacritics and case: "Raventós" → "raventos". */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[ø]/g, 'o')
    .replace(/[ł]/g, 'l')
    .toLowerCase();
}

/** Splits a display name into given names and surname, handling "Surname, Given" and particles. */
export function splitName(name: string): { given: string[]; surname: string } {
  const clean = name.replace(/\s+/g, ' ').trim();
  let given: string[];
  let surnameParts: string[];
  if (clean.includes(',')) {
    const [last = '', first = ''] = clean.split(',', 2);
    surnameParts = last.trim().split(' ');
    given = first
      .trim()
      .split(/[\s.]+/)
      .filter(Boolean);
  } else {
    const words = clean.split(' ').filter(Boolean);
    while (words.length > 1 && SUFFIXES.has(foldName(words[words.length - 1] ?? '').replace(/\./g, ''))) words.pop();
    let i = words.length - 1;
    // Pull particles into the surname: "Ludwig van Beethoven" → surname "van Beethoven".
    while (i > 1 && PARTICLES.has(foldName(words[i - 1] ?? ''))) i--;
    surnameParts = words.slice(i);
    given = words
      .slice(0, i)
      .flatMap((w) => w.split('.'))
      .filter(Boolean);
  }
  return { given, surname: surnameParts.join(' ') };
}

export function authorKey(name: string): string {
  const { given, surname } = splitName(name);
  const last = foldName(surname).replace(/[^a-z0-9]+/g, '');
  const initial = foldName(given[0] ?? '')
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 1);
  return `${last}|${initial}`;
}
