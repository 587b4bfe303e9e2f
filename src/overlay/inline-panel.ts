/**
 * The full panel a chip or a badge opens under its entry, for both: one panel per entry, toggled by the
 * entry's button; Escape (or the panel's Close) closes it and puts focus back on the button; a save made
 * in the panel (of the paper, or of a related paper also on the page) shows on that entry's button at once.
 */
import type { PaperId } from '../core/paper';
import type { PagePaper, PanelRequest } from '../messaging/protocol';
import type { PanelApi } from '../ui/panel/Panel';
import { type MountedPanel, mountPanel } from './panel';

export interface InlineEntry {
  /** The panel goes after this element. */
  readonly anchor: Element;
  /** The paper as the page shows it (shown before the answer). */
  readonly paper: PagePaper;
  /** What the panel asks for: by id where the corpus has the paper. */
  readonly request: () => PanelRequest;
  /** The entry's button, where focus returns when the panel closes. */
  readonly button: () => HTMLElement | null | undefined;
  /** The panel opened or closed: the button redraws (its `aria-expanded`). */
  readonly toggled: (open: boolean) => void;
}

export class InlinePanels {
  private readonly open = new Map<InlineEntry, MountedPanel>();
  private readonly api: PanelApi;

  /** `saved`: a paper's saved state changed in a panel (the runner updates its button, if it has one). */
  constructor(api: PanelApi, saved: (id: PaperId, saved: boolean) => void) {
    this.api = {
      ...api,
      setSaved: async (paper, want) => {
        const now = await api.setSaved(paper, want);
        saved(paper.id, now);
        return now;
      },
    };
  }

  isOpen(entry: InlineEntry): boolean {
    return this.open.has(entry);
  }

  toggle(entry: InlineEntry): void {
    const mounted = this.open.get(entry);
    if (mounted) {
      mounted.remove();
      this.open.delete(entry);
      entry.toggled(false);
      return;
    }
    const close = () => {
      this.toggle(entry);
      entry.button()?.focus();
    };
    this.open.set(entry, mountPanel(entry.anchor, entry.paper, this.api, { request: entry.request(), onClose: close }));
    entry.toggled(true);
  }

  closeAll(): void {
    for (const m of this.open.values()) m.remove();
    this.open.clear();
  }
}
