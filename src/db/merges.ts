/**
 * Running index merges against IndexedDB (the policy and the merged segment: src/engine/index/merge.ts).
 *
 * A merge (1) reserves a segment id in the manifest, listed as garbage until the merge commits, (2) writes
 * the merged segment's records in transactions of their own, invisible to readers since no manifest lists
 * them, and (3) commits: one transaction replaces the inputs with the output in the manifest (a revision
 * higher) and carries over deletions made meanwhile. A worker killed at any step leaves the index as it
 * was plus records nobody reads; `collectGarbage` deletes them. Only the background merges and collects.
 */
import { planMerge } from '../engine/index/commit';
import { MANIFEST_KEY, type Manifest, parseManifest } from '../engine/index/manifest';
import { mergeSegments, pickMerge } from '../engine/index/merge';
import type { IndexReader } from '../engine/index/reader';
import { type DeletionsRecord, type DocsRecord, key } from '../engine/index/segment';
import { CorpusError } from './corpus';
import type { Database } from './database';

async function updateManifest(
  db: Database,
  change: (m: Manifest) => Manifest | undefined,
): Promise<Manifest | undefined> {
  const tx = db.transaction('index', 'readwrite');
  const parsed = parseManifest(await tx.store.get(MANIFEST_KEY));
  if (!parsed.ok) {
    tx.abort();
    throw new CorpusError(parsed.error);
  }
  const next = change(parsed.value);
  if (next) await Promise.all([tx.store.put(next, MANIFEST_KEY), tx.done]);
  else await tx.done;
  return next;
}

export interface MergeRun {
  /** Lets other work run between terms (the background's requests). */
  readonly yieldNow?: () => Promise<void> | undefined;
  /** Called now and then during a long merge (keeps an MV3 service worker alive). */
  readonly keepAlive?: () => void;
}

/** Runs the next merge the policy asks for. Returns false when there was none (or it lost a race). */
export async function mergeOnce(db: Database, reader: IndexReader, run: MergeRun = {}): Promise<boolean> {
  const snap = await reader.snapshot();
  const inputs = pickMerge(snap.segments);
  if (!inputs) return false;
  let outId = 0;
  // The id is reserved and listed as garbage: if this worker dies, the records written are collected.
  await updateManifest(db, (m) => {
    outId = m.nextSegment;
    return { ...m, nextSegment: outId + 1, garbage: [...m.garbage, outId] };
  });
  let lastAlive = Date.now();
  const built = await mergeSegments(snap, inputs, outId, {
    flush: async (records) => {
      const tx = db.transaction('index', 'readwrite');
      await Promise.all([...[...records].map(([k, v]) => tx.store.put(v, k)), tx.done]);
      if (Date.now() - lastAlive > 10_000) {
        run.keepAlive?.();
        lastAlive = Date.now();
      }
    },
    yieldEvery: run.yieldNow ?? (() => undefined),
  });
  const tx = db.transaction('index', 'readwrite');
  const parsed = parseManifest(await tx.store.get(MANIFEST_KEY));
  if (!parsed.ok) {
    tx.abort();
    throw new CorpusError(parsed.error);
  }
  const manifest = parsed.value;
  const dels = await Promise.all(inputs.map((s) => tx.store.get(key.deletions(s.id))));
  const plan = planMerge({
    manifest,
    inputs: inputs.map((s) => s.id),
    built: { meta: built.meta, docs: (built.records.get(key.docs(outId)) as DocsRecord).docs },
    from: snap.revision,
    deletions: (id) => dels[inputs.findIndex((s) => s.id === id)] as DeletionsRecord | undefined,
  });
  if (!plan) {
    // Another merge took an input: this one's records are garbage already.
    await tx.done;
    return false;
  }
  const writes: Promise<unknown>[] = [];
  for (const [k, v] of built.records) writes.push(tx.store.put(v, k));
  for (const [k, v] of plan.records) writes.push(tx.store.put(v, k));
  writes.push(
    tx.store.put({ ...plan.manifest, garbage: plan.manifest.garbage.filter((g) => g !== outId) }, MANIFEST_KEY),
  );
  await Promise.all([...writes, tx.done]);
  return true;
}

/**
 * Deletes the records of garbage segments (merged away, or reserved by a merge that never committed), all
 * of them or only `only`. Call when no reader can still use them: at start-up, or a while after the merge.
 */
export async function collectGarbage(db: Database, only?: ReadonlySet<number>): Promise<number> {
  const [raw] = [await db.get('index', MANIFEST_KEY)];
  const parsed = parseManifest(raw);
  if (!parsed.ok) throw new CorpusError(parsed.error);
  const live = new Set(parsed.value.segments.map((s) => s.id));
  const doomed = parsed.value.garbage.filter((g) => !live.has(g) && (!only || only.has(g)));
  if (doomed.length === 0) return 0;
  const tx = db.transaction('index', 'readwrite');
  await Promise.all([...doomed.map((g) => tx.store.delete(IDBKeyRange.bound(`s${g}:`, `s${g}:\uffff`))), tx.done]);
  await updateManifest(db, (m) => ({ ...m, garbage: m.garbage.filter((g) => !doomed.includes(g)) }));
  return doomed.length;
}
