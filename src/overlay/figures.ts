/**
 * Where the panel's figures come from (ui/panel/Figures.tsx). On an arXiv HTML page: the page itself,
 * read at once, and a jump that scrolls to the float and gives it the focus. On an abs page: the
 * paper's HTML version, fetched from arxiv.org only when the user clicks "Figures" (one request, listed
 * in src/privacy.ts), parsed inert with DOMParser (no script runs, no image loads, nothing of it is
 * put into the page) and read by the same extractor.
 */
import type { ArxivId } from '../core/paper';
import type { FetchText } from '../options/arxiv';
import { fetchText as realFetchText } from '../options/fetch-text';
import { countFloats, extractFigures, htmlBase, htmlVersionLink, htmlVersionUrl } from '../sites/arxiv-figures';
import type { FiguresAnswer, FiguresSource } from '../ui/panel/Figures';

const ARXIV = 'https://arxiv.org';
/** A page bigger than this is not parsed (the largest real LaTeXML pages are a few tens of MB). */
const MAX_HTML = 60_000_000;
const TIMEOUT_MS = 30_000;

export interface HtmlVersionDeps {
  readonly fetchText: FetchText;
  /** Parses HTML into an inert document (DOMParser in the browser, linkedom in tests). */
  readonly parse: (html: string) => Document;
  readonly timeoutMs?: number;
}

/** The figures source for a panel on `adapterId`'s page, or undefined where there is none. */
export function figuresSource(
  adapterId: string,
  doc: Document,
  arxivId: ArxivId | undefined,
): FiguresSource | undefined {
  if (adapterId === 'arxiv-html') return pageFigures(doc);
  if (adapterId === 'arxiv-abs' && arxivId) {
    const url = htmlVersionLink(doc) ?? htmlVersionUrl(arxivId);
    const deps: HtmlVersionDeps = {
      fetchText: realFetchText,
      parse: (html) => new DOMParser().parseFromString(html, 'text/html'),
    };
    return { from: 'html-version', load: () => loadHtmlVersion(url, deps) };
  }
  return undefined;
}

function pageFigures(doc: Document): FiguresSource {
  const figures = extractFigures(doc, new URL(doc.baseURI));
  return {
    from: 'page',
    answer: { kind: 'figures', figures, total: countFloats(doc), pageUrl: '' },
    jump(target) {
      const el = doc.getElementById(target);
      if (!el) return;
      // A figure is not focusable by itself; -1 lets it take the focus without joining the tab order.
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.scrollIntoView({ block: 'start' });
      (el as HTMLElement).focus({ preventScroll: true });
    },
  };
}

/** Fetches and reads the HTML version at `url`: the list, or a clear reason there is none. */
export async function loadHtmlVersion(url: string, deps: HtmlVersionDeps): Promise<FiguresAnswer> {
  const abort = new AbortController();
  // Not AbortSignal.timeout: newer than the oldest Chrome supported (src/compat.ts).
  const timer = setTimeout(() => abort.abort(), deps.timeoutMs ?? TIMEOUT_MS);
  let res: Awaited<ReturnType<FetchText>>;
  try {
    res = await deps.fetchText(url, abort.signal);
  } catch {
    const late = abort.signal.aborted;
    return {
      kind: 'error',
      message: late
        ? `arxiv.org did not answer within ${Math.round((deps.timeoutMs ?? TIMEOUT_MS) / 1000)} seconds.`
        : 'Could not reach arxiv.org (are you offline?).',
    };
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 404 || res.status === 410)
    return {
      kind: 'none',
      message:
        'arXiv has no HTML version of this paper (it makes one only from TeX sources it can convert; older papers have none), so Paperlens cannot list its figures.',
    };
  if (res.status !== 200) return { kind: 'error', message: `arxiv.org answered HTTP ${res.status}.` };
  const answeredFrom = new URL(res.url || url);
  if (answeredFrom.origin !== ARXIV)
    return { kind: 'error', message: 'The HTML version was answered from another site.' };
  if (res.text.length > MAX_HTML) return { kind: 'error', message: 'The HTML version is too large to read.' };
  const doc = deps.parse(res.text);
  if (!doc.querySelector('.ltx_document, .ltx_page_main'))
    return {
      kind: 'none',
      message: "arXiv's HTML version of this paper has no LaTeXML document to read figures from.",
    };
  const figures = extractFigures(doc, htmlBase(doc, answeredFrom));
  const pageUrl = new URL(answeredFrom.href);
  pageUrl.hash = '';
  return { kind: 'figures', figures, total: countFloats(doc), pageUrl: pageUrl.href };
}
