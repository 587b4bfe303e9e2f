/**
 * arXiv's OAI-PMH interface, as documented (checked 1 Dec 2026):
 *
 * - Base URL `https://oaipmh.arxiv.org/oai` ("Notes for harvesters", https://info.arxiv.org/help/oa/index.html;
 *   the same URL is the `<baseURL>` of arXiv's Identify response). It replaced `http://export.arxiv.org/oai2`.
 * - Sets: one per archive group (`cs`, `math`, `physics`, …), per archive (`physics:hep-th`) and, since the
 *   new interface, per category (`cs:cs:LG`, `physics:astro-ph:CO`, `math:math:AG`); a record is in the
 *   set of each of its categories, cross-lists included (arXiv's ListSets and ListRecords responses).
 * - Formats `arXiv` (structured authors) and `arXivRaw` (version history); `from`/`until` select by
 *   datestamp (the record's last change, day granularity), not by submission date; the earliest
 *   datestamp is 2005-09-16.
 * - Terms of Use for arXiv APIs (https://info.arxiv.org/help/api/tou.html), which cover OAI-PMH: no more
 *   than one request every three seconds, one connection at a time; and arXiv's flow control is
 *   `503 Retry-After`, which harvesters must obey (OAI-PMH 2.0 §3.5,
 *   https://www.openarchives.org/OAI/openarchivesprotocol.html#FlowControl).
 *
 * Pure: URL building, the category → set mapping and header parsing.
 */

export const OAI_BASE_URL = 'https://oaipmh.arxiv.org/oai';
/** The optional host permission the harvest asks for when the user starts it. */
export const OAI_ORIGINS = ['https://oaipmh.arxiv.org/*'] as const;
/** arXiv's Identify `<earliestDatestamp>`: asking from an earlier day returns nothing more. */
export const EARLIEST_DATESTAMP = '2005-09-16';
/** Minimum gap between the starts of two requests (arXiv API terms of use). */
export const MIN_INTERVAL_MS = 3000;
/** Records arXiv returns per ListRecords response; the harvest learns the real size from full pages. */
export const DEFAULT_PAGE_SIZE = 1000;

export const METADATA_FORMATS = ['arXiv', 'arXivRaw'] as const;
export type MetadataFormat = (typeof METADATA_FORMATS)[number];

/** Archives that arXiv exposes under the `physics` group set. */
const PHYSICS_ARCHIVES: ReadonlySet<string> = new Set([
  'astro-ph',
  'cond-mat',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math-ph',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'physics',
  'quant-ph',
]);
const OTHER_ARCHIVES: ReadonlySet<string> = new Set(['cs', 'econ', 'eess', 'math', 'q-bio', 'q-fin', 'stat']);

/**
 * The OAI set of an arXiv category or archive code, or undefined for a code arXiv has no set for
 * (a legacy archive such as `alg-geom`, or a typo):
 * `cs.LG` → `cs:cs:LG`, `cs` → `cs`, `hep-th` → `physics:hep-th`, `astro-ph.CO` → `physics:astro-ph:CO`,
 * `physics.optics` → `physics:physics:optics`, `stat.ML` → `stat:stat:ML`.
 */
export function setSpecFor(code: string): string | undefined {
  const m = /^([a-z][a-z-]*)(?:\.([A-Za-z][A-Za-z-]*))?$/.exec(code);
  if (!m) return undefined;
  const [, archive = '', sub] = m;
  const group = PHYSICS_ARCHIVES.has(archive) ? 'physics' : OTHER_ARCHIVES.has(archive) ? archive : undefined;
  if (!group) return undefined;
  if (sub) return `${group}:${archive}:${sub}`;
  // The `physics` set is the whole physics group; the physics archive (physics.*) is `physics:physics`.
  return group === archive && archive !== 'physics' ? archive : `${group}:${archive}`;
}

export interface WindowRequest {
  readonly set: string;
  readonly from: string;
  readonly until: string;
  readonly format: MetadataFormat;
}

/** The first ListRecords request of a date window. */
export function listRecordsUrl(w: WindowRequest, base = OAI_BASE_URL): string {
  const params = new URLSearchParams({
    verb: 'ListRecords',
    metadataPrefix: w.format,
    set: w.set,
    from: w.from,
    until: w.until,
  });
  return `${base}?${params}`;
}

/** The next page: a resumption token is an exclusive argument (OAI-PMH §3.5), nothing else goes with it. */
export function resumeUrl(token: string, base = OAI_BASE_URL): string {
  return `${base}?${new URLSearchParams({ verb: 'ListRecords', resumptionToken: token })}`;
}

/**
 * How long a `Retry-After` asks to wait, in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable. Never less than the minimum interval, and capped at a day so a
 * broken header cannot park the harvest for ever.
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // An HTTP date names its day and month ("Tue, 01 Dec 2026 12:05:00 GMT"); "-5" is not one.
    const at = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(ms, MIN_INTERVAL_MS), 24 * 3600_000);
}

/** `YYYY-MM-DD`, a real calendar day. */
export function isDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The UTC day of a timestamp. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `day` plus `n` days (negative to go back). */
export function addDays(day: string, n: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000);
}

/** Whole days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
