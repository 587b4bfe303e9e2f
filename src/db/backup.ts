/**
 * The database side of full backups (format and validation: src/backup/format.ts). A restore writes the
 * reading list, papers (with their index) and import records in ONE commit: it lands whole or not at all. Settings
 * live in storage.local and are written by the caller after the transaction committed.
 */

import { type Backup, type CurrentState, canonical, makeBackup, planRestore, type RestorePlan } from '../backup/format';
import type { Paper } from '../core/paper';
import { commitPapers } from './corpus';
import type { Database } from './database';
import { isReadablePaper } from './integrity';
import { fromStored, mergeKeepingProvenance } from './papers';

/** Everything the user added, as a backup. */
export async function readBackup(db: Database, settings: Record<string, unknown>, now: Date): Promise<Backup> {
  const tx = db.transaction(['readingList', 'papers', 'imports']);
  const [readingList, imports] = await Promise.all([
    tx.objectStore('readingList').getAll(),
    tx.objectStore('imports').getAll(),
  ]);
  // Learned and imported papers: everything but the bundle, which ships with the extension.
  const papers = new Map<string, Paper>();
  for (let c = await tx.objectStore('papers').openCursor(); c; c = await c.continue()) {
    const v = c.value;
    if (isReadablePaper(v) && v.provenance.some((q) => q.kind !== 'bundled')) papers.set(v.id, fromStored(v));
  }
  await tx.done;
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
    papers: byId(
      papers,
      (p) => p.id,
      (p) => fromStored(p),
    ),
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
  const incoming = new Map(backup.papers.map((p) => [p.id, p] as const));
  await commitPapers(db, {
    ids: [...incoming.keys()],
    // A paper the install also bundles keeps its bundled provenance; the backup's fields win.
    decide: (id, old) => {
      const p = incoming.get(id);
      return p && old ? mergeKeepingProvenance(old, p) : p;
    },
    also: {
      stores: ['readingList', 'imports'],
      write: (tx) => [
        ...backup.readingList.map((e) => tx.objectStore('readingList').put(e)),
        ...backup.imports.map((r) => tx.objectStore('imports').put(r)),
      ],
    },
  });
}
