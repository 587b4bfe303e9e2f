/**
 * The one owner of the harvest's stored state: the `meta` store's `harvest` key (no schema change), and
 * the harvest's ImportRecord, written together in one transaction so the options page's list of imports
 * always shows the harvest's running totals (importPapers writes the record of one page; this puts the
 * whole harvest's counts back right after).
 *
 * idb's rule: the update function runs inside the transaction and must not await anything else.
 */
import { type HarvestState, harvestLabel, mergeCommit, parseHarvestState } from '../harvest/state';
import type { Database } from './database';
import type { ImportRecord } from './schema';

const KEY = 'harvest';

export type StoredHarvest = { ok: true; state: HarvestState | undefined } | { ok: false; error: string };

/** The stored harvest, none, or why the stored one cannot be read. */
export async function readHarvest(db: Database): Promise<StoredHarvest> {
  const raw = await db.get('meta', KEY);
  if (raw === undefined) return { ok: true, state: undefined };
  const parsed = parseHarvestState(raw);
  return parsed.ok ? { ok: true, state: parsed.value } : { ok: false, error: parsed.error };
}

function importRecord(s: HarvestState): ImportRecord {
  return {
    id: s.id,
    file: harvestLabel(s),
    format: 'oai-pmh',
    at: new Date(s.startedAt).toISOString(),
    read: s.totals.read,
    added: s.totals.added,
    merged: s.totals.merged,
    rejected: s.totals.rejected,
    // 'partial' while it may still bring papers; the harvest panel, not the file importer, resumes it.
    state: s.status === 'done' || s.status === 'cancelled' ? 'done' : 'partial',
  };
}

/**
 * Reads, changes and writes the harvest in one transaction. `change` gets the stored state (undefined
 * when there is none or it is unreadable) and returns the state to store, or undefined to leave it.
 */
export async function updateHarvest(
  db: Database,
  change: (current: HarvestState | undefined) => HarvestState | undefined,
): Promise<HarvestState | undefined> {
  const tx = db.transaction(['meta', 'imports'], 'readwrite');
  const meta = tx.objectStore('meta');
  const raw = await meta.get(KEY);
  const parsed = raw === undefined ? undefined : parseHarvestState(raw);
  const current = parsed?.ok ? parsed.value : undefined;
  const next = change(current);
  if (next && next !== current) {
    const writes: Promise<unknown>[] = [meta.put(next, KEY)];
    // An import record only once the harvest has read something: a harvest cancelled before its first
    // answer leaves no empty import behind.
    if (next.totals.read > 0 || (await tx.objectStore('imports').getKey(next.id)) !== undefined)
      writes.push(tx.objectStore('imports').put(importRecord(next)));
    await Promise.all([...writes, tx.done]);
  } else await tx.done;
  return next ?? current;
}

/** A step's commit: its result, merged with whatever the user changed meanwhile (see `mergeCommit`). */
export const commitStep = (db: Database, before: HarvestState, after: HarvestState) =>
  updateHarvest(db, (current) => mergeCommit(current, before, after));

/** Forgets an unreadable stored harvest, so the user can start a new one (its papers stay). */
export async function clearHarvest(db: Database): Promise<void> {
  await db.delete('meta', KEY);
}
