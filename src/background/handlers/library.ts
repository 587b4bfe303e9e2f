/** Answers to the popup and the library page: search and the reading list. */
import { authorKey } from '../../core/authors';
import { getPaper } from '../../db/papers';
import { getEntry, listEntries, newEntry, putEntry, removeEntry, savedIds } from '../../db/reading-list';
import type { SearchFilter } from '../../engine/search';
import type { SearchFilters } from '../../messaging/protocol';
import { BadRequest, type HandlerDeps, type HandlerGroup, pagePaper } from './deps';

type LibraryTypes = 'search/query' | 'readingList/toggle' | 'readingList/list';

function filterOf(f: SearchFilters | undefined, saved: ReadonlySet<string>): SearchFilter {
  if (f === undefined) return {};
  if (typeof f !== 'object' || f === null) throw new BadRequest('filters must be an object');
  const year = (v: unknown) => (typeof v === 'number' && v > 1900 && v < 3000 ? v : undefined);
  const list = (v: unknown) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length <= 50 ? (v as string[]) : undefined;
  const yearFrom = year(f.yearFrom);
  const yearTo = year(f.yearTo);
  const categories = list(f.categories);
  const authors = list(f.authors);
  return {
    ...(yearFrom ? { yearFrom } : {}),
    ...(yearTo ? { yearTo } : {}),
    ...(categories?.length ? { categories } : {}),
    ...(authors?.length ? { authors } : {}),
    ...(typeof f.saved === 'boolean' ? { saved: { has: (id) => saved.has(id), want: f.saved } } : {}),
  };
}

export function libraryHandlers({ db, engine, now }: HandlerDeps): HandlerGroup<LibraryTypes> {
  return {
    async 'search/query'(data) {
      if (typeof data.query !== 'string' || data.query.length > 500) throw new BadRequest('query must be text');
      const limit = Math.min(Math.max(Number(data.limit ?? 20) || 20, 1), 200);
      const d = await db();
      const savedAll =
        data.filters?.saved === undefined ? new Set<string>() : new Set(await d.getAllKeys('readingList'));
      const { hits, total } = await engine.search(data.query, limit, filterOf(data.filters, savedAll));
      const saved = new Set(
        await savedIds(
          d,
          hits.map((h) => h.id),
        ),
      );
      return {
        total,
        hits: await Promise.all(
          hits.map(async (h) => {
            const p = await engine.paper(h.id);
            return {
              id: h.id,
              title: h.title,
              authors: p ? p.authors.map((a) => a.name) : [],
              ...(h.year ? { year: h.year } : {}),
              score: h.score,
              saved: saved.has(h.id),
              highlights: {
                title: h.highlights.title.map((s) => ({ text: s.text, match: s.match })),
                authors: h.highlights.authors.map((s) => ({ text: s.text, match: s.match })),
                ...(h.highlights.abstract
                  ? { abstract: h.highlights.abstract.map((s) => ({ text: s.text, match: s.match })) }
                  : {}),
              },
            };
          }),
        ),
      };
    },

    async 'readingList/toggle'(data) {
      const paper = pagePaper(data.paper);
      const d = await db();
      if (await getEntry(d, paper.id)) {
        await removeEntry(d, paper.id);
        return { saved: false };
      }
      const corpus = await getPaper(d, paper.id);
      const source = corpus ?? {
        id: paper.id,
        title: paper.title,
        authors: paper.authors.map((name) => ({ name, key: authorKey(name) })),
      };
      await putEntry(d, newEntry(source, now()));
      return { saved: true };
    },

    async 'readingList/list'() {
      return { entries: await listEntries(await db()) };
    },
  };
}
