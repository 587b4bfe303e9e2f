/**
 * Parsers for message payloads: what arrives from another context is `unknown` until one of these says
 * what it is. Each answers a `Result` whose error names the field and what it must be, so the background
 * can refuse a request with a clear BadRequest before any handler code runs. Pure.
 */
import { isCodeLinkList, MAX_CODE_LINKS } from '../core/code';
import { err, isPaperId, ok, type PaperId, type Result } from '../core/paper';
import { PAGE_PAPER_LIMITS as L, type PagePaper } from './types';

export type Parser<T> = (v: unknown) => Result<T>;

type Parsed<P> = P extends Parser<infer T> ? T : never;
type Flat<T> = { [K in keyof T]: T[K] };

/** What `shape(fields)` answers: a field whose parser may answer `undefined` is optional. */
export type Shaped<F> = Flat<
  { -readonly [K in keyof F as undefined extends Parsed<F[K]> ? never : K]: Parsed<F[K]> } & {
    -readonly [K in keyof F as undefined extends Parsed<F[K]> ? K : never]?: Exclude<Parsed<F[K]>, undefined>;
  }
>;

/**
 * A payload object whose fields each pass their parser; the first failure is the answer. Fields whose
 * parser answers `undefined` are left out (`exactOptionalPropertyTypes`), other keys are dropped.
 */
export function shape<F extends Readonly<Record<string, Parser<unknown>>>>(fields: F): Parser<Shaped<F>> {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return err('the payload must be an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(fields)) {
      const parse = fields[key] as Parser<unknown>;
      const r = parse(Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return ok(out as Shaped<F>);
  };
}

/** A payload with no fields (any other keys are ignored). */
export const empty: Parser<Record<string, never>> = () => ok({});

/** `undefined` when absent, else what `parse` says. */
export function optional<T>(parse: Parser<T>): Parser<T | undefined> {
  return (v) => (v === undefined ? ok(undefined) : parse(v));
}

export function text(field: string, max: number, what = 'text'): Parser<string> {
  return (v) =>
    typeof v === 'string' && v.length <= max ? ok(v) : err(`${field} must be ${what} of at most ${max} characters`);
}

/** An http(s) URL, as a page's address is (what learned papers record as where they were seen). */
export function webUrl(field: string, max = 4000): Parser<string> {
  return (v) => {
    if (typeof v === 'string' && v.length <= max && /^https?:\/\//.test(v))
      try {
        return ok(new URL(v).href);
      } catch {
        // Falls through to the error.
      }
    return err(`${field} must be an http(s) URL of at most ${max} characters`);
  };
}

export function bool(field: string): Parser<boolean> {
  return (v) => (typeof v === 'boolean' ? ok(v) : err(`${field} must be true or false`));
}

export function oneOf<T extends string>(field: string, values: readonly T[]): Parser<T> {
  return (v) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? ok(v as T)
      : err(`${field} must be one of ${values.join(', ')}`);
}

export function paperId(field: string): Parser<PaperId> {
  return (v) => (typeof v === 'string' && isPaperId(v) ? ok(v) : err(`${field} must be a paper id`));
}

export function paperIds(field: string, max = 5000): Parser<PaperId[]> {
  return (v) =>
    Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string' && isPaperId(x))
      ? ok(v as PaperId[])
      : err(`${field} must be a list of at most ${max} paper ids`);
}

/** A list of at most `max` items, each passing `item`; the error names the first bad one. */
export function list<T>(field: string, max: number, item: Parser<T>): Parser<T[]> {
  return (v) => {
    if (!Array.isArray(v) || v.length > max) return err(`${field} must be a list of at most ${max} items`);
    const out: T[] = [];
    for (const [i, x] of v.entries()) {
      const r = item(x);
      if (!r.ok) return err(`${field}[${i}]: ${r.error}`);
      out.push(r.value);
    }
    return ok(out);
  };
}

const optionalText = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);

/** A paper a page sent. Every field is bounded, so a hostile page cannot flood the background. */
export const pagePaper: Parser<PagePaper> = (v) => {
  const p = v as Partial<PagePaper> | null;
  if (
    typeof p !== 'object' ||
    !p ||
    typeof p.id !== 'string' ||
    !isPaperId(p.id) ||
    typeof p.title !== 'string' ||
    p.title.length > L.title ||
    !Array.isArray(p.authors) ||
    p.authors.length > L.authors ||
    !p.authors.every((a) => typeof a === 'string' && a.length <= L.author) ||
    typeof p.url !== 'string' ||
    p.url.length > L.url ||
    !optionalText(p.abstract, L.abstract) ||
    !optionalText(p.comments, L.comments) ||
    !optionalText(p.published, 10) ||
    !optionalText(p.doi, L.doi) ||
    !optionalText(p.journalRef, L.journalRef) ||
    (p.code !== undefined && !isCodeLinkList(p.code, MAX_CODE_LINKS)) ||
    (p.categories !== undefined &&
      (!Array.isArray(p.categories) || !p.categories.every((c) => typeof c === 'string' && c.length <= L.category)))
  )
    return err('paper must have id, title, authors and url (and bounded optional fields)');
  return ok(p as PagePaper);
};

/** Optional code links of an entry (at most MAX_CODE_LINKS, web URLs with a known source). */
export const codeLinks: Parser<PagePaper['code']> = (v) =>
  v === undefined || isCodeLinkList(v, MAX_CODE_LINKS)
    ? ok(v as PagePaper['code'])
    : err(`code must be at most ${MAX_CODE_LINKS} {url, source} links`);
