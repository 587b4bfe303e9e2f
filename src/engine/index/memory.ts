/**
 * The index over a Map instead of IndexedDB: the same segments, commits and reader, for unit tests,
 * benches and the corpus build. Pure.
 */
import type { Paper, PaperId } from '../../core/paper';
import { RelatedModel, type RelatedOptions } from '../related';
import { type Change, type IndexedPaper, locator, planCommit } from './commit';
import { emptyManifest, MANIFEST_KEY, type Manifest } from './manifest';
import { IndexReader, type IndexSource, type ReaderOptions } from './reader';
import { relatedSource } from './related-source';
import { type DeletionsRecord, type DocsRecord, key } from './segment';

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
