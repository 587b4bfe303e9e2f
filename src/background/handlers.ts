/**
 * The background's answers to every message. Thin: each handler validates its payload and calls the
 * database or engine modules. Tested in Node against fake-indexeddb.
 */
import { authorKey } from '../core/authors';
import { isPaperId, type PaperId } from '../core/paper';
import type { Database } from '../db/database';
import { allPapers, countPapers, getPaper, getPapers } from '../db/papers';
import { getEntry, listEntries, newEntry, putEntry, removeEntry, savedIds } from '../db/reading-list';
import type { Messages, MessageType, PagePaper, Request, Response } from '../messaging/protocol';
import { installedCorpusVersion } from './install';
import { simpleSearch } from './simple-search';

export class BadRequest extends Error {
  override name = 'BadRequest';
}

export interface HandlerDeps {
  readonly db: () => Promise<Database>;
  readonly now: () => Date;
}

type Handlers = { [K in MessageType]: (data: Messages[K]['req']) => Promise<Response<K>> };

function ids(v: unknown, max = 5000): PaperId[] {
  if (!Array.isArray(v) || v.length > max || !v.every((x) => typeof x === 'string' && isPaperId(x)))
    throw new BadRequest(`ids must be a list of at most ${max} paper ids`);
  return v as PaperId[];
}

function pagePaper(v: unknown): PagePaper {
  const p = v as Partial<PagePaper> | null;
  if (
    !p ||
    typeof p.id !== 'string' ||
    !isPaperId(p.id) ||
    typeof p.title !== 'string' ||
    !Array.isArray(p.authors) ||
    !p.authors.every((a) => typeof a === 'string') ||
    typeof p.url !== 'string'
  )
    throw new BadRequest('paper must have id, title, authors and url');
  return p as PagePaper;
}

export function createHandlers({ db, now }: HandlerDeps): Handlers {
  return {
    async 'search/query'(data) {
      if (typeof data.query !== 'string' || data.query.length > 500) throw new BadRequest('query must be text');
      const limit = Math.min(Math.max(Number(data.limit ?? 20) || 20, 1), 200);
      const d = await db();
      const matches = simpleSearch(await allPapers(d), data.query);
      const top = matches.slice(0, limit);
      const saved = new Set(
        await savedIds(
          d,
          top.map((p) => p.id),
        ),
      );
      return {
        total: matches.length,
        hits: top.map((p, i) => ({
          id: p.id,
          title: p.title,
          authors: p.authors.map((a) => a.name),
          ...(p.published ? { year: Number(p.published.slice(0, 4)) } : {}),
          score: matches.length - i,
          saved: saved.has(p.id),
        })),
      };
    },
    async 'papers/lookup'(data) {
      const wanted = ids(data.ids);
      const d = await db();
      const found = await getPapers(d, wanted);
      return { inCorpus: wanted.filter((id) => found.has(id)), saved: await savedIds(d, wanted) };
    },
    async 'papers/get'(data) {
      const [id] = ids([data.id], 1);
      return { paper: (await getPaper(await db(), id as PaperId)) ?? null };
    },
    async 'corpus/status'() {
      const d = await db();
      const [papers, bundled, learned, imported, saved, corpusVersion] = await Promise.all([
        countPapers(d),
        countPapers(d, 'bundled'),
        countPapers(d, 'learned'),
        countPapers(d, 'imported'),
        d.count('readingList'),
        installedCorpusVersion(d),
      ]);
      return { papers, bundled, learned, imported, saved, corpusVersion };
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

/** Dispatches a parsed request to its handler. */
export function dispatch(handlers: Handlers, request: Request): Promise<unknown> {
  const handler = handlers[request.type] as (data: unknown) => Promise<unknown>;
  return handler(request.data);
}
