/** Answers to the options page: what the corpus holds, its imports, and telling the engine it changed. */
import corpus from '../../../data/corpus.json';
import { err, ok } from '../../core/paper';
import { validateBundle } from '../../corpus/bundle';
import type { Database } from '../../db/database';
import { removeImport } from '../../db/imports';
import { checkRecords, repairRecords } from '../../db/integrity';
import { countPapers } from '../../db/papers';
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

/**
 * The engine's corpus revision (EngineService's `corpusRevision` meta key): bumping it makes the
 * stored search index stale, so the next load rebuilds it instead of trusting an index whose size
 * happens to match (an import that only merged keeps the count).
 */
const REVISION_KEY = 'corpusRevision';

async function bumpRevision(db: Database): Promise<number> {
  const tx = db.transaction('meta', 'readwrite');
  const current = ((await tx.store.get(REVISION_KEY)) as number | undefined) ?? 0;
  await Promise.all([tx.store.put(current + 1, REVISION_KEY), tx.done]);
  return current + 1;
}

const categoryLimit = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 500
    ? ok(v)
    : err('limit must be an integer from 1 to 500');

const importIdOf = (v: unknown) =>
  typeof v === 'string' && v !== '' && v.length <= 200 ? ok(v) : err('importId must be a non-empty string');

export function corpusHandlers({ db, engine, now }: HandlerDeps): HandlerGroup<CorpusType> {
  const changed = async (d: Database) => {
    const revision = await bumpRevision(d);
    engine.reset();
    return revision;
  };
  return {
    'corpus/status': handler(empty, async () => {
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
    }),

    'corpus/categories': handler(shape({ limit: optional(categoryLimit) }), async ({ limit }) => {
      const d = await db();
      // One count per distinct category (a few hundred at most), not a walk over every paper.
      const index = d.transaction('papers').store.index('by-category');
      const keys: string[] = [];
      for (let c = await index.openKeyCursor(null, 'nextunique'); c; c = await c.continue()) keys.push(String(c.key));
      const counts = await Promise.all(keys.map((k) => index.count(k)));
      const all = keys
        .map((category, i) => ({ category, papers: counts[i] ?? 0 }))
        .sort((a, b) => b.papers - a.papers || a.category.localeCompare(b.category));
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
