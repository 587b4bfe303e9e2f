/**
 * The arXiv overlay: finds the papers on an arXiv page with the matching adapter, then mounts a panel
 * (abs and HTML pages) or chips (listings, search results, author pages); the background learns what
 * the page showed as part of answering, so the corpus grows. Safe to run again on the same page
 * (nothing is injected twice); everything stops when the signal is aborted.
 */

import { getSettings } from '../settings/store';
import { adapterFor } from '../sites/registry';
import type { SiteAdapter } from '../sites/types';
import type { PanelApi } from '../ui/panel/Panel';
import { extensionPanelApi } from './api';
import { ChipRunner } from './chips';
import { figuresSource } from './figures';
import { guard } from './guard';
import { toPagePaper } from './page-paper';
import { mountPanel } from './panel';

/** Where late entries can appear; the observer watches only this, not the whole page. */
const LIST_CONTAINERS = '#dlpage, ol.breathe-horizontal, #articles, main, #content';
const LATE_ENTRY_DEBOUNCE_MS = 150;

export interface OverlayHooks {
  /** The panel API; the extension's own by default. */
  readonly api?: PanelApi;
  /** Called when the page's overlay shows its data: the panel's, or every chip's. */
  readonly onReady?: (what: { kind: 'panel' | 'chips'; count: number }) => void;
  /** Stops the overlay's work when aborted (WXT's `ctx.signal`); the cleanup also removes what it added. */
  readonly signal?: AbortSignal;
}

/** Runs the overlay on `doc`; returns a cleanup that removes everything it injected and stops watching. */
export function runArxivOverlay(doc: Document, url: URL, hooks: OverlayHooks = {}): () => void {
  const adapter = adapterFor(url);
  if (!adapter) return () => {};
  const api = hooks.api ?? extensionPanelApi();
  return adapter.overlay === 'panel'
    ? afterParse(doc, () => runPanel(doc, url, adapter, api, hooks))
    : runChips(doc, url, adapter, api, hooks);
}

/** Runs `fn` once the document is parsed (at once if it is); returns a cleanup for what `fn` set up. */
function afterParse(doc: Document, fn: () => () => void): () => void {
  if (doc.readyState !== 'loading') return fn();
  let cleanup: (() => void) | undefined;
  const start = () => {
    cleanup = fn();
  };
  doc.addEventListener('DOMContentLoaded', start, { once: true });
  return () => {
    doc.removeEventListener('DOMContentLoaded', start);
    cleanup?.();
  };
}

function runPanel(doc: Document, url: URL, adapter: SiteAdapter, api: PanelApi, hooks: OverlayHooks): () => void {
  const mounted = adapter.extract(doc, url).map((found) => {
    const paper = toPagePaper(found);
    const figures = guard('figures', () => figuresSource(adapter.id, doc, found.arxivId), undefined);
    const m = mountPanel(found.anchor, paper, api, {
      // The background learns the paper once it has answered, so "in your corpus" means known before.
      request: { paper, learnFrom: url.href },
      ...(figures ? { figures } : {}),
      onReady: () => {
        mark('paperlens:panel-ready');
        hooks.onReady?.({ kind: 'panel', count: 1 });
      },
    });
    // The panel goes below the abstract at once; the placement setting may move it above.
    if (m.fresh && !hooks.api)
      void getSettings().then(
        (s) => s.panelPlacement === 'above-abstract' && m.host.isConnected && found.anchor.before(m.host),
        () => undefined,
      );
    return m;
  });
  return () => {
    for (const m of mounted) if (m.fresh) m.remove();
  };
}

function runChips(doc: Document, url: URL, adapter: SiteAdapter, api: PanelApi, hooks: OverlayHooks): () => void {
  const runner = new ChipRunner({
    api,
    url,
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    onVisible: () => mark('paperlens:chips-visible'),
    onSettled: (count) => {
      mark('paperlens:chips-ready');
      hooks.onReady?.({ kind: 'chips', count });
    },
    onCounted: () => mark('paperlens:chips-counted'),
  });
  const { entries, readEntry } = adapter;
  /** Hands the runner the entries it has not seen. */
  const scan = () => {
    if (entries && readEntry) void runner.add(entries(doc), (el) => readEntry(el, url));
    else void runner.add(adapter.extract(doc, url), (f) => f);
  };

  // Entries that arrive late (paging scripts, slow connections): re-read only when something other than
  // our own hosts was added, debounced, and hand the runner only the entries it has not seen.
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const start = () => {
    scan();
    const container = doc.querySelector(LIST_CONTAINERS) ?? doc.body;
    observer = new MutationObserver((records) => {
      const added = records.some((r) =>
        Array.from(r.addedNodes).some((n) => n.nodeType === 1 && !(n as Element).tagName.startsWith('PAPERLENS-')),
      );
      if (!added) return;
      clearTimeout(timer);
      timer = setTimeout(() => guard('reading late entries', scan, undefined), LATE_ENTRY_DEBOUNCE_MS);
    });
    observer.observe(container, { childList: true, subtree: true });
    return () => {
      observer?.disconnect();
      clearTimeout(timer);
    };
  };
  const stopWatching = afterParse(doc, start);
  return () => {
    stopWatching();
    runner.stop();
  };
}

/** A performance mark the benches read (content scripts share the page's performance timeline). */
function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // Marks are diagnostics only.
  }
}
