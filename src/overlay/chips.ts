/**
 * Chips on listing pages (arXiv listings, search results, author pages; other sites' lists later).
 *
 * Entries are handled in batches: each batch's chips are mounted (showing "looking up") in one short task,
 * its `chips/data` request goes out at once, and the chips fill in as answers arrive, so a 2,000-entry
 * page never blocks the main thread for long and the first chips appear before the last are asked for.
 * Activating a chip expands the full panel under its entry; Escape or the chip again closes it.
 */
import { h, render } from 'preact';
import { send } from '../messaging/client';
import type { ChipData, PagePaper } from '../messaging/protocol';
import type { FoundPaper } from '../sites/types';
import { Chip } from '../ui/chip/Chip';
import { CHIP_CSS } from '../ui/chip/styles';
import type { PanelApi } from '../ui/panel/Panel';
import { mountAfter, unmount } from './mount';
import { learn, toPagePaper } from './page-paper';
import { type MountedPanel, mountPanel } from './panel';

/** Entries per `chips/data` request and per rendering task. */
export const CHIP_BATCH = 200;

export interface ChipsOptions {
  readonly api: PanelApi;
  readonly url: URL;
  /** Asks the background; replaceable in tests. */
  readonly fetchChips?: (papers: PagePaper[]) => Promise<Record<string, ChipData>>;
  /** Stores the papers seen; `papers/learn` by default. */
  readonly learn?: (papers: PagePaper[]) => void;
  /** Called when every chip found so far shows its data. */
  readonly onSettled?: (count: number) => void;
}

interface ChipEntry {
  readonly found: FoundPaper;
  readonly paper: PagePaper;
  readonly host: HTMLElement;
  readonly container: HTMLElement;
  data: ChipData | undefined;
  panel: MountedPanel | undefined;
}

const defaultFetch = async (papers: PagePaper[]) => (await send('chips/data', { papers })).chips;

/** Yields to the event loop so input and painting can run between batches. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class ChipRunner {
  private readonly entries = new Map<string, ChipEntry>();
  private pending = 0;
  private stopped = false;
  /**
   * Papers to learn once every chip has its data: learning changes the corpus, which makes the background
   * rebuild its related-work model, so it goes in one message after the chips rather than one per batch.
   */
  private toLearn: PagePaper[] = [];
  private readonly fetchChips: (papers: PagePaper[]) => Promise<Record<string, ChipData>>;

  constructor(private readonly options: ChipsOptions) {
    this.fetchChips = options.fetchChips ?? defaultFetch;
  }

  /** Entries already read (by element), so late-content rescans read only what is new. */
  private readonly read = new WeakSet<object>();

  /**
   * Chips the entries not chipped yet, batch by batch, reading each batch's entries just before
   * chipping them (so a 2,000-entry page is read in short tasks too). Items are entry elements with a
   * reader, or papers already found.
   */
  async add<T extends object>(items: readonly T[], readItem: (item: T) => FoundPaper | undefined): Promise<void> {
    const fresh = items.filter((item) => !this.read.has(item));
    for (let i = 0; i < fresh.length && !this.stopped; i += CHIP_BATCH) {
      if (i > 0) await yieldToPage();
      const found: FoundPaper[] = [];
      for (const item of fresh.slice(i, i + CHIP_BATCH)) {
        this.read.add(item);
        const f = readItem(item);
        if (f && !this.entries.has(f.id)) found.push(f);
      }
      this.batch(found);
    }
  }

  private batch(found: readonly FoundPaper[]): void {
    const batch: ChipEntry[] = [];
    for (const f of found) {
      if (this.entries.has(f.id)) continue;
      const m = mountAfter(f.anchor, 'chip', f.id, CHIP_CSS);
      const entry: ChipEntry = {
        found: f,
        paper: toPagePaper(f),
        host: m.host,
        container: m.container,
        data: undefined,
        panel: undefined,
      };
      this.entries.set(f.id, entry);
      this.draw(entry);
      batch.push(entry);
    }
    if (batch.length === 0) return;
    this.pending++;
    const papers = batch.map((e) => e.paper);
    this.fetchChips(papers)
      .then((chips) => {
        if (this.stopped) return;
        for (const e of batch) {
          e.data = chips[e.paper.id];
          this.draw(e);
        }
        this.toLearn.push(...papers);
      })
      .catch(() => {
        // The chips stay in their "looking up" state; the page itself is untouched.
      })
      .finally(() => {
        if (--this.pending > 0 || this.stopped) return;
        this.options.onSettled?.(this.entries.size);
        (this.options.learn ?? ((papers) => learn(papers, this.options.url)))(this.toLearn);
        this.toLearn = [];
      });
  }

  private draw(e: ChipEntry): void {
    e.host.toggleAttribute('data-saved', e.data?.saved === true);
    render(
      h(Chip, { title: e.paper.title, data: e.data, expanded: e.panel !== undefined, onToggle: () => this.toggle(e) }),
      e.container,
    );
  }

  private toggle(e: ChipEntry): void {
    if (e.panel) {
      e.panel.remove();
      e.panel = undefined;
      this.draw(e);
      return;
    }
    const close = () => {
      this.toggle(e);
      e.container.querySelector('button')?.focus();
    };
    // Saving from the panel shows on the chip at once.
    const api: PanelApi = {
      ...this.options.api,
      toggleSave: async (paper) => {
        const saved = await this.options.api.toggleSave(paper);
        const target = this.entries.get(paper.id);
        if (target?.data) {
          target.data = { ...target.data, saved };
          this.draw(target);
        }
        return saved;
      },
    };
    e.panel = mountPanel(e.found.panelAnchor ?? e.found.anchor, e.paper, api, { onClose: close });
    this.draw(e);
  }

  get size(): number {
    return this.entries.size;
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) {
      e.panel?.remove();
      unmount(e.host, (c) => render(null, c));
    }
    this.entries.clear();
  }
}
