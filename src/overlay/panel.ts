/**
 * Mounting a full panel after an element, for any site: the arXiv abs and HTML pages, a listing entry's
 * expanded chip, and (later) other sites' badges. Idempotent through mount.ts.
 */
import { h, render } from 'preact';
import type { PagePaper, PanelRequest } from '../messaging/protocol';
import type { FiguresSource } from '../ui/panel/Figures';
import { Panel, type PanelApi } from '../ui/panel/Panel';
import { PANEL_CSS } from '../ui/panel/styles';
import { mountAfter, unmount } from './mount';

export interface MountedPanel {
  readonly host: HTMLElement;
  readonly fresh: boolean;
  remove(): void;
}

export function mountPanel(
  anchor: Element,
  paper: PagePaper,
  api: PanelApi,
  options: { request?: PanelRequest; onClose?: () => void; onReady?: () => void; figures?: FiguresSource } = {},
): MountedPanel {
  const m = mountAfter(anchor, 'panel', paper.id, PANEL_CSS);
  if (m.fresh) render(h(Panel, { paper, api, ...options }), m.container);
  return { host: m.host, fresh: m.fresh, remove: () => unmount(m.host, (c) => render(null, c)) };
}
