/**
 * Injecting Paperlens hosts into a page, following the overlay DOM contract:
 * a `paperlens-<kind>` element with `data-paperlens=<kind>` and `data-paper-id=<canonical id>`, and an
 * open shadow root holding the UI and its styles. Injection is idempotent: a second call for the same
 * paper and kind on the same page returns the existing host.
 */
import type { PaperId } from '../core/paper';
import type { OverlayKind } from '../sites/types';
import { THEME_ATTR, type Theme, themedCss } from '../ui/theme';

/** The theme setting as the content script last read it; every host carries it for its styles. */
let overlayTheme: Theme = 'auto';
const themed = new Map<string, string>();

/** Applies the theme setting to every host already in `doc` and to those mounted from now on. */
export function setOverlayTheme(doc: Document, theme: Theme): void {
  overlayTheme = theme;
  for (const host of hostsOf(doc).values()) host.setAttribute(THEME_ATTR, theme);
}

export interface Mounted {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** The element inside the shadow root to render into. */
  readonly container: HTMLElement;
  readonly fresh: boolean;
}

export function findHost(doc: Document, kind: OverlayKind, id: PaperId): HTMLElement | null {
  return doc.querySelector<HTMLElement>(`[data-paperlens="${kind}"][data-paper-id="${CSS.escape(id)}"]`);
}

/**
 * The hosts of a document by kind and id. Seeded with one query the first time a document is mounted
 * into (hosts a previous run of the script left behind included), then kept up to date here: looking each
 * of 2,000 listing entries up with a document-wide query would cost quadratic time.
 */
const hostIndex = new WeakMap<Document, Map<string, HTMLElement>>();
function hostsOf(doc: Document): Map<string, HTMLElement> {
  let index = hostIndex.get(doc);
  if (!index) {
    index = new Map();
    for (const el of Array.from(doc.querySelectorAll<HTMLElement>('[data-paperlens][data-paper-id]')))
      index.set(`${el.dataset.paperlens}:${el.dataset.paperId}`, el);
    hostIndex.set(doc, index);
  }
  return index;
}

/**
 * Mounts a host after `anchor` (or returns the one already there). With `insert: false` the new host is
 * only created, for the caller to insert later with `anchor.after(host)`: a listing renders 2,000 chips
 * into detached hosts and inserts them together, so the page is laid out once rather than once a slice.
 */
export function mountAfter(anchor: Element, kind: OverlayKind, id: PaperId, css: string, insert = true): Mounted {
  const doc = anchor.ownerDocument;
  const index = hostsOf(doc);
  const key = `${kind}:${id}`;
  let existing = index.get(key);
  if (existing && !existing.isConnected) existing = undefined;
  if (existing?.shadowRoot) {
    const container = existing.shadowRoot.querySelector<HTMLElement>('[data-paperlens-root]');
    if (container) return { host: existing, root: existing.shadowRoot, container, fresh: false };
  }
  existing?.remove();
  const host = newHost(doc, kind);
  host.dataset.paperId = id;
  host.setAttribute(THEME_ATTR, overlayTheme);
  // Cloned with the prototype's shadow root where the browser clones shadow roots (`clonable`).
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheetCss = themed.get(css) ?? themedCss(css, ':host');
  themed.set(css, sheetCss);
  css = sheetCss;
  if (!adopt(root, sharedSheet(doc, css))) {
    const style = doc.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }
  let container = root.lastElementChild as HTMLElement | null;
  if (!container?.hasAttribute('data-paperlens-root')) {
    container = doc.createElement(kind === 'panel' ? 'div' : 'span');
    container.setAttribute('data-paperlens-root', '');
    root.append(container);
  }
  if (insert) anchor.after(host);
  index.set(key, host);
  return { host, root, container, fresh: true };
}

/**
 * Each host's own style: none of the page's CSS, and no room beyond what its content needs. A listing has
 * 2,000 chips; those off screen are not laid out (`content-visibility: auto`), which halves the layout
 * their insertion costs (measured in `npm run bench -- overlay`). Their placeholder is a chip's usual
 * size, centred on the line as the chip is, so a chip coming on screen moves nothing.
 */
const HOST_STYLE: Record<OverlayKind, string> = {
  panel: 'all:initial;display:block;',
  badge: 'all:initial;display:inline;',
  chip: 'all:initial;display:inline-block;vertical-align:middle;content-visibility:auto;contain-intrinsic-size:auto 220px auto 19px;',
};

/**
 * A new host: a clone of one prototype per document and kind (its attributes and its open shadow root
 * with the render container, `clonable` so cloning copies it), which costs less than building each of
 * 2,000 hosts. Where shadow roots are not cloned, `mountAfter` attaches one.
 */
const prototypes = new WeakMap<Document, Map<OverlayKind, HTMLElement>>();
function newHost(doc: Document, kind: OverlayKind): HTMLElement {
  let byKind = prototypes.get(doc);
  if (!byKind) {
    byKind = new Map();
    prototypes.set(doc, byKind);
  }
  let proto = byKind.get(kind);
  if (!proto) {
    proto = doc.createElement(`paperlens-${kind}`);
    proto.dataset.paperlens = kind;
    proto.style.cssText = HOST_STYLE[kind];
    const root = proto.attachShadow({ mode: 'open', clonable: true } as ShadowRootInit);
    const container = doc.createElement(kind === 'panel' ? 'div' : 'span');
    container.setAttribute('data-paperlens-root', '');
    root.append(container);
    byKind.set(kind, proto);
  }
  return proto.cloneNode(true) as HTMLElement;
}

/** Firefox content scripts may refuse a sheet from their own compartment; a `<style>` works everywhere. */
function adopt(root: ShadowRoot, sheet: CSSStyleSheet | undefined): boolean {
  if (!sheet) return false;
  try {
    root.adoptedStyleSheets = [sheet];
    return root.adoptedStyleSheets.length === 1;
  } catch {
    return false;
  }
}

/** Removes a host and everything in it; `beforeRemove` unmounts the UI rendered into its container. */
export function unmount(host: HTMLElement, beforeRemove?: (container: HTMLElement) => void): void {
  const c = host.shadowRoot?.querySelector<HTMLElement>('[data-paperlens-root]');
  if (c) beforeRemove?.(c);
  host.remove();
}

/**
 * One constructed stylesheet per document and CSS text, adopted by every shadow root: a listing of 2,000
 * chips then parses its styles once, not 2,000 times. Undefined where constructed sheets are missing.
 */
const sheets = new WeakMap<Document, Map<string, CSSStyleSheet>>();
function sharedSheet(doc: Document, css: string): CSSStyleSheet | undefined {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (!view || typeof view.CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in view.Document.prototype))
    return undefined;
  let byCss = sheets.get(doc);
  if (!byCss) {
    byCss = new Map();
    sheets.set(doc, byCss);
  }
  let sheet = byCss.get(css);
  if (!sheet) {
    try {
      sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      return undefined;
    }
    byCss.set(css, sheet);
  }
  return sheet;
}
