/** Answers to the options page: what the corpus holds, its imports, and telling the engine it changed. */
import corpus from '../../../data/corpus.json';
import { validateBundle } from '../../corpus/bundle';
import type { Database } from '../../db/database';
import { removeImport } from '../../db/imports';
import { checkRecords, repairRecords } from '../../db/integrity';
import { KEYWORD } from '../../engine/index/analyze';
import { readingListChanged } from '../../sync/signal';
import { installBundle, installedCorpusVersion } from '../install';
import { BadRequest, type HandlerDeps, type HandlerGroup } from './deps';

type CorpusType =
  | 'corpus/status'
  | 'corpus/categories'
  | 'corpus/imports'
  | 'corpus/changed'
  | 'corpus/removeImport'
  | 'corpus/resetBundled'
  | 'corpus/integrity'
  | 'corpus/repair';

export function corpusHandlers({ db, engine, now }: HandlerDeps): HandlerGroup<CorpusType> {
  // Commits update the index with the papers (src/db/corpus.ts): "changed" only reports the revision.
  const changed = async (_d?: Database) => {
    engine.invalidate();
    return (await engine.snapshot()).revision;
  };
  return {
    async 'corpus/status'() {
      const d = await db();
      const [counts, saved, corpusVersion] = await Promise.all([
        engine.counts(),
        d.count('readingList'),
        installedCorpusVersion(d),
      ]);
      return { ...counts, saved, corpusVersion };
    },

    async 'corpus/categories'({ limit }) {
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500))
        throw new BadRequest('limit must be an integer from 1 to 500');
      // One count per distinct category (a few hundred at most), from the index: not a walk over every paper.
      const all = (await engine.keywordCounts(KEYWORD.category)).map((k) => ({
        category: k.keyword.slice(KEYWORD.category.length),
        papers: k.papers,
      }));
      return { categories: all.slice(0, limit ?? 30), distinct: all.length };
    },

    async 'corpus/imports'() {
      const imports = await (await db()).getAll('imports');
      return { imports: imports.sort((a, b) => b.at.localeCompare(a.at)) };
    },

    async 'corpus/changed'() {
      return { revision: await changed(await db()) };
    },

    async 'corpus/removeImport'({ importId }) {
      if (typeof importId !== 'string' || importId === '' || importId.length > 200)
        throw new BadRequest('importId must be a non-empty string');
      const d = await db();
      if (!(await d.get('imports', importId))) throw new BadRequest(`no import ${JSON.stringify(importId)}`);
      const result = await removeImport(d, importId);
      await changed(d);
      return result;
    },

    async 'corpus/resetBundled'() {
      const bundle = validateBundle(corpus);
      if (!bundle.ok) throw new Error(`the bundled corpus is invalid: ${bundle.error}`);
      const d = await db();
      // installBundle skips a version it finds installed; forgetting it makes it reinstall as shipped.
      await d.delete('meta', 'corpusVersion');
      await installBundle(d, bundle.value);
      await changed(d);
      return { corpusVersion: bundle.value.corpusVersion };
    },

    async 'corpus/integrity'() {
      const { papers, entries } = await checkRecords(await db());
      return { papers: papers.length, entries: entries.length };
    },

    async 'corpus/repair'() {
      const d = await db();
      const result = await repairRecords(d, now());
      if (result.removedPapers) await changed(d);
      if (result.repairedEntries || result.removedEntries) readingListChanged();
      return result;
    },
  };
}
