/**
 * The Paper record: the one shape every part of Paperlens agrees on.
 *
 * Pure module: no browser API. Records crossing a boundary (page, file, storage, message)
 * go through `validatePaper`, which returns a clear error rather than throwing deep inside.
 */

import { type CodeLink, isCodeLinkList } from './code';

declare const arxivIdBrand: unique symbol;
declare const paperIdBrand: unique symbol;

/** A canonical paper id: an `ArxivId`, or `title:<hash>` when no arXiv id is known. */
export type PaperId = string & { readonly [paperIdBrand]: true };

/** An arXiv identifier without version: `2210.16859`, `hep-th/9901001`. Every ArxivId is a PaperId. */
export type ArxivId = PaperId & { readonly [arxivIdBrand]: true };

/** Where a record came from. A paper may have several. */
export type Provenance =
  | { readonly kind: 'bundled'; readonly corpusVersion: string }
  | { readonly kind: 'imported'; readonly importId: string; readonly file: string; readonly at: string }
  | { readonly kind: 'learned'; readonly url: string; readonly at: string };

export interface Author {
  /** The name as the best source spelled it, e.g. "Daniel A. Roberts". */
  readonly name: string;
  /** Identity key that merges name forms of one person (see engine/authors). */
  readonly key: string;
}

export interface AbstractVersion {
  readonly text: string;
  /** Which source gave this version, e.g. a seed file name or an importer's file. */
  readonly source: string;
}

export interface AuthorStats {
  readonly author: string;
  readonly hIndex?: number;
  readonly citations?: number;
  readonly papers?: number;
  /** Where the figures were read, e.g. "seed 000 (author profile page)". Always shown beside them. */
  readonly source: string;
}

/** One appearance of the paper on a listing page, as that page showed it. Nothing here is inferred. */
export interface Listing {
  /** The page or file, e.g. "seed 004_434d8a0aaaef3b0a.txt (listing)". */
  readonly source: string;
  /** The category label exactly as listed ("LG", "HEP-TH"); not resolved to an arXiv code. */
  readonly label?: string;
  /** The listing date, ISO YYYY-MM-DD. It may differ from `published` (announcement vs submission). */
  readonly date?: string;
  /** A venue or source line the page printed, e.g. "arXiv.org Machine Learning". */
  readonly venue?: string;
}

export interface Paper {
  readonly id: PaperId;
  /** Present when the paper is on arXiv. Equal to `id` then. */
  readonly arxivId?: ArxivId;
  readonly title: string;
  readonly authors: readonly Author[];
  /** True when the source listed only the first authors ("et al."). */
  readonly authorsTruncated?: boolean;
  readonly abstract?: string;
  /** Other abstract versions seen, oldest first; `abstract` is the latest. */
  readonly abstractVersions?: readonly AbstractVersion[];
  /** ISO date (YYYY-MM-DD) of the first version. */
  readonly published?: string;
  /** ISO date of the latest version, when known. */
  readonly updated?: string;
  readonly primaryCategory?: string;
  readonly categories?: readonly string[];
  readonly organisations?: readonly string[];
  readonly codeUrls?: readonly string[];
  /**
   * Where code links a page gave came from (Hugging Face's repository field, Papers with Code); each URL
   * is in `codeUrls` too. Links in the abstract or comments need none (see core/code.ts `codeLinksOf`).
   */
  readonly codeLinks?: readonly CodeLink[];
  /** A source flagged that code exists, without necessarily giving a URL. */
  readonly hasCode?: boolean;
  readonly doi?: string;
  readonly journalRef?: string;
  readonly comments?: string;
  /** Where listing pages showed the paper, with what they said beyond the metadata. */
  readonly listings?: readonly Listing[];
  readonly provenance: readonly Provenance[];
}

export type Result<T, E = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

const NEW_ID = /^\d{4}\.\d{4,5}$/;
const OLD_ID = /^[a-z][a-z-]*(\.[A-Z]{2})?\/\d{7}$/;
const TITLE_ID = /^title:[0-9a-z]+$/;

export function isArxivId(s: string): s is ArxivId {
  return NEW_ID.test(s) || OLD_ID.test(s);
}

export function isPaperId(s: string): s is PaperId {
  return isArxivId(s) || TITLE_ID.test(s);
}

