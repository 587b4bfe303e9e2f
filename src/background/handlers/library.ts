/** Answers to the popup and the library page: search, the reading list, library views, exports, backups. */
import { applyPatch, type EntryPatch, validatePatch } from '../../backup/entry';
import { type Backup, describePlan, parseBackup } from '../../backup/format';
import { authorKey } from '../../core/authors';
import { err, ok, type Paper, type PaperId, type Result } from '../../core/paper';
import { planBackupRestore, readBackup, restoreBackup } from '../../db/backup';
import type { Database } from '../../db/database';
import { getPaper } from '../../db/papers';
import { getEntry, listEntries, newEntry, putEntry, removeEntry, savedIds } from '../../db/reading-list';
import type { ReadingListEntry } from '../../db/schema';
import { toBibtex, toCslJson, toCsv, toMarkdown, toRis } from '../../engine/export';
import { HAS_CODE, KEYWORD } from '../../engine/index/analyze';
import type { QueryFilter } from '../../engine/index/query';
import { aiShare } from '../../engine/novelty';
import { TOPICS } from '../../engine/topics';
import type { CorpusSort, ExportFormat, PaperRow, SearchFilters } from '../../messaging/library';
import { bool, empty, oneOf, optional, pagePaper, paperId, paperIds, shape, text } from '../../messaging/parse';
import type { RelatedPaper } from '../../messaging/protocol';
import { recordRemovals } from '../../sync/service';
import { readingListChanged } from '../../sync/signal';
import { corpusTable, isCorpusSort, subsetTable } from '../corpus-table';
import { authorNovelty } from '../novelty';
import { BadRequest, type HandlerDeps, type HandlerGroup, handler } from './deps';
import { relatedView, statsView, yearOf } from './views';

type LibraryTypes =
  | 'search/query'
  | 'readingList/toggle'
  | 'readingList/list'
  | 'readingList/add'
  | 'readingList/update'
  | 'readingList/updateMany'
  | 'readingList/remove'
  | 'library/corpus'
  | 'library/author'
  | 'library/topic'
  | 'library/paper'
  | 'library/export'
  | 'backup/export'
  | 'backup/import';

/** Search filters as sent: an object; fields that are not what they should be are ignored. */
function searchFilters(v: unknown): Result<SearchFilters | undefined> {
  if (v === undefined) return ok(undefined);
  if (typeof v !== 'object' || v === null) return err('filters must be an object');
  const f = v as Record<string, unknown>;
  const year = (x: unknown) => (typeof x === 'number' && x > 1900 && x < 3000 ? x : undefined);
  const list = (x: unknown) =>
    Array.isArray(x) && x.every((y) => typeof y === 'string') && x.length <= 50 ? (x as string[]) : undefined;
  const yearFrom = year(f.yearFrom);
  const yearTo = year(f.yearTo);
  const categories = list(f.categories);
  const authors = list(f.authors);
  return ok({
    ...(yearFrom ? { yearFrom } : {}),
    ...(yearTo ? { yearTo } : {}),
    ...(categories?.length ? { categories } : {}),
    ...(authors?.length ? { authors } : {}),
    ...(typeof f.saved === 'boolean' ? { saved: f.saved } : {}),
  });
}

function filterOf(f: SearchFilters | undefined, saved: ReadonlySet<string>): QueryFilter {
  if (f === undefined) return {};
  const { saved: want, ...rest } = f;
  return { ...rest, ...(want !== undefined ? { saved: { ids: saved, want } } : {}) };
}

/** How many results a search answers: 20 unless asked, between 1 and 200. */
const searchLimit = (v: unknown) => ok(Math.min(Math.max(Number(v ?? 20) || 20, 1), 200));

const searchRequest = shape({ query: text('query', 500), limit: searchLimit, filters: searchFilters });

