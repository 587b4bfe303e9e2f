/**
 * The index over a Map instead of IndexedDB: the same segments, commits and reader, for unit tests,
 * benches and the corpus build. Pure.
 */
import type { Paper, PaperId } from '../../core/paper';
import { RelatedModel, type RelatedOptions } from '../related';
import { type Change, type IndexedPaper, locator, planCommit, planMerge } from './commit';
import { emptyManifest, MANIFEST_KEY, type Manifest } from './manifest';
import { mergeSegments, pickMerge } from './merge';
import { IndexReader, type IndexSource, type ReaderOptions } from './reader';
import { relatedSource } from './related-source';
import { type DeletionsRecord, type DocsRecord, key, segmentOfKey } from './segment';

class SimulatedCrash extends Error {}

export class MemoryIndex implements IndexSource {
  readonly records = new Map<string, unknown>();
  readonly papers = new Map<string, IndexedPaper>();

  async get(keys: readonly string[]): Promise<unknown[]> {
    return keys.map((k) => this.records.get(k));
  }

  get manifest(): Manifest {
    return (this.records.get(MANIFEST_KEY) as Manifest | undefined) ?? emptyManifest();
  }

  /** Writes papers (replacing records of the same id) as one commit. */
  write(papers: readonly Paper[], remove: readonly PaperId[] = []): ReturnType<typeof planCommit> {
    const changes: Change[] = [
      ...papers.map((p) => ({ id: p.id, old: this.papers.get(p.id), next: p })),
      ...remove.map((id) => ({ id, old: this.papers.get(id), next: null })),
    ];
    return this.apply(changes);
  }

  apply(changes: readonly Change[]): ReturnType<typeof planCommit> {
    const manifest = this.manifest;
    const plan = planCommit({
      manifest,
      changes,
      locate: locator(manifest.segments, (s) => this.records.get(key.docs(s)) as DocsRecord | undefined),
      deletions: (s) => this.records.get(key.deletions(s)) as DeletionsRecord | undefined,
    });
    for (const [k, v] of plan.records) this.records.set(k, v);
    this.records.set(MANIFEST_KEY, plan.manifest);
    for (const p of plan.put) this.papers.set(p.id, p);
    for (const id of plan.remove) this.papers.delete(id);
    return plan;
  }

  /**
   * Runs the merges the policy asks for (or the given one). `crashAfter`: stop after that many record
   * writes of the merge without committing it (a killed worker), leaving its records behind.
   */
  async merge(opts: { inputs?: readonly number[]; crashAfter?: number; all?: boolean } = {}): Promise<number> {
    let merges = 0;
    for (;;) {
      const snap = await this.reader().snapshot();
      const inputs = opts.inputs
        ? snap.segments.filter((s) => opts.inputs?.includes(s.id))
        : opts.all
          ? snap.segments.length > 1
            ? [...snap.segments]
            : undefined
          : pickMerge(snap.segments);
      if (!inputs || inputs.length === 0) return merges;
      const outId = this.manifest.nextSegment;
      this.records.set(MANIFEST_KEY, { ...this.manifest, nextSegment: outId + 1 });
      let writes = 0;
      const put = (records: Map<string, unknown>) => {
        for (const [k, v] of records) {
          if (opts.crashAfter !== undefined && writes >= opts.crashAfter) throw new SimulatedCrash();
          this.records.set(k, v);
          writes++;
        }
      };
      try {
        const built = await mergeSegments(snap, inputs, outId, { flush: async (r) => put(r), flushBytes: 1 });
        put(new Map(built.records));
        const plan = planMerge({
          manifest: this.manifest,
          inputs: inputs.map((s) => s.id),
          built: { meta: built.meta, docs: (built.records.get(key.docs(outId)) as DocsRecord).docs },
          from: snap.revision,
          deletions: (id) => this.records.get(key.deletions(id)) as DeletionsRecord | undefined,
        });
        if (!plan) return merges;
        for (const [k, v] of plan.records) this.records.set(k, v);
        this.records.set(MANIFEST_KEY, plan.manifest);
      } catch (e) {
        if (e instanceof SimulatedCrash) return merges;
        throw e;
      }
      merges++;
      this.collect();
      if (opts.inputs) return merges;
    }
  }

  /** Deletes records of segments no manifest lists (merged away, or a merge that never committed). */
  collect(): void {
    const m = this.manifest;
    const live = new Set(m.segments.map((s) => s.id));
    for (const k of [...this.records.keys()]) {
      const seg = segmentOfKey(k);
      if (seg !== undefined && !live.has(seg) && seg < m.nextSegment) this.records.delete(k);
    }
    this.records.set(MANIFEST_KEY, { ...this.manifest, garbage: [] });
  }

  reader(options?: ReaderOptions): IndexReader {
    return new IndexReader(this, options);
  }

  /** Papers by id (as the papers store answers them). */
  async paperById(ids: readonly string[]): Promise<(IndexedPaper | undefined)[]> {
    return ids.map((id) => this.papers.get(id));
  }
}

/** A related-work model over papers held in memory (tests, benches). */
export async function relatedModelOf(
  papers: readonly Paper[],
  options: RelatedOptions = {},
): Promise<{ model: RelatedModel; index: MemoryIndex }> {
  const index = new MemoryIndex();
  index.write(papers);
  const snap = await index.reader().snapshot();
  return {
    model: new RelatedModel(
      relatedSource(snap, (ids) => index.paperById(ids)),
      options,
    ),
    index,
  };
}
