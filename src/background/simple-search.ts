/**
 * A plain token search over titles and authors, used until the engine's ranked index is wired in.
 * Every query token must prefix-match a word of the title or an author name.
 */
import type { Paper } from '../core/paper';

const words = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export function simpleSearch(papers: readonly Paper[], query: string): Paper[] {
  const q = words(query);
  if (q.length === 0) return [];
  const scored: { p: Paper; s: number }[] = [];
  for (const p of papers) {
    const title = words(p.title);
    const authors = p.authors.flatMap((a) => words(a.name));
    let s = 0;
    for (const t of q) {
      const inTitle = title.some((w) => w.startsWith(t));
      const inAuthors = authors.some((w) => w.startsWith(t));
      if (!inTitle && !inAuthors) {
        s = 0;
        break;
      }
      s += (inTitle ? 2 : 0) + (inAuthors ? 1 : 0);
    }
    if (s > 0) scored.push({ p, s });
  }
  scored.sort((a, b) => b.s - a.s || (b.p.published ?? '').localeCompare(a.p.published ?? ''));
  return scored.map((x) => x.p);
}
