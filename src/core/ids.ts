/**
 * arXiv identifiers and DOIs. Pure.
 *
 * New style since 2007-04: `YYMM.NNNN` (to 2014-12) and `YYMM.NNNNN`, optional `vN`.
 * Old style: `archive[.SC]/YYMMNNN`, archives being lower-case with hyphens (`hep-th`, `solv-int`).
 * See https://info.arxiv.org/help/arxiv_identifier.html
 */
import { type ArxivId, fnv1a, isArxivId, type PaperId } from './paper';

export interface ParsedArxivId {
  readonly id: ArxivId;
  readonly version?: number;
}

const NEW_STYLE = /^(\d{4})\.(\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Za-z]{2})?)\/(\d{7})(?:v(\d+))?$/;

/**
 * Every archive that ever issued old-style ids (https://arxiv.org/archive/). `parseArxivId` accepts any
 * archive-shaped prefix, as ids handed to it are known to be ids; scanning free text uses this list so
 * that "and/or 1234567" is not taken for an id.
 */
export const OLD_ARCHIVES: readonly string[] = [
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'astro-ph',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'cond-mat',
  'cs',
  'dg-ga',
  'funct-an',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'mtrl-th',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'patt-sol',
  'physics',
  'plasm-ph',
  'q-alg',
  'q-bio',
  'quant-ph',
  'solv-int',
  'supr-con',
];

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
    // New-style ids began in 0704.
    if (Number(yymm) < 704) return undefined;
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
  return v === undefined || Number(v) < 1 ? { id: id as ArxivId } : { id: id as ArxivId, version: Number(v) };
}

/** The canonical paper id for a title with no known arXiv id. */
export function titlePaperId(normalisedTitle: string): PaperId {
  return `title:${fnv1a(normalisedTitle)}` as PaperId;
}

export function absUrl(id: ArxivId): string {
  return `https://arxiv.org/abs/${id}`;
}

/** Where a paper lives on the web: its arXiv abstract page, or '' for a `title:` id (no page known). */
export function paperUrl(id: PaperId): string {
  return isArxivId(id) ? absUrl(id) : '';
}

// ---------------------------------------------------------------------------------------------------------
// URLs

/** Hosts whose paths name an arXiv id directly (mirrors, readers and aggregators keyed by arXiv id). */
const ARXIV_HOSTS = /(^|\.)(arxiv\.org|ar5iv\.org|alphaxiv\.org|arxiv-vanity\.com|semanticscholar\.org)$/;
const KEYED_BY_ID_HOSTS = /(^|\.)(huggingface\.co|paperswithcode\.com|scirate\.com|arxiv\.paperswithcode\.com)$/;

