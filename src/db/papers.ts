/** Reading and writing papers. Writes are commits (src/db/corpus.ts): papers and index in one transaction. */
import type { Paper, PaperId } from '../core/paper';
import { KEYWORD } from '../engine/index/analyze';
import { IndexReader } from '../engine/index/reader';
import { idOfGlobal } from '../engine/index/scan';
import { commitPapers, corpusCounts, fromStored } from './corpus';
import type { Database } from './database';
import { indexSource } from './index-store';
import { isReadablePaper } from './integrity';
import type { PaperSource, StoredPaper } from './schema';

export { fromStored };

/**
 * Writes papers in one commit. An existing record keeps the provenance it had: a paper both bundled and
 * imported stays both, and `merge` decides how the fields combine.
 */
export async function putPapers(
  db: Database,
  papers: readonly Paper[],
  merge: (existing: Paper, incoming: Paper) => Paper = mergeKeepingProvenance,
): Promise<{ added: number; merged: number }> {
  const byId = new Map<PaperId, Paper>();
  for (const p of papers) {
    const prev = byId.get(p.id);
    byId.set(p.id, prev ? merge(prev, p) : p);
  }
  const r = await commitPapers(db, {
    ids: [...byId.keys()],
    decide: (id, old) => {
      const p = byId.get(id);
      return p && old ? merge(old, p) : p;
    },
  });
  return { added: r.added, merged: r.merged };
}

export function mergeKeepingProvenance(existing: Paper, incoming: Paper): Paper {
  const provenance = [...existing.provenance];
  for (const p of incoming.provenance) {
    if (!provenance.some((q) => JSON.stringify(q) === JSON.stringify(p))) provenance.push(p);
  }
  return { ...existing, ...incoming, provenance };
}

// Reads skip records that are not readable (src/db/integrity.ts): the options page counts and repairs them.
export async function getPaper(db: Database, id: PaperId): Promise<Paper | undefined> {
  const stored = await db.get('papers', id);
  return isReadablePaper(stored) ? fromStored(stored) : undefined;
}

export async function getPapers(db: Database, ids: readonly PaperId[]): Promise<Map<PaperId, Paper>> {
  const tx = db.transaction('papers');
  const found = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  const out = new Map<PaperId, Paper>();
  for (const s of found) if (isReadablePaper(s)) out.set(s.id, fromStored(s as StoredPaper));
  return out;
}

/** Every paper: for tests and small tools only (a million papers do not fit in memory). */
export async function allPapers(db: Database): Promise<Paper[]> {
  return (await db.getAll('papers')).filter(isReadablePaper).map((s) => fromStored(s as StoredPaper));
}

/** Papers in the corpus, or with a provenance of this kind: kept in the index's manifest, exact. */
export async function countPapers(db: Database, source?: PaperSource): Promise<number> {
  const counts = await corpusCounts(db);
  return source ? counts[source] : counts.papers;
}

/** Papers with a provenance of this kind, found through the index (`!s:<kind>`). */
export async function papersFrom(db: Database, source: PaperSource): Promise<Paper[]> {
  const snap = await new IndexReader(
    indexSource(async () => db),
    { cacheBytes: 8 << 20 },
  ).snapshot();
  const ids = await Promise.all((await snap.keywordDocs(KEYWORD.source + source)).map((d) => idOfGlobal(snap, d)));
  return [
    ...(
      await getPapers(
        db,
        ids.filter((x): x is PaperId => x !== undefined),
      )
    ).values(),
  ];
}