type CorpusRequest = {
  query: string;
  sort: CorpusSort;
  descending?: boolean;
  offset: number;
  limit: number;
  saved?: boolean;
  /** Only papers with code (the `!h:code` keyword). */
  hasCode?: boolean;
};
/** The corpus table's window: lenient (a bad value falls back to its default), as the table sends it. */
const corpusRequest = (v: unknown): Result<CorpusRequest> => {
  if (typeof v !== 'object' || v === null) return err('the payload must be an object');
  const data = v as Record<string, unknown>;
  const sort: CorpusSort = isCorpusSort(data.sort) ? data.sort : 'year';
  return ok({
    query: typeof data.query === 'string' ? data.query.trim().slice(0, 500) : '',
    sort,
    ...(typeof data.descending === 'boolean' ? { descending: data.descending } : {}),
    offset: Math.max(0, Math.floor(Number(data.offset) || 0)),
    limit: Math.min(Math.max(Math.floor(Number(data.limit) || 50), 1), 500),
    ...(typeof data.saved === 'boolean' ? { saved: data.saved } : {}),
    ...(data.hasCode === true ? { hasCode: true } : {}),
  });
};

const patchOf = (v: unknown): Result<EntryPatch> => validatePatch(v);

const backupRequest = (v: unknown): Result<{ backup: Backup; apply: boolean }> => {
  const data = (typeof v === 'object' && v !== null ? v : {}) as { backup?: unknown; apply?: unknown };
  const parsed = parseBackup(data.backup);
  return parsed.ok ? ok({ backup: parsed.value, apply: data.apply === true }) : parsed;
};

function rowOf(p: Paper, saved: boolean): PaperRow {
  const year = yearOf(p);
  const category = p.primaryCategory ?? p.categories?.[0];
  return {
    id: p.id,
    title: p.title,
    authors: p.authors.slice(0, 3).map((a) => a.name),
    authorCount: p.authors.length,
    ...(year ? { year } : {}),
    ...(category ? { category } : {}),
    saved,
  };
}

/** A saved paper the corpus does not (or no longer) hold, as the entry remembers it. */
function paperFromEntry(e: ReadingListEntry): Paper {
  return {
    id: e.paperId,
    title: e.title,
    authors: e.authors.map((name) => ({ name, key: authorKey(name) })),
    provenance: [],
  };
}

/** Papers a topic view lists, newest first. */
const TOPIC_ROWS = 5000;

const FORMATS: Record<ExportFormat, { ext: string; mime: string }> = {
  bibtex: { ext: 'bib', mime: 'application/x-bibtex' },
  'csl-json': { ext: 'json', mime: 'application/vnd.citationstyles.csl+json' },
  ris: { ext: 'ris', mime: 'application/x-research-info-systems' },
  csv: { ext: 'csv', mime: 'text/csv' },
  markdown: { ext: 'md', mime: 'text/markdown' },
};

const exportRequest = shape({
  ids: paperIds('ids', 100_000),
  format: oneOf('format', Object.keys(FORMATS) as ExportFormat[]),
});

