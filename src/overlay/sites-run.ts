/**
 * The badge overlay's life on a page: which adapter runs (the site's, or the generic recogniser where the
 * user turned Paperlens on or asked for a scan), content added later (a MutationObserver collecting added
 * subtrees, debounced), client-side navigation (a new URL: the overlay starts over for the new page), and
 * the per-site setting (turning a site off removes every badge and panel there; on again brings them back).
 * One overlay per page, however many times the script is injected.
 */
import { getSettings, watchSettings } from '../settings/store';
import type { BadgeSiteAdapter } from '../sites/badge-adapter';
import { generic } from '../sites/generic';
import { badgeAdapterFor } from '../sites/registry';
import type { PanelApi } from '../ui/panel/Panel';
import { extensionPanelApi } from './api';
import { BadgeRunner, type Recogniser } from './badges';

const LATE_DEBOUNCE_MS = 150;

export interface SitesOverlayOptions {
  /** Fall back to the generic recogniser when no site adapter matches the URL. */
  readonly generic: boolean;
  readonly api?: PanelApi;
  readonly recogniser?: Recogniser;
  /** Stops the overlay when aborted (WXT's `ctx.signal`: the extension was reloaded or updated). */
  readonly signal?: AbortSignal;
}

export interface SitesOverlay {
  /**
   * Reads the page again for anything not read yet (the popup's "scan this page"); `generic` lets the
   * generic recogniser take pages no site adapter knows.
   */
  rescan(generic?: boolean): void;
  stop(): void;
}

const RUNNING = Symbol.for('paperlens.sites-overlay');
type Global = typeof globalThis & { [RUNNING]?: SitesOverlay };

export function startSitesOverlay(doc: Document, options: SitesOverlayOptions): SitesOverlay {
  const g = globalThis as Global;
  const existing = g[RUNNING];
  if (existing) {
    existing.rescan(options.generic);
    return existing;
  }
  let useGeneric = options.generic;
  const api = options.api ?? extensionPanelApi();
  let href = location.href;
  let runner: BadgeRunner | undefined;
  let adapter: BadgeSiteAdapter | undefined;
  let disabled: readonly string[] = [];
  let pending: Element[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  // arXiv has its own overlay (chips and panels); badges there would repeat it.
  const pick = (url: URL) =>
    url.hostname === 'arxiv.org' ? undefined : (badgeAdapterFor(url) ?? (useGeneric ? generic : undefined));

  const start = () => {
    runner?.stop();
    runner = undefined;
    pending = [];
    const url = new URL(location.href);
    adapter = pick(url);
    if (!adapter || disabled.includes(adapter.site) || disabled.includes(url.hostname)) return;
    runner = new BadgeRunner({
      adapter,
      url,
      api,
      ...(options.recogniser ? { recogniser: options.recogniser } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onSettled: () => mark('paperlens:badges-ready'),
    });
    void runner.scan(doc);
  };

  const flush = () => {
    if (location.href !== href) {
      href = location.href;
      start();
      return;
    }
    const roots = pending.filter((el) => el.isConnected);
    pending = [];
    for (const root of roots) void runner?.scan(root);
  };

  const observer = new MutationObserver((records) => {
    let added = false;
    for (const r of records)
      for (const n of Array.from(r.addedNodes)) {
        if (n.nodeType !== 1 || (n as Element).tagName.startsWith('PAPERLENS-')) continue;
        pending.push(n as Element);
        added = true;
      }
    if (!added && location.href === href) return;
    clearTimeout(timer);
    timer = setTimeout(flush, LATE_DEBOUNCE_MS);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  const onPop = () => {
    clearTimeout(timer);
    timer = setTimeout(flush, LATE_DEBOUNCE_MS);
  };
  addEventListener('popstate', onPop);

  const unwatch = watchSettings((s) => {
    const before = disabled;
    disabled = s.disabledSites;
    if (before.join() !== disabled.join()) start();
  });
  void getSettings().then((s) => {
    if (stopped) return;
    disabled = s.disabledSites;
    start();
  });

  const overlay: SitesOverlay = {
    rescan: (widen = false) => {
      useGeneric ||= widen;
      if (runner) void runner.scan(doc);
      else start();
    },
    stop: () => {
      stopped = true;
      observer.disconnect();
      removeEventListener('popstate', onPop);
      clearTimeout(timer);
      unwatch();
      runner?.stop();
      delete g[RUNNING];
    },
  };
  g[RUNNING] = overlay;
  options.signal?.addEventListener('abort', () => overlay.stop(), { once: true });
  return overlay;
}

/** A performance mark the benches read (content scripts share the page's performance timeline). */
function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // Marks are diagnostics only.
  }
}
