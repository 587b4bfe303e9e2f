/**
 * The figures and tables of an arXiv HTML rendering (LaTeXML), as the panel lists them: kind, label
 * ("Figure 3"), the caption's first sentence, a thumbnail URL or a table's first cells, and the id to
 * jump to. Reads the DOM it is handed (the live page, or the HTML version fetched for an abs page and
 * parsed inert with DOMParser); everything it answers is plain text or a checked URL, never markup.
 *
 * LaTeXML's markup: every float is a `<figure>` with class `ltx_figure`, `ltx_table` or `ltx_float`
 * (algorithms are `ltx_float ltx_float_algorithm`, listings `ltx_float_lstlisting`), an `id`
 * (`S3.F2`, `S4.T1`, `alg1`) and its own `<figcaption class="ltx_caption">` whose `.ltx_tag` is the label
 * ("Figure 2: ", "Table 1: ", "Algorithm 1"). Subfigures are `figure.ltx_figure_panel` inside the parent
 * figure, with their own "(a)" captions. Math is `<math alttext="…">`, whose text content is MathML.
 *
 * Decisions: algorithms and other floats are listed as figure-kind items (`kind: 'figure'`) with their
 * own label, since the contract has two kinds and a reader skims an algorithm like a figure. A figure
 * with subfigures is one item (its first image as the thumbnail); its panels are items of their own
 * only when the parent has no caption of its own and the panels do (side-by-side minipages, each
 * captioned "Figure N"), which is the page only having subfigures.
 */
import type { ArxivId } from '../core/paper';

export type FigureKind = 'figure' | 'table';

export interface PaperFigure {
  readonly kind: FigureKind;
  /** "Figure 3", "Table 2", "Algorithm 1"; "Figure" or "Table" when the float is unnumbered. */
  readonly label: string;
  /** The caption's first sentence, plain text, at most CAPTION_MAX characters. */
  readonly caption: string;
  /** The float's element id in its page ('' when it has none): where a jump goes. */
  readonly target: string;
  /** The first image's absolute URL, when it is on the page's own origin. */
  readonly image?: string;
  /** A table's first rows × columns as text, when the float holds a tabular and no image. */
  readonly cells?: readonly (readonly string[])[];
  /** Whether `cells[0]` is the tabular's header row. */
  readonly headerRow?: boolean;
}

export const FIGURE_LIMITS = {
  /** Floats listed at most; a hostile page may have a million. */
  items: 500,
  caption: 300,
  rows: 3,
  columns: 3,
  cell: 24,
  /** Caption text read at most before the first sentence is cut from it. */
  read: 4000,
} as const;

const FLOATS = 'figure.ltx_figure, figure.ltx_table, figure.ltx_float';
/** Elements whose text is not caption text. */
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'button', 'select']);
/** Words that end in a full stop without ending a sentence (checked lower-cased, without the stop). */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'cf',
  'vs',
  'al',
  'fig',
  'figs',
  'eq',
  'eqs',
  'sec',
  'tab',
  'no',
  'resp',
  'approx',
  'etc',
  'ref',
  'refs',
  'viz',
  'dr',
  'prof',
]);

/** The floats of a LaTeXML page in document order, one item per figure or table (see the module note). */
export function extractFigures(doc: ParentNode, base: URL): PaperFigure[] {
  const all = Array.from(doc.querySelectorAll(FLOATS));
  const inSet = new Set(all);
  const top = all.filter((el) => !hasFloatAncestor(el, inSet));
  const out: PaperFigure[] = [];
  for (const el of top) {
    for (const item of itemsOf(el, inSet)) {
      if (out.length >= FIGURE_LIMITS.items) return out;
      out.push(read(item, base));
    }
  }
  return out;
}

/** How many floats the page has in all (to say "the first 500 of 1,200"). */
export function countFloats(doc: ParentNode): number {
  return doc.querySelectorAll(FLOATS).length;
}

/** The URL of a paper's HTML version on arXiv (the newest version; arXiv answers 404 when there is none). */
export function htmlVersionUrl(arxivId: ArxivId): string {
  return `https://arxiv.org/html/${arxivId}`;
}

/**
 * The HTML version an abs page links to ("HTML (experimental)", `#latexml-download-link`, with the
 * version), when it is on arxiv.org; else undefined (then `htmlVersionUrl` asks for the newest).
 */
export function htmlVersionLink(doc: ParentNode): string | undefined {
  const href = doc.querySelector('a#latexml-download-link[href]')?.getAttribute('href');
  if (!href) return undefined;
  try {
    const url = new URL(href, 'https://arxiv.org/');
    return url.origin === 'https://arxiv.org' && url.pathname.startsWith('/html/') ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What relative URLs in a fetched HTML version resolve against: its `<base href>`, else the address it
 * was answered from, taken as the paper's folder (arXiv's images sit beside the page: `…/2401.01234v2/x1.png`).
 */
export function htmlBase(doc: ParentNode, answeredFrom: URL): URL {
  const href = doc.querySelector('base[href]')?.getAttribute('href');
  if (href)
    try {
      return new URL(href, answeredFrom);
    } catch {
      // A broken base: fall back to the folder.
    }
  const folder = new URL(answeredFrom.href);
  folder.hash = '';
  folder.search = '';
  if (!folder.pathname.endsWith('/')) folder.pathname += '/';
  return folder;
}

function hasFloatAncestor(el: Element, floats: ReadonlySet<Element>): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) if (floats.has(p)) return true;
  return false;
}

/** `el` itself, or (captionless parent of captioned panels) its panels, recursively. */
function itemsOf(el: Element, floats: ReadonlySet<Element>): Element[] {
  if (ownCaption(el)) return [el];
  const panels = Array.from(el.querySelectorAll(FLOATS)).filter(
    (p) => floats.has(p) && nearestFloat(p, floats) === el && ownCaption(p) && labelOf(p) !== undefined,
  );
  return panels.length ? panels.flatMap((p) => itemsOf(p, floats)) : [el];
}

