/**
 * The manifest: which segments make up the index now, and the corpus figures queries need. Pure.
 *
 * It is the index's one mutable summary, and its revision is the corpus revision: every commit (a write
 * of papers, a merge) replaces it in the same transaction as everything else it changes, with the revision
 * one higher. `commit.ts` is the only code that makes a new one. Readers take a manifest as their snapshot:
 * segments are immutable, and a deletion made after the snapshot (a higher revision) is ignored, so a
 * query never sees half of a commit.
 */
import { NF } from './analyze';
import { FIRST_ALLOCATED } from './docs';
import type { SegmentMeta } from './segment';

export const MANIFEST_FORMAT = 1;
/** Keys of the index store that are not segment records. */
export const MANIFEST_KEY = 'manifest';

export interface SegmentEntry extends SegmentMeta {
  /** Docs deleted from the segment since it was written. */
  readonly deleted: number;
  /** Bumped whenever the segment's deletions record changes (a reader's cache key). */
  readonly delGen: number;
}

export interface CorpusCounts {
  readonly papers: number;
  readonly bundled: number;
  readonly learned: number;
  readonly imported: number;
}

export interface Manifest {
  readonly format: number;
  /**
   * Made when the index is created: record keys (`s1:v0`) restart if the index is ever created again, so
   * caches of records are keyed by epoch as well.
   */
  readonly epoch: string;
  readonly revision: number;
  readonly segments: readonly SegmentEntry[];
  readonly nextSegment: number;
  /** The next allocated doc number (docs.ts). */
  readonly nextDoc: number;
  /** Docs in the index and not deleted. */
  readonly liveDocs: number;
  /** Field lengths summed over live docs (BM25 averages). */
  readonly lengthSums: readonly number[];
  readonly counts: CorpusCounts;
  /** Segments merged away whose records may still be stored (deleted when no reader can need them). */
  readonly garbage: readonly number[];
}

export function emptyManifest(epoch = newEpoch()): Manifest {
  return {
    format: MANIFEST_FORMAT,
    epoch,
    revision: 0,
    segments: [],
    nextSegment: 1,
    nextDoc: FIRST_ALLOCATED,
    liveDocs: 0,
    lengthSums: new Array<number>(NF).fill(0),
    counts: { papers: 0, bundled: 0, learned: 0, imported: 0 },
    garbage: [],
  };
}

function newEpoch(): string {
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
}

export function averageLengths(m: Pick<Manifest, 'lengthSums' | 'liveDocs'>): number[] {
  return m.lengthSums.map((s) => (m.liveDocs > 0 ? s / m.liveDocs : 1) || 1);
}

/** Checks a stored manifest enough to trust its shape; an unknown format is refused with the reason. */
export function parseManifest(v: unknown): { ok: true; value: Manifest } | { ok: false; error: string } {
  if (v === undefined) return { ok: true, value: emptyManifest() };
  const m = v as Partial<Manifest> | null;
  if (typeof m !== 'object' || m === null) return { ok: false, error: 'index manifest: not an object' };
  if (m.format !== MANIFEST_FORMAT)
    return { ok: false, error: `index manifest: format ${String(m.format)} is not supported` };
  if (
    typeof m.epoch !== 'string' ||
    typeof m.revision !== 'number' ||
    !Array.isArray(m.segments) ||
    typeof m.nextSegment !== 'number' ||
    typeof m.nextDoc !== 'number' ||
    typeof m.liveDocs !== 'number' ||
    !Array.isArray(m.lengthSums) ||
    typeof m.counts !== 'object' ||
    !Array.isArray(m.garbage)
  )
    return { ok: false, error: 'index manifest: missing fields' };
  return { ok: true, value: m as Manifest };
}