export function libraryHandlers({ db, engine, now, settings, saveSettings }: HandlerDeps): HandlerGroup<LibraryTypes> {
  const changed = async (d: Database, removed: readonly PaperId[] = []) => {
    if (removed.length) await recordRemovals(d, removed, now());
    readingListChanged();
  };

  const addIds = async (requested: readonly PaperId[]) => {
    const ids = [...new Set(requested)];
    const d = await db();
    const have = new Set(await savedIds(d, ids));
    let added = 0;
    for (const id of ids) {
      if (have.has(id)) continue;
      const p = (await engine.paper(id)) ?? (await getPaper(d, id));
      if (!p) continue;
      await putEntry(d, newEntry(p, now()));
      added++;
    }
    if (added) await changed(d);
    return added;
  };

  return {
    'search/query': handler(searchRequest, async (data) => {
      const { limit } = data;
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
            return {
              id: h.id,
              title: h.title,
              authors: [...h.authors],
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
    }),

    'readingList/toggle': handler(
      shape({ paper: pagePaper, saved: optional(bool('saved')) }),
      async ({ paper, saved }) => {
        const d = await db();
        const entry = await getEntry(d, paper.id);
        // With the state wanted, the message is safe to repeat: a retry after a lost answer changes nothing.
        if (saved !== undefined && saved === (entry !== undefined)) return { saved };
        if (entry) {
          await removeEntry(d, paper.id);
          await changed(d, [paper.id]);
          return { saved: false };
        }
        const corpus = await getPaper(d, paper.id);
        const source = corpus ?? {
          id: paper.id,
          title: paper.title,
          authors: paper.authors.map((name) => ({ name, key: authorKey(name) })),
        };
        await putEntry(d, newEntry(source, now()));
        await changed(d);
        return { saved: true };
      },
    ),

    'readingList/list': handler(empty, async () => {
      return { entries: await listEntries(await db()) };
    }),

    'readingList/add': handler(shape({ ids: paperIds('ids') }), async ({ ids }) => {
      return { added: await addIds(ids) };
    }),

    'readingList/update': handler(shape({ id: paperId('id'), patch: patchOf }), async ({ id, patch }) => {
      const d = await db();
      const old = await getEntry(d, id);
      if (!old) throw new BadRequest(`${id} is not on the reading list`);
      const entry = applyPatch(old, patch, now());
      if (entry !== old) {
        await putEntry(d, entry);
        await changed(d);
      }
      return { entry };
    }),

    'readingList/updateMany': handler(
      shape({ ids: paperIds('ids', 100_000), patch: patchOf }),
      async ({ ids, patch }) => {
        const d = await db();
        const tx = d.transaction('readingList', 'readwrite');
        const olds = await Promise.all(ids.map((id) => tx.store.get(id)));
        const at = now();
        const writes: Promise<unknown>[] = [];
        for (const old of olds) {
          if (!old) continue;
          const next = applyPatch(old, patch, at);
          if (next !== old) writes.push(tx.store.put(next));
        }
        await Promise.all([...writes, tx.done]);
        if (writes.length) await changed(d);
        return { updated: writes.length };
      },
    ),

    'readingList/remove': handler(shape({ ids: paperIds('ids', 100_000) }), async ({ ids }) => {
      const d = await db();
      const tx = d.transaction('readingList', 'readwrite');
      const keys = await Promise.all(ids.map((id) => tx.store.getKey(id)));
      const gone = ids.filter((_, i) => keys[i] !== undefined);
      await Promise.all([...gone.map((id) => tx.store.delete(id)), tx.done]);
      if (gone.length) await changed(d, gone);
      return { removed: gone.length };
    }),

    'library/corpus': handler(corpusRequest, async (data) => {
      const { offset, limit, sort, query, saved, hasCode } = data;
      const d = await db();
      const savedAll = new Set<string>(await d.getAllKeys('readingList'));
      let ids: readonly PaperId[];
      let total: number;
      // Papers with code, from the keyword's postings: no paper record is read to filter.
      const withCode = hasCode ? (await engine.keywordIds(HAS_CODE)).ids : undefined;
      if (query) {
        // A query ranks (up to 2,000 matches); the table then shows them in rank order.
        const filter = saved === undefined ? {} : { saved: { ids: savedAll, want: saved } };
        const { hits } = await engine.search(query, 2000, filter);
        const codeSet = withCode && new Set<string>(withCode);
        const kept = codeSet ? hits.filter((h) => codeSet.has(h.id)) : hits;
        total = kept.length;
        ids = kept.slice(offset, offset + limit).map((h) => h.id);
      } else if (withCode) {
        const descending = data.descending ?? sort === 'year';
        ({ ids, total } = await subsetTable(engine, withCode, {
          sort,
          descending,
          offset,
          limit,
          saved,
          savedIds: savedAll,
        }));
      } else {
        const descending = data.descending ?? sort === 'year';
        ({ ids, total } = await corpusTable(engine, { sort, descending, offset, limit, saved, savedIds: savedAll }));
      }
      const papers = await engine.papers(ids);
      return { total, rows: papers.flatMap((p) => (p ? [rowOf(p, savedAll.has(p.id))] : [])) };
    }),

    'library/author': handler(shape({ key: text('key', 300) }), async (data) => {
      const a = (await engine.authorProfile(data.key)) ?? (await engine.authorProfile(authorKey(data.key)));
      if (!a) return { author: null };
      const saved = new Set<string>(await savedIds(await db(), a.papers));
      const records = (await engine.papers(a.papers)).filter((p): p is Paper => p !== undefined);
      const papers = records.map((p) => rowOf(p, saved.has(p.id)));
      const novelty = await authorNovelty(engine, records);
      const ai = aiShare(records);
      return {
        author: {
          key: a.key,
          name: a.name,
          nameForms: a.nameForms,
          papers,
          coauthors: a.coauthors.slice(0, 30),
          topics: a.topics.slice(0, 20),
          ...(a.years ? { years: a.years } : {}),
          organisations: a.organisations,
          ...(novelty ? { novelty } : {}),
          ...(ai === undefined ? {} : { aiScore: ai }),
          ...(a.stats ? { stats: statsView(a.stats) } : {}),
        },
      };
    }),

    'library/topic': handler(shape({ id: text('id', 200) }), async (data) => {
      // A taxonomy topic, or else an arXiv category: both are keywords of the index.
      const topic = TOPICS.find((t) => t.id === data.id);
      const { ids } = await engine.keywordIds((topic ? KEYWORD.topic : KEYWORD.category) + data.id, TOPIC_ROWS);
      const saved = new Set<string>(await savedIds(await db(), ids));
      const papers = await engine.papers(ids);
      return {
        label: topic?.label ?? data.id,
        papers: papers.flatMap((p) => (p ? [rowOf(p, saved.has(p.id))] : [])),
      };
    }),

    'library/paper': handler(shape({ id: paperId('id') }), async ({ id }) => {
      const d = await db();
      const entry = (await getEntry(d, id)) ?? null;
      const paper = (await engine.paper(id)) ?? null;
      if (!paper) return { paper: null, entry, related: [], topics: [] };
      const draft = {
        title: paper.title,
        abstract: paper.abstract,
        authors: paper.authors.map((a) => a.name),
        ...(paper.categories ? { categories: paper.categories } : {}),
      };
      const [related, tags] = await Promise.all([
        engine.relatedTo({ ...draft, id }, 10),
        engine.tags({ ...draft, id }),
      ]);
      const saved = new Set(
        await savedIds(
          d,
          related.map((r) => r.id),
        ),
      );
      const out: RelatedPaper[] = [];
      const relatedPapers = await engine.papers(related.map((r) => r.id));
      related.forEach((r, i) => {
        const p = relatedPapers[i];
        if (p) out.push(relatedView(r, p, saved.has(r.id)));
      });
      return {
        paper,
        entry,
        related: out,
        topics: tags.map((t) => ({ kind: t.kind, id: t.id, label: t.label, why: t.why })),
      };
    }),

    'library/export': handler(exportRequest, async ({ ids, format }) => {
      const d = await db();
      const tx = d.transaction('readingList');
      const entries = await Promise.all(ids.map((id) => tx.store.get(id)));
      await tx.done;
      const papers: Paper[] = [];
      const notes = new Map<string, string>();
      const tags = new Map<string, readonly string[]>();
      const corpus = await engine.papers(ids);
      for (const [i, id] of ids.entries()) {
        const e = entries[i];
        const p = corpus[i] ?? (e ? paperFromEntry(e) : undefined);
        if (!p) continue;
        papers.push(p);
        if (e?.notes) notes.set(id, e.notes);
        if (e?.tags.length) tags.set(id, e.tags);
      }
      const extras = { notes, tags };
      const text =
        format === 'bibtex'
          ? toBibtex(papers, extras)
          : format === 'csl-json'
            ? `${JSON.stringify(toCslJson(papers, extras), null, 2)}\n`
            : format === 'ris'
              ? toRis(papers, extras)
              : format === 'csv'
                ? toCsv(papers, extras, { guardFormulas: true })
                : toMarkdown(papers, extras);
      const { ext, mime } = FORMATS[format];
      return { text, filename: `paperlens-${now().toISOString().slice(0, 10)}.${ext}`, mime };
    }),

    'backup/export': handler(empty, async () => {
      const s = await settings();
      return { backup: await readBackup(await db(), { ...s }, now()) };
    }),

    'backup/import': handler(backupRequest, async ({ backup, apply }) => {
      const d = await db();
      const plan = await planBackupRestore(d, backup, { ...(await settings()) });
      if (!apply) return { plan, summary: describePlan(plan), applied: false };
      await restoreBackup(d, backup);
      engine.invalidate();
      if (saveSettings) await saveSettings(backup.settings);
      readingListChanged();
      return { plan, summary: describePlan(plan), applied: true };
    }),
  };
}