function nearestFloat(el: Element, floats: ReadonlySet<Element>): Element | undefined {
  for (let p = el.parentElement; p; p = p.parentElement) if (floats.has(p)) return p;
  return undefined;
}

/** The float's own caption: a figcaption whose nearest float is this one (not a subfigure's). */
function ownCaption(el: Element): Element | undefined {
  for (const c of Array.from(el.querySelectorAll('figcaption'))) if (c.closest('figure') === el) return c;
  return undefined;
}

function kindOf(el: Element): FigureKind {
  return el.classList.contains('ltx_table') ? 'table' : 'figure';
}

/** The numbered label of a float's caption ("Figure 2"), or undefined when it carries none. */
function labelOf(el: Element): string | undefined {
  const tag = ownCaption(el)?.querySelector('.ltx_tag');
  if (!tag) return undefined;
  const text = clean(textIn(tag, 200))
    .replace(/[:.\s]+$/, '')
    .trim();
  // A subfigure's "(a)" is no label of its own.
  return text && !/^\(.*\)$/.test(text) ? text : undefined;
}

function read(el: Element, base: URL): PaperFigure {
  const kind = kindOf(el);
  const caption = ownCaption(el);
  const label =
    labelOf(el) ?? (kind === 'table' ? 'Table' : el.matches('.ltx_float_algorithm') ? 'Algorithm' : 'Figure');
  const text = caption ? clean(textIn(caption, FIGURE_LIMITS.read, '.ltx_tag')) : '';
  const image = imageOf(el, base);
  const cells = image ? undefined : cellsOf(el);
  return {
    kind,
    label: clip(label, 60),
    caption: firstSentence(text),
    target: clip(el.getAttribute('id') ?? '', 200),
    ...(image ? { image } : {}),
    ...(cells ? { cells: cells.rows, headerRow: cells.header } : {}),
  };
}

/** The first image with a source on the page's own origin (a thumbnail costs nothing it has not loaded). */
function imageOf(el: Element, base: URL): string | undefined {
  for (const img of Array.from(el.querySelectorAll('img[src]'))) {
    const src = img.getAttribute('src') ?? '';
    if (!src.trim() || src.length > 4000) continue;
    try {
      const url = new URL(src, base);
      if (url.origin === base.origin && (url.protocol === 'https:' || url.protocol === 'http:')) return url.href;
    } catch {
      // Not a URL: no thumbnail.
    }
  }
  return undefined;
}

function cellsOf(el: Element): { rows: string[][]; header: boolean } | undefined {
  const table = el.querySelector('table.ltx_tabular, table');
  if (!table) return undefined;
  const rows: string[][] = [];
  let header = false;
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    if (rows.length >= FIGURE_LIMITS.rows) break;
    if (tr.closest('table') !== table) continue;
    const cells = Array.from(tr.children).filter((c) => /^t[dh]$/i.test(c.tagName));
    const row = cells.slice(0, FIGURE_LIMITS.columns).map((c) => clip(clean(textIn(c, 200)), FIGURE_LIMITS.cell));
    if (!row.some(Boolean)) continue;
    if (rows.length === 0) header = !!tr.closest('thead') || cells.every((c) => c.tagName.toLowerCase() === 'th');
    rows.push(row);
  }
  return rows.length ? { rows, header } : undefined;
}

/**
 * Text under `el`, at most `max` characters: math as its TeX (`alttext`), scripts, styles and other
 * non-text elements left out, and what matches `skip` (the label) too.
 */
function textIn(el: Element, max: number, skip?: string): string {
  let out = '';
  const walk = (node: Node) => {
    for (let n = node.firstChild; n && out.length < max; n = n.nextSibling) {
      if (n.nodeType === 3 || n.nodeType === 4) out += (n as CharacterData).data;
      else if (n.nodeType === 1) {
        const e = n as Element;
        const tag = e.tagName.toLowerCase();
        if (SKIP.has(tag) || (skip && e.matches(skip)) || e.classList.contains('ltx_note')) continue;
        if (tag === 'math') out += ` ${e.getAttribute('alttext') ?? ''} `;
        else if (tag === 'br') out += ' ';
        else walk(e);
      }
    }
  };
  walk(el);
  return out.slice(0, max);
}

/** Whitespace collapsed, control and bidirectional-override characters taken out. */
function clean(s: string): string {
  return (
    s
      .replace(/\s+/g, ' ')
      // Control characters (whitespace is already a space) and bidirectional overrides and isolates.
      .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '')
      // The spaces put around math ("at E=64 .") go where they touch punctuation.
      .replace(/ ([.,;:!?)\]])/g, '$1')
      .replace(/([([]) /g, '$1')
      .trim()
  );
}

function clip(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n - 1);
  // Do not split a surrogate pair.
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** The first sentence: up to the first ".", "!" or "?" followed by a space or the end, not an abbreviation. */
export function firstSentence(text: string): string {
  const re = /[.!?](?=\s|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index);
    const word = /(\S+)$/.exec(before)?.[1] ?? '';
    const bare = word.replace(/^[([{"'“‘]+/, '').toLowerCase();
    // "e.g.", "Fig.", "et al." and an initial ("A. Smith") are not an end (a decimal point is never
    // followed by a space, so "0.5" is not one either).
    if (ABBREVIATIONS.has(bare) || /^[a-z]$/i.test(bare)) continue;
    return clip(text.slice(0, m.index + 1), FIGURE_LIMITS.caption);
  }
  return clip(text, FIGURE_LIMITS.caption);
}
