/** The bundled corpus file (`data/corpus.json`): its shape and its check. Pure. */
import { type AuthorStats, err, ok, type Paper, type Result, validateAuthorStats, validatePaper } from '../core/paper';

export const CORPUS_FORMAT_VERSION = 1;

export interface CorpusBundle {
  readonly formatVersion: number;
  /** Changes whenever the papers change; the background reinstalls the bundle when it differs. */
  readonly corpusVersion: string;
  readonly papers: readonly Paper[];
  /**
   * Figures about authors as a page printed them (h-index, citations, papers), each naming its page.
   * Optional so bundles written before it existed still load.
   */
  readonly authorStats?: readonly AuthorStats[];
}

export function validateBundle(v: unknown): Result<CorpusBundle> {
  if (typeof v !== 'object' || v === null) return err('corpus bundle: not an object');
  const b = v as Record<string, unknown>;
  if (b.formatVersion !== CORPUS_FORMAT_VERSION)
    return err(`corpus bundle: format ${String(b.formatVersion)}, expected ${CORPUS_FORMAT_VERSION}`);
  if (typeof b.corpusVersion !== 'string') return err('corpus bundle: missing corpusVersion');
  if (!Array.isArray(b.papers)) return err('corpus bundle: papers must be a list');
  const ids = new Set<string>();
  for (const p of b.papers) {
    const r = validatePaper(p);
    if (!r.ok) return err(`corpus bundle: ${r.error}`);
    if (ids.has(r.value.id)) return err(`corpus bundle: paper ${r.value.id} appears twice`);
    ids.add(r.value.id);
  }
  if (b.authorStats !== undefined) {
    if (!Array.isArray(b.authorStats)) return err('corpus bundle: authorStats must be a list');
    for (const s of b.authorStats) {
      const r = validateAuthorStats(s);
      if (!r.ok) return err(`corpus bundle: ${r.error}`);
    }
  }
  return ok(b as unknown as CorpusBundle);
}

/** The exact bytes of data/corpus.json: one space indent, final newline. Shared by the CLI and its test. */
export function serialiseBundle(bundle: CorpusBundle): string {
  return `${JSON.stringify(bundle, null, 1)}\n`;
}
