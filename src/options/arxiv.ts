/**
 * "Update from arXiv": fresh papers for the user's categories, and full metadata for papers the corpus
 * only glimpsed on a listing page. Only ever run when the user asks (the setting is off by default and
 * the button is the trigger), through arXiv's API (https://info.arxiv.org/help/api/user-manual.html):
 * one query for all chosen categories, then `id_list` queries of up to 100 ids, spaced by the
 * RateLimiter (one request per 3 s, at most 10 per update). Pure planning; the fetch is a parameter.
 */
import type { Paper } from '../core/paper';
import type { ImportReport } from '../corpus/importers';
import { isArxivCategory } from '../settings/schema';
import type { RateLimiter } from './rate-limit';

export const ARXIV_API = 'https://export.arxiv.org/api/query';
/** The origins the optional host permission covers (wxt.config.ts `optional_host_permissions`). */
export const ARXIV_ORIGINS = ['https://export.arxiv.org/*'] as const;

/** Newest submissions in any of `categories`. */
export function categoryQueryUrl(categories: readonly string[], maxResults = 100): string {
  const bad = categories.filter((c) => !isArxivCategory(c));
  if (!categories.length || bad.length)
    throw new Error(`Paperlens: not arXiv categories: ${bad.join(', ') || '(none)'}`);
  const query = categories.map((c) => `cat:${c}`).join(' OR ');
  const params = new URLSearchParams({
    search_query: query,
    sortBy: 'submittedDate',
    sortOrder: 'descending',
    start: '0',
    max_results: String(maxResults),
  });
  return `${ARXIV_API}?${params}`;
}

/** Full records for `ids`, at most `perRequest` per URL (the API's page size for id_list). */
export function idListUrls(ids: readonly string[], perRequest = 100): string[] {
  const urls: string[] = [];
  for (let i = 0; i < ids.length; i += perRequest) {
    const chunk = ids.slice(i, i + perRequest);
    urls.push(`${ARXIV_API}?${new URLSearchParams({ id_list: chunk.join(','), max_results: String(chunk.length) })}`);
  }
  return urls;
}

/**
 * Papers known only from a page glimpse (learned, with an arXiv id, no abstract): the ones an
 * `id_list` query completes. Capped so one update stays a few requests.
 */
export function lackingMetadata(papers: Iterable<Paper>, max = 200): string[] {
  const out: string[] = [];
  for (const p of papers) {
    if (out.length >= max) break;
    if (p.arxivId && !p.abstract && p.provenance.every((q) => q.kind === 'learned')) out.push(p.arxivId);
  }
  return out;
}

/**
 * One GET: the status, the body as text, `Retry-After` when the server sent it (arXiv's flow control),
 * and the address that answered after redirects (what relative links in the body resolve against).
 */
export type FetchText = (
  url: string,
  signal?: AbortSignal,
) => Promise<{ status: number; text: string; retryAfter?: string | null | undefined; url?: string | undefined }>;

export class ArxivUnreachable extends Error {
  override name = 'ArxivUnreachable';
}

export interface UpdatePlan {
  readonly categories: readonly string[];
  /** arXiv ids to complete with `id_list`. */
  readonly missing: readonly string[];
  /** Newest papers asked for per update. */
  readonly maxResults?: number;
}

/** The requests one update makes, in order. */
export function planUpdate(plan: UpdatePlan): string[] {
  return [
    ...(plan.categories.length ? [categoryQueryUrl(plan.categories, plan.maxResults)] : []),
    ...idListUrls(plan.missing),
  ];
}

export interface UpdateDeps {
  readonly fetchText: FetchText;
  readonly limiter: RateLimiter;
  /** Imports one response (an Atom feed) into the corpus; returns its report. */
  readonly store: (atom: string, url: string, index: number) => Promise<ImportReport>;
  readonly online?: () => boolean;
  readonly signal?: AbortSignal;
  readonly onRequest?: (url: string, index: number, total: number) => void;
}

/** Runs the plan's requests one by one, rate-limited; stops at the first failure with a clear message. */
export async function runUpdate(plan: UpdatePlan, deps: UpdateDeps): Promise<ImportReport[]> {
  if (deps.online && !deps.online())
    throw new ArxivUnreachable(
      'You are offline: Paperlens could not ask arXiv for new papers. Try again when connected.',
    );
  const urls = planUpdate(plan);
  const reports: ImportReport[] = [];
  for (const [i, url] of urls.entries()) {
    await deps.limiter.take(deps.signal);
    deps.onRequest?.(url, i, urls.length);
    let res: { status: number; text: string };
    try {
      res = await deps.fetchText(url, deps.signal);
    } catch (e) {
      if ((e as { name?: string }).name === 'AbortError') throw e;
      throw new ArxivUnreachable(
        `arXiv could not be reached (${(e as Error).message || 'network error'}): are you offline? Nothing was changed by this request.`,
      );
    }
    if (res.status === 429 || res.status === 503)
      throw new ArxivUnreachable(
        `arXiv asked Paperlens to slow down (HTTP ${res.status}); try again in a few minutes.`,
      );
    if (res.status !== 200) throw new ArxivUnreachable(`arXiv answered HTTP ${res.status} to ${url}`);
    const report = await deps.store(res.text, url, i);
    reports.push(report);
    if (report.error) throw new ArxivUnreachable(`arXiv's answer could not be read: ${report.error}`);
  }
  return reports;
}
