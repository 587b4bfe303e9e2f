/** The bundled corpus file (`data/corpus.json`): its shape and its check. Pure. */
import { err, ok, type Paper, type Result, validatePaper } from '../core/paper';

export const CORPUS_FORMAT_VERSION = 1;

export interface CorpusBundle {
  readonly formatVersion: number;
  /** Changes whenever the papers change; the background reinstalls the bundle when it differs. */
  readonly corpusVersion: string;
  readonly papers: readonly Paper[];
}

export function validateBundle(v: unknown): Result<CorpusBundle> {
  if (typeof v !== 'object' || v === null) return err('corpus bundle: not an object');
  const b = v as Record<string, unknown>;
  if (b.formatVersion !== CORPUS_FORMAT_VERSION)
    return err(`corpus bundle: format ${String(b.formatVersion)}, expected ${CORPUS_FORMAT_VERSION}`);
  if (typeof b.corpusVersion !== 'string') return err('corpus bundle: missing corpusVersion');
  if (!Array.isArray(b.papers)) return err('corpus bundle: papers must be a list');
  for (const p of b.papers) {
    const r = validatePaper(p);
    if (!r.ok) return r;
  }
  return ok(b as unknown as CorpusBundle);
}
