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
  const host = doc.createElement(`paperlens-${kind}`);
  host.dataset.paperlens = kind;
  host.dataset.paperId = id;
  // The host takes no room of its own beyond what its content needs, and none of the page's styles.
  host.style.cssText = kind === 'panel' ? 'display:block;all:initial;display:block;' : 'all:initial;display:inline;';
  host.setAttribute(THEME_ATTR, overlayTheme);
  const root = host.attachShadow({ mode: 'open' });
  const sheetCss = themed.get(css) ?? themedCss(css, ':host');
  themed.set(css, sheetCss);
  css = sheetCss;
  if (!adopt(root, sharedSheet(doc, css))) {
    const style = doc.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  const container = doc.createElement(kind === 'panel' ? 'div' : 'span');
  container.setAttribute('data-paperlens-root', '');
  root.append(container);
  if (insert) anchor.after(host);
  index.set(key, host);
  return { host, root, container, fresh: true };
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
