/**
 * The arXiv overlay: finds the papers on an arXiv page with the matching adapter and mounts a panel
 * for each. Safe to run again on the same page (nothing is injected twice).
 */
import { h, render } from 'preact';
import { send } from '../messaging/client';
import type { PagePaper } from '../messaging/protocol';
import { adapterFor } from '../sites/registry';
import type { FoundPaper } from '../sites/types';
import { Panel, type PanelApi } from '../ui/panel/Panel';
import { PANEL_CSS } from '../ui/panel/styles';
import { mountAfter } from './mount';

const api: PanelApi = {
  async lookup(paper) {
    const r = await send('papers/lookup', { ids: [paper.id] });
    return { inCorpus: r.inCorpus.includes(paper.id), saved: r.saved.includes(paper.id) };
  },
  async toggleSave(paper) {
    return (await send('readingList/toggle', { paper })).saved;
  },
};

export function toPagePaper(found: FoundPaper): PagePaper {
  return {
    id: found.id,
    title: found.title,
    authors: [...found.authors],
    url: found.url,
    ...(found.abstract ? { abstract: found.abstract } : {}),
  };
}

/** Runs the overlay on `doc`; returns a cleanup that removes everything it injected. */
export function runArxivOverlay(doc: Document, url: URL): () => void {
  const adapter = adapterFor(url);
  if (!adapter) return () => {};
  const mounted: HTMLElement[] = [];
  for (const found of adapter.extract(doc, url)) {
    const m = mountAfter(found.anchor, adapter.overlay, found.id, PANEL_CSS);
    if (!m.fresh) continue;
    render(h(Panel, { paper: toPagePaper(found), api }), m.container);
    mounted.push(m.host);
  }
  return () => {
    for (const host of mounted) {
      const c = host.shadowRoot?.querySelector('[data-paperlens-root]');
      if (c) render(null, c);
      host.remove();
    }
  };
}
