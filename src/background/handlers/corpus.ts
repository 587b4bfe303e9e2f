/** Answers to the options page: what the corpus holds, its imports, and telling the engine it changed. */
import corpus from '../../../data/corpus.json';
import { err, ok } from '../../core/paper';
import { validateBundle } from '../../corpus/bundle';
import type { Database } from '../../db/database';
import { removeImport } from '../../db/imports';
import { checkRecords, repairRecords } from '../../db/integrity';
import { KEYWORD } from '../../engine/index/analyze';
import { empty, optional, shape } from '../../messaging/parse';
import { readingListChanged } from '../../sync/signal';
import { installBundle, installedCorpusVersion } from '../install';
import { BadRequest, type HandlerDeps, type HandlerGroup, handler } from './deps';

type CorpusType =
  | 'corpus/status'
  | 'corpus/categories'
  | 'corpus/imports'
  | 'corpus/changed'
  | 'corpus/removeImport'
  | 'corpus/resetBundled'
  | 'corpus/integrity'
  | 'corpus/repair';

const categoryLimit = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 500
    ? ok(v)
    : err('limit must be an integer from 1 to 500');

const importIdOf = (v: unknown) =>
  typeof v === 'string' && v !== '' && v.length <= 200 ? ok(v) : err('importId must be a non-empty string');

export function corpusHandlers({ db, engine, now }: HandlerDeps): HandlerGroup<CorpusType> {
  // Commits update the index with the papers (src/db/corpus.ts): "changed" only reports the revision.
  const changed = async (_d?: Database) => {
    engine.invalidate();
    return (await engine.snapshot()).revision;
  };
  return {
    'corpus/status': handler(empty, async () => {
      const d = await db();
      const [counts, saved, corpusVersion] = await Promise.all([
        engine.counts(),
        d.count('readingList'),
        installedCorpusVersion(d),
      ]);
      return { ...counts, saved, corpusVersion };
    }),

    'corpus/categories': handler(shape({ limit: optional(categoryLimit) }), async ({ limit }) => {
      // One count per distinct category (a few hundred at most), from the index: not a walk over every paper.
      const all = (await engine.keywordCounts(KEYWORD.category)).map((k) => ({
        category: k.keyword.slice(KEYWORD.category.length),
        papers: k.papers,
      }));
      return { categories: all.slice(0, limit ?? 30), distinct: all.length };
    }),

    'corpus/imports': handler(empty, async () => {
      const imports = await (await db()).getAll('imports');
      return { imports: imports.sort((a, b) => b.at.localeCompare(a.at)) };
    }),

    'corpus/changed': handler(empty, async () => {
      return { revision: await changed(await db()) };
    }),

    'corpus/removeImport': handler(shape({ importId: importIdOf }), async ({ importId }) => {
      const d = await db();
      if (!(await d.get('imports', importId))) throw new BadRequest(`no import ${JSON.stringify(importId)}`);
      const result = await removeImport(d, importId);
      await changed(d);
      return result;
    }),

    'corpus/resetBundled': handler(empty, async () => {
      const bundle = validateBundle(corpus);
      if (!bundle.ok) throw new Error(`the bundled corpus is invalid: ${bundle.error}`);
      const d = await db();
      // installBundle skips a version it finds installed; forgetting it makes it reinstall as shipped.
      await d.delete('meta', 'corpusVersion');
      await installBundle(d, bundle.value);
      await changed(d);
      return { corpusVersion: bundle.value.corpusVersion };
    }),

    'corpus/integrity': handler(empty, async () => {
      const { papers, entries } = await checkRecords(await db());
      return { papers: papers.length, entries: entries.length };
    }),

    'corpus/repair': handler(empty, async () => {
      const d = await db();
      const result = await repairRecords(d, now());
      if (result.removedPapers) await changed(d);
      if (result.repairedEntries || result.removedEntries) readingListChanged();
      return result;
    }),
  };
}
