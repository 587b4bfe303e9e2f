/** Reading and writing papers. Writes are one transaction each: all or nothing. */
import type { Paper, PaperId, Provenance } from '../core/paper';
import type { Database } from './database';
import { isReadablePaper } from './integrity';
import type { PaperSource, StoredPaper } from './schema';

export function toStored(paper: Paper): StoredPaper {
  const sources = [...new Set(paper.provenance.map((p: Provenance) => p.kind))].sort() as PaperSource[];
  const year = paper.published ? Number(paper.published.slice(0, 4)) : 0;
  return { ...paper, sources, authorKeys: [...new Set(paper.authors.map((a) => a.key))], year };
}

/** Strips the derived fields again. */
export function fromStored(stored: StoredPaper): Paper {
  const { sources: _s, authorKeys: _a, year: _y, ...paper } = stored;
  return paper;
}

/**
 * Writes papers in one transaction. An existing record keeps the provenance it had: a paper both
 * bundled and imported stays both, and `merge` decides how the fields combine.
 */
export async function putPapers(
  db: Database,
  papers: readonly Paper[],
  merge: (existing: Paper, incoming: Paper) => Paper = mergeKeepingProvenance,
): Promise<{ added: number; merged: number }> {
  const tx = db.transaction('papers', 'readwrite');
  const existing = await Promise.all(papers.map((p) => tx.store.get(p.id)));
  let added = 0;
  let merged = 0;
  const writes = papers.map((p, i) => {
    const old = existing[i];
    if (old) merged++;
    else added++;
    return tx.store.put(toStored(old ? merge(fromStored(old), p) : p));
  });
  await Promise.all([...writes, tx.done]);
  return { added, merged };
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
  for (const s of found) if (isReadablePaper(s)) out.set(s.id, fromStored(s));
  return out;
}

export async function allPapers(db: Database): Promise<Paper[]> {
  return (await db.getAll('papers')).filter(isReadablePaper).map(fromStored);
}

export async function countPapers(db: Database, source?: PaperSource): Promise<number> {
  return source ? db.countFromIndex('papers', 'by-source', source) : db.count('papers');
}