/** One id inside a path: new style, or old style with its archive (`/abs/hep-th/9901001v2`). */
const PATH_NEW = /(?:^|[/:=])(\d{4}\.\d{4,5}(?:v\d+)?)(?=$|[/?#.]|\.pdf|\.html)/;
const PATH_OLD = /(?:^|\/)([a-z][a-z-]*(?:\.[A-Za-z]{2})?\/\d{7}(?:v\d+)?)(?=$|[/?#.])/;
/** arXiv's ftp tree: `/ftp/hep-th/papers/9901/9901001v1.pdf` and `/ftp/arxiv/papers/2210/2210.16859.pdf`. */
const FTP_OLD = /\/ftp\/([a-z][a-z-]*(?:\.[A-Za-z]{2})?)\/papers\/\d{4}\/(\d{7}(?:v\d+)?)/;

/**
 * The arXiv id a URL points at, or undefined. Covers arxiv.org (abs, pdf, html, format, ps, src, ftp, with or
 * without www/export/browse subdomains), ar5iv, alphaxiv, huggingface.co/papers, paperswithcode, and
 * doi.org links to `10.48550/arXiv.*`.
 */
export function arxivIdFromUrl(url: URL): ParsedArxivId | undefined {
  const host = url.hostname.toLowerCase();
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  if (/(^|\.)doi\.org$/.test(host)) {
    const id = parseDoi(path.slice(1))?.arxivId;
    return id ? { id } : undefined;
  }
  if (!ARXIV_HOSTS.test(host) && !KEYED_BY_ID_HOSTS.test(host)) return undefined;
  if (KEYED_BY_ID_HOSTS.test(host) && !/^\/(papers?|arxiv|abs|api\/v\d+\/papers)\//.test(path)) return undefined;
  const ftp = FTP_OLD.exec(path);
  if (ftp && ftp[1] !== 'arxiv') return parseArxivId(`${ftp[1]}/${ftp[2]}`);
  const fromPath = idInPath(path);
  if (fromPath) return fromPath;
  // Old listing and API forms carry the id in the query: `?id=2210.16859`, `?id_list=…`.
  for (const key of ['id', 'id_list', 'arxiv_id']) {
    const q = url.searchParams.get(key);
    const parsed = q ? parseArxivId(q.split(',')[0] ?? '') : undefined;
    if (parsed) return parsed;
  }
  return undefined;
}

function idInPath(path: string): ParsedArxivId | undefined {
  const n = PATH_NEW.exec(path);
  if (n?.[1]) {
    const p = parseArxivId(n[1]);
    if (p) return p;
  }
  const o = PATH_OLD.exec(path);
  if (o?.[1]) return parseArxivId(o[1]);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// DOIs

export interface ParsedDoi {
  /** Lower-cased, as DOIs are case-insensitive (https://www.doi.org/the-identifier/resources/handbook). */
  readonly doi: string;
  /** Set when the DOI is arXiv's own (`10.48550/arXiv.2210.16859`). */
  readonly arxivId?: ArxivId;
}

const DOI = /^10\.\d{4,9}\/\S+$/;

/** Parses `10.1103/…`, `doi:10.…`, `https://doi.org/10.…` and `https://dx.doi.org/10.…`. */
export function parseDoi(raw: string): ParsedDoi | undefined {
  let s = raw.trim();
  s = s.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '');
  // Prose puts a full stop or closing bracket after a DOI; DOIs themselves rarely end that way.
  s = s.replace(/[.,;)\]}>"']+$/, '');
  if (!DOI.test(s)) return undefined;
  const doi = s.toLowerCase();
  const ax = /^10\.48550\/arxiv\.(.+)$/i.exec(s);
  const parsed = ax?.[1] ? parseArxivId(ax[1]) : undefined;
  return parsed ? { doi, arxivId: parsed.id } : { doi };
}

// ---------------------------------------------------------------------------------------------------------
// Free text

export interface FoundArxivId extends ParsedArxivId {
  /** Offset of the match in the text, and its length, for highlighting or linking. */
  readonly index: number;
  readonly length: number;
}

const ARCHIVE_ALT = [...OLD_ARCHIVES].sort((a, b) => b.length - a.length).join('|');
/**
 * Ids in running text: `arXiv:2210.16859v2`, bare new-style ids, old-style ids of known archives, and the
 * arXiv DOI. Bare new-style ids must not touch other digits or dots, so "12210.168591" and version
 * numbers such as "3.2210.1234" are not read as ids.
 */
const TEXT_ID = new RegExp(
  [
    String.raw`(?<![\w.])(?:arxiv:\s?)?(\d{4}\.\d{4,5}(?:v\d+)?)(?![\w]|\.\d)`,
    String.raw`(?<![\w.-])((?:${ARCHIVE_ALT})(?:\.[A-Za-z]{2})?\/\d{7}(?:v\d+)?)(?!\w)`,
  ].join('|'),
  'gi',
);

/** Every arXiv id mentioned in a text, in order, each once (first mention wins). */
export function findArxivIds(text: string): FoundArxivId[] {
  const out: FoundArxivId[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(TEXT_ID)) {
    const raw = m[1] ?? m[2];
    if (raw === undefined) continue;
    // Old-style archive names are lower case; `HEP-TH/…` in prose is someone shouting, fold it.
    const parsed = parseArxivId(m[2] !== undefined ? lowerArchive(raw) : raw);
    if (!parsed || seen.has(parsed.id)) continue;
    seen.add(parsed.id);
    out.push({ ...parsed, index: m.index ?? 0, length: m[0].length });
  }
  return out;
}

function lowerArchive(raw: string): string {
  const slash = raw.indexOf('/');
  const head = raw.slice(0, slash);
  const dot = head.indexOf('.');
  const archive = dot < 0 ? head.toLowerCase() : `${head.slice(0, dot).toLowerCase()}${head.slice(dot)}`;
  return `${archive}${raw.slice(slash)}`;
}