/** FNV-1a 32-bit, base 36: a stable short hash for `title:<hash>` ids. Not cryptographic. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks an unknown value is a well-formed Paper. The error names the first bad field. */
export function validatePaper(v: unknown): Result<Paper> {
  if (typeof v !== 'object' || v === null) return err('paper: not an object');
  const p = v as Record<string, unknown>;
  if (!isStr(p.id) || !isPaperId(p.id)) return err(`paper: bad id ${JSON.stringify(p.id)}`);
  if (p.arxivId !== undefined && (!isStr(p.arxivId) || !isArxivId(p.arxivId) || p.arxivId !== p.id))
    return err(`paper ${p.id}: arxivId must equal id`);
  if (!isStr(p.title) || p.title.trim() === '') return err(`paper ${p.id}: missing title`);
  if (p.title.length > 2000) return err(`paper ${p.id}: title longer than 2000 characters`);
  if (
    !Array.isArray(p.authors) ||
    !p.authors.every(
      (a) => typeof a === 'object' && a !== null && isStr((a as Author).name) && isStr((a as Author).key),
    )
  )
    return err(`paper ${p.id}: authors must be {name, key} objects`);
  if (p.abstract !== undefined && !isStr(p.abstract)) return err(`paper ${p.id}: abstract must be text`);
  for (const f of ['published', 'updated'] as const) {
    const d = p[f];
    if (d !== undefined && (!isStr(d) || !ISO_DATE.test(d))) return err(`paper ${p.id}: ${f} must be YYYY-MM-DD`);
  }
  for (const f of ['categories', 'organisations', 'codeUrls'] as const) {
    if (p[f] !== undefined && !isStrArray(p[f])) return err(`paper ${p.id}: ${f} must be a list of text`);
  }
  if (p.codeLinks !== undefined && !isCodeLinkList(p.codeLinks))
    return err(`paper ${p.id}: codeLinks must be {url, source} objects`);
  for (const f of ['primaryCategory', 'doi', 'journalRef', 'comments'] as const) {
    if (p[f] !== undefined && !isStr(p[f])) return err(`paper ${p.id}: ${f} must be text`);
  }
  for (const f of ['authorsTruncated', 'hasCode'] as const) {
    if (p[f] !== undefined && typeof p[f] !== 'boolean') return err(`paper ${p.id}: ${f} must be true or false`);
  }
  if (
    p.abstractVersions !== undefined &&
    !(
      Array.isArray(p.abstractVersions) &&
      p.abstractVersions.every((a) => isRecord(a) && isStr(a.text) && isStr(a.source))
    )
  )
    return err(`paper ${p.id}: abstractVersions must be {text, source} objects`);
  if (p.listings !== undefined && !(Array.isArray(p.listings) && p.listings.every(isListing)))
    return err(`paper ${p.id}: listings must be {source, label?, date?, venue?} objects`);
  if (!Array.isArray(p.provenance) || !p.provenance.every(isProvenance))
    return err(`paper ${p.id}: provenance must be a list of bundled/imported/learned entries`);
  return ok(p as unknown as Paper);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isListing(v: unknown): boolean {
  if (!isRecord(v) || !isStr(v.source)) return false;
  if (v.date !== undefined && !(isStr(v.date) && ISO_DATE.test(v.date))) return false;
  return (v.label === undefined || isStr(v.label)) && (v.venue === undefined || isStr(v.venue));
}

function isProvenance(v: unknown): boolean {
  if (!isRecord(v)) return false;
  switch (v.kind) {
    case 'bundled':
      return isStr(v.corpusVersion);
    case 'imported':
      return isStr(v.importId) && isStr(v.file) && isStr(v.at);
    case 'learned':
      return isStr(v.url) && isStr(v.at);
    default:
      return false;
  }
}

/** Checks an unknown value is an AuthorStats entry: figures are non-negative integers, the source is named. */
export function validateAuthorStats(v: unknown): Result<AuthorStats> {
  if (!isRecord(v) || !isStr(v.author) || v.author.trim() === '') return err('author stats: missing author');
  if (!isStr(v.source) || v.source === '') return err(`author stats ${v.author}: missing source`);
  for (const f of ['hIndex', 'citations', 'papers'] as const) {
    const n = v[f];
    if (n !== undefined && !(typeof n === 'number' && Number.isInteger(n) && n >= 0))
      return err(`author stats ${v.author}: ${f} must be a whole number`);
  }
  return ok(v as unknown as AuthorStats);
}
