/**
 * Installing the bundled corpus: on first run, and again whenever the extension ships a bundle with a
 * different `corpusVersion`. User data (reading list, imported and learned papers) is never touched:
 * only records whose sole provenance is `bundled` are replaced or removed. One commit: the papers, their
 * index and the installed version land together.
 */
import type { PaperId } from '../core/paper';
import type { CorpusBundle } from '../corpus/bundle';
import { commitPapers } from '../db/corpus';
import type { Database } from '../db/database';
import { indexSource } from '../db/index-store';
import { KEYWORD } from '../engine/index/analyze';
import { IndexReader } from '../engine/index/reader';
import { idOfGlobal } from '../engine/index/scan';

const META_KEY = 'corpusVersion';

export async function installBundle(db: Database, bundle: CorpusBundle): Promise<'installed' | 'current'> {
  const current = await db.get('meta', META_KEY);
  if (current === bundle.corpusVersion) return 'current';
  // Bundled papers as installed now (through the index: the corpus may hold a million other papers).
  const snap = await new IndexReader(
    indexSource(async () => db),
    { cacheBytes: 4 << 20 },
  ).snapshot();
  const installed = await Promise.all(
    (await snap.keywordDocs(`${KEYWORD.source}bundled`)).map((d) => idOfGlobal(snap, d)),
  );
  const incoming = new Map(bundle.papers.map((p) => [p.id, p] as const));
  const ids = [...new Set([...incoming.keys(), ...installed.filter((x): x is PaperId => x !== undefined)])];
  await commitPapers(db, {
    ids,
    decide: (id, old) => {
      const p = incoming.get(id);
      const others = old ? old.provenance.filter((q) => q.kind !== 'bundled') : [];
      // Dropped from the bundle: removed, unless an import or a page also gave it.
      if (!p) return old ? (others.length ? { ...old, provenance: others } : null) : undefined;
      // The bundle's metadata wins for the fields it has; fields only an import or a page gave (and
      // their provenance) are kept, so installing never loses what the user brought in.
      return { ...(old ?? {}), ...p, provenance: [...p.provenance, ...others] };
    },
    also: { stores: ['meta'], write: (tx) => [tx.objectStore('meta').put(bundle.corpusVersion, META_KEY)] },
  });
  return 'installed';
}

export async function installedCorpusVersion(db: Database): Promise<string | undefined> {
  const v = await db.get('meta', META_KEY);
  return typeof v === 'string' ? v : undefined;
}
