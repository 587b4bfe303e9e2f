/**
 * arXiv identifiers. Pure.
 *
 * New style since 2007-04: `YYMM.NNNN` (to 2014-12) and `YYMM.NNNNN`, optional `vN`.
 * Old style: `archive[.SC]/YYMMNNN`, archives being lower-case with hyphens (`hep-th`, `solv-int`).
 * See https://info.arxiv.org/help/arxiv_identifier.html
 */
import { type ArxivId, fnv1a, type PaperId } from './paper';

export interface ParsedArxivId {
  readonly id: ArxivId;
  readonly version?: number;
}

const NEW_STYLE = /^(\d{4})\.(\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Za-z]{2})?)\/(\d{7})(?:v(\d+))?$/;

/** Parses a bare id such as `2210.16859v2`, `arXiv:2210.16859`, `hep-th/9901001v1`. */
export function parseArxivId(raw: string): ParsedArxivId | undefined {
  const s = raw.trim().replace(/^arxiv:\s*/i, '');
  let m = NEW_STYLE.exec(s);
  if (m) {
    const [, yymm = '', num = '', v] = m;
    const month = Number(yymm.slice(2));
    if (month < 1 || month > 12) return undefined;
    // Five-digit numbers began in 1501; four-digit ones ended with 1412.
    if (num.length === 5 && Number(yymm) < 1501) return undefined;
    if (num.length === 4 && Number(yymm) >= 1501) return undefined;
    return withVersion(`${yymm}.${num}`, v);
  }
  m = OLD_STYLE.exec(s);
  if (m) {
    const [, archive = '', num = '', v] = m;
    const month = Number(num.slice(2, 4));
    if (month < 1 || month > 12) return undefined;
    // Subject classes are upper case in canonical form (math.AG/0101001).
    const dot = archive.indexOf('.');
    const canonArchive = dot < 0 ? archive : `${archive.slice(0, dot)}.${archive.slice(dot + 1).toUpperCase()}`;
    return withVersion(`${canonArchive}/${num}`, v);
  }
  return undefined;
}

function withVersion(id: string, v: string | undefined): ParsedArxivId {
  return v === undefined ? { id: id as ArxivId } : { id: id as ArxivId, version: Number(v) };
}

/** The canonical paper id for a title with no known arXiv id. */
export function titlePaperId(normalisedTitle: string): PaperId {
  return `title:${fnv1a(normalisedTitle)}` as PaperId;
}

export function absUrl(id: ArxivId): string {
  return `https://arxiv.org/abs/${id}`;
}
