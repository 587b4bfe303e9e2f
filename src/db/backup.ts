/**
 * The database side of full backups (format and validation: src/backup/format.ts). A restore writes the
 * reading list, papers and import records in ONE transaction: it lands whole or not at all. Settings
 * live in storage.local and are written by the caller after the transaction committed.
 */

import { type Backup, type CurrentState, canonical, makeBackup, planRestore, type RestorePlan } from '../backup/format';
import type { Paper } from '../core/paper';
import type { Database } from './database';
import { fromStored, mergeKeepingProvenance, toStored } from './papers';

/** Everything the user added, as a backup. */
export async function readBackup(db: Database, settings: Record<string, unknown>, now: Date): Promise<Backup> {
  const tx = db.transaction(['readingList', 'papers', 'imports']);
  const [readingList, learned, imported, imports] = await Promise.all([
    tx.objectStore('readingList').getAll(),
    tx.objectStore('papers').index('by-source').getAll('learned'),
    tx.objectStore('papers').index('by-source').getAll('imported'),
    tx.objectStore('imports').getAll(),
  ]);
  await tx.done;
  const papers = new Map<string, Paper>();
  for (const s of [...learned, ...imported]) papers.set(s.id, fromStored(s));
  return makeBackup({ readingList, settings, papers: [...papers.values()], imports }, now);
}

/** What restoring `backup` would change, without changing anything. */
export async function planBackupRestore(
  db: Database,
  backup: Backup,
  settings: Record<string, unknown>,
): Promise<RestorePlan> {
  const tx = db.transaction(['readingList', 'papers', 'imports']);
  const [entries, papers, imports] = await Promise.all([
    Promise.all(backup.readingList.map((e) => tx.objectStore('readingList').get(e.paperId))),
    Promise.all(backup.papers.map((p) => tx.objectStore('papers').get(p.id))),
    Promise.all(backup.imports.map((r) => tx.objectStore('imports').get(r.id))),
  ]);
  await tx.done;
  const byId = <T>(list: (T | undefined)[], id: (t: T) => string, view: (t: T) => unknown = (t) => t) =>
    new Map(list.flatMap((t) => (t === undefined ? [] : [[id(t), canonical(view(t))] as const])));
  const current: CurrentState = {
    entries: byId(entries, (e) => e.paperId),
    papers: byId(papers, (p) => p.id, fromStored),
    imports: byId(imports, (r) => r.id),
    settings: canonical(settings),
  };
  return planRestore(backup, current);
}

/**
 * Writes the backup's records over what is there (entries and papers not in the backup are kept). One
 * transaction; nothing but its own requests is awaited inside it (idb's rule).
 */
export async function restoreBackup(db: Database, backup: Backup): Promise<void> {
  const tx = db.transaction(['readingList', 'papers', 'imports'], 'readwrite');
  const papers = tx.objectStore('papers');
  const existing = await Promise.all(backup.papers.map((p) => papers.get(p.id)));
  const writes: Promise<unknown>[] = [];
  for (const e of backup.readingList) writes.push(tx.objectStore('readingList').put(e));
  backup.papers.forEach((p, i) => {
    const old = existing[i];
    // A paper the install also bundles keeps its bundled provenance; the backup's fields win.
    writes.push(papers.put(toStored(old ? mergeKeepingProvenance(fromStored(old), p) : p)));
  });
  for (const r of backup.imports) writes.push(tx.objectStore('imports').put(r));
  await Promise.all([...writes, tx.done]);
}
