/**
 * Chips on listing pages (arXiv listings, search results, author pages; other sites' lists later).
 *
 * Each entry is read once and sent once, in one of a few `chips/data` requests (the first small, for the
 * entries on screen; then one per slice of reading), and the answers say everything a chip shows at
 * once: saved, in corpus, topics. Related counts take the background longer, so each answer carries a
 * ticket, and the counts come in a second answer per batch (`chips/counts`), on-screen batches first,
 * the rest when the page is idle. The background learns the entries it was sent (`learnFrom`).
 *
 * Rendering: chips are drawn into hosts not yet in the page; the first batch goes in as soon as it is
 * answered (the chips on screen), the rest together once every answer is in (or after `INSERT_WAIT_MS`):
 * laying out a 2,000-entry page costs tens of milliseconds each time, so it should happen twice, not
 * once a slice. Every loop runs in slices (slices.ts) and stops when the signal is aborted.
 * Activating a chip expands the full panel under its entry (inline-panel.ts).
 */
import { send } from '../messaging/client';
import type { ChipData, PagePaper } from '../messaging/protocol';
import type { FoundPaper } from '../sites/types';
import { createChip, drawChip } from '../ui/chip/chip';
import { CHIP_CSS } from '../ui/chip/styles';
import type { PanelApi } from '../ui/panel/Panel';
import { type InlineEntry, InlinePanels } from './inline-panel';
import { mountAfter, unmount } from './mount';
import { toPagePaper } from './page-paper';
import { Slices, whenIdle } from './slices';

/** The first request: the entries a screen shows, so they are answered first. */
export const FIRST_BATCH = 40;
/** At most this many entries per `chips/data` request. */
export const CHIP_BATCH = 500;
/** How long read chips wait for their state before going into the page anyway ("looking up"). */
const INSERT_WAIT_MS = 150;

/** How the runner asks the background; the extension's messages by default, fakes in unit tests. */
export interface ChipBackground {
  data(
    papers: PagePaper[],
    learnFrom: string | undefined,
  ): Promise<{ chips: Record<string, ChipData>; counts: string }>;
  /** Null when the background no longer holds the ticket. */
  counts(ticket: string): Promise<Record<string, number> | null>;
}

export const messageChipBackground: ChipBackground = {
  data: (papers, learnFrom) => send('chips/data', learnFrom ? { papers, learnFrom } : { papers }),
  counts: async (ticket) => (await send('chips/counts', { ticket })).counts,
};

export interface ChipsOptions {
  readonly api: PanelApi;
  readonly url: URL;
  readonly background?: ChipBackground;
  /** Whether the background learns the entries (it also honours the learnFromPages setting). */
  readonly learn?: boolean;
  /** Stops every loop and request when aborted (WXT's `ctx.signal`). */
  readonly signal?: AbortSignal;
  /** Called when the first batch's chips (the ones on screen) are in the page with their state. */
  readonly onVisible?: (count: number) => void;
  /** Called when every chip found so far shows its state and topics: "fully chipped". */
  readonly onSettled?: (count: number) => void;
  /** Called when every chip found so far also shows its related count (or its count failed). */
  readonly onCounted?: (count: number) => void;
}

interface ChipEntry extends InlineEntry {
  readonly found: FoundPaper;
  readonly host: HTMLElement;
  readonly chip: HTMLButtonElement;
  data: ChipData | undefined;
  related: number | undefined;
}

interface Batch {
  readonly entries: ChipEntry[];
  /** For its related counts, once its state is answered. */
  ticket?: string;
}

export class ChipRunner {
  private readonly entries = new Map<string, ChipEntry>();
  /** Entries already read (by element), so late-content rescans read only what is new. */
  private readonly read = new WeakSet<object>();
  private readonly panels: InlinePanels;
  private readonly background: ChipBackground;
  private readonly abort = new AbortController();
  private readonly slices: Slices;
  /** Batches answered, waiting for their counts. */
  private readonly uncounted: Batch[] = [];
  private pendingState = 0;
  private stateWaiters: (() => void)[] = [];
  /** `add` calls still reading entries: nothing is settled while one is. */
  private adding = 0;
  private unsettled = false;
  private counting = false;
  private visibleShown = false;

  constructor(private readonly options: ChipsOptions) {
    this.background = options.background ?? messageChipBackground;
    options.signal?.addEventListener('abort', () => this.stop(), { once: true });
    this.slices = new Slices(this.abort.signal);
    this.panels = new InlinePanels(options.api, (id, saved) => {
      const e = this.entries.get(id);
      if (e?.data) {
        e.data = { ...e.data, saved };
        this.draw(e);
      }
    });
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Chips the entries not chipped yet, reading each just before chipping it, in slices. Items are entry
   * elements with a reader, or papers already found.
   */
  async add<T extends object>(items: readonly T[], readItem: (item: T) => FoundPaper | undefined): Promise<void> {
    // Claimed now, so an `add` made while this one is still reading does not read them again.
    const fresh = items.filter((item) => !this.read.has(item));
    for (const item of fresh) this.read.add(item);
    this.adding++;
    try {
      await this.addSliced(fresh, readItem);
    } finally {
      this.adding--;
      if (this.pendingState === 0) this.settle();
    }
  }

  private async addSliced<T extends object>(fresh: readonly T[], readItem: (item: T) => FoundPaper | undefined) {
    const first = this.entries.size === 0;
    this.slices.restart();
    const batches: Batch[] = [];
    let batch: ChipEntry[] = [];
    const send = () => {
      if (batch.length) batches.push(this.askState(batch, first && batches.length === 0));
      batch = [];
    };
    for (const item of fresh) {
      if (this.stopped) return;
      if (this.slices.due) {
        send();
        if (!(await this.slices.next())) return;
      }
      const f = readItem(item);
      if (!f || this.entries.has(f.id)) continue;
      batch.push(this.create(f));
      if ((first && batches.length === 0 && batch.length >= FIRST_BATCH) || batch.length >= CHIP_BATCH) send();
    }
    send();
    if (batches.length === 0) return;
    await this.stateAnswered(INSERT_WAIT_MS);
    if (this.stopped) return;
    // Every chip not in the page yet goes in now, in one task (inserting is cheap; it is the layout after
    // it that costs, and a yield between two halves would let the page be laid out twice).
    for (const b of batches) for (const e of b.entries) this.insert(e);
  }

  /** Resolves when no state request is out, or after `ms`. */
  private stateAnswered(ms: number): Promise<void> {
    if (this.pendingState === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.stateWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** A chip for a found paper, drawn into a host that is not in the page yet (see `addSliced`). */
  private create(found: FoundPaper): ChipEntry {
    const m = mountAfter(found.anchor, 'chip', found.id, CHIP_CSS, false);
    const paper = toPagePaper(found);
    const entry: ChipEntry = {
      found,
      paper,
      host: m.host,
      chip: createChip(m.host.ownerDocument, () => this.panels.toggle(entry)),
      data: undefined,
      related: undefined,
      anchor: found.panelAnchor ?? found.anchor,
      // A corpus paper is asked for by id: the background has more than the page shows.
      request: () => (entry.data?.inCorpus ? { id: found.id } : { paper }),
      button: () => entry.chip,
      toggled: () => this.draw(entry),
    };
    m.container.append(entry.chip);
    this.entries.set(found.id, entry);
    return entry;
  }

  private insert(e: ChipEntry): void {
    if (e.host.isConnected) return;
    if (!e.data) this.draw(e);
    e.found.anchor.after(e.host);
  }

  private askState(entries: ChipEntry[], onScreen: boolean): Batch {
    const batch: Batch = { entries };
    this.unsettled = true;
    this.pendingState++;
    const learnFrom = this.options.learn === false ? undefined : this.options.url.href;
    let answered = false;
    // The chips on screen go in as soon as they are answered, or after a moment as "looking up".
    const show = () => {
      if (this.stopped || !onScreen) return;
      for (const e of entries) this.insert(e);
      if (answered && !this.visibleShown) {
        this.visibleShown = true;
        this.options.onVisible?.(entries.length);
      }
    };
    const timer = onScreen ? setTimeout(show, INSERT_WAIT_MS) : undefined;
    this.background
      .data(
        entries.map((e) => e.paper),
        learnFrom,
      )
      .then(async ({ chips, counts }) => {
        batch.ticket = counts;
        answered = true;
        await this.slices.each(entries, (e) => {
          const data = chips[e.paper.id];
          if (!data) return;
          e.data = data;
          this.draw(e);
        });
        this.uncounted.push(batch);
      })
      .catch(() => {
        // The chips stay in their "looking up" state; the page itself is untouched.
      })
      .finally(() => {
        clearTimeout(timer);
        show();
        this.pendingState--;
        if (this.stopped || this.pendingState > 0) return;
        for (const wake of this.stateWaiters.splice(0)) wake();
        this.settle();
      });
    return batch;
  }

  private settle(): void {
    if (this.stopped || this.adding > 0) return;
    if (this.unsettled) this.options.onSettled?.(this.entries.size);
    this.unsettled = false;
    void this.pumpCounts();
  }

  /** Asks for the next batch's related counts, on-screen batches first, unless a request is out. */
  private async pumpCounts(): Promise<void> {
    if (this.counting || this.stopped) return;
    if (this.uncounted.length === 0) {
      if (this.pendingState === 0 && this.adding === 0) this.options.onCounted?.(this.entries.size);
      return;
    }
    this.counting = true;
    const next = await this.nextToCount();
    const ask = async () => {
      const counts = next.ticket ? await this.background.counts(next.ticket).catch(() => null) : null;
      await this.slices.each(next.entries, (e) => {
        // No count (it failed, or the background restarted): the chip shows none rather than a wrong one.
        e.related = counts?.[e.paper.id];
        this.draw(e);
      });
      this.counting = false;
      void this.pumpCounts();
    };
    if (next.onScreen) void ask();
    else whenIdle(() => void ask());
  }

  /** The waiting batch with an entry on screen, else the first in page order. */
  private async nextToCount(): Promise<Batch & { onScreen: boolean }> {
    const onScreen = await visibleBatch(this.uncounted);
    const at = onScreen ?? 0;
    const [batch] = this.uncounted.splice(at, 1) as [Batch];
    return { ...batch, entries: batch.entries, onScreen: onScreen !== undefined };
  }

  private draw(e: ChipEntry): void {
    e.host.toggleAttribute('data-saved', e.data?.saved === true);
    // The DOM contract: the number of code links, absent when there are none.
    if (e.data?.code) e.host.dataset.code = String(e.data.code);
    else delete e.host.dataset.code;
    drawChip(e.chip, { title: e.paper.title, data: e.data, related: e.related, expanded: this.panels.isOpen(e) });
  }

  /** Removes every chip and panel and stops all work (the content script was invalidated, or a rerun). */
  stop(): void {
    if (this.stopped) return;
    this.abort.abort();
    this.panels.closeAll();
    for (const e of this.entries.values()) unmount(e.host);
    this.entries.clear();
    this.uncounted.length = 0;
  }
}

/**
 * Which of `batches` has an entry on screen, without forcing a layout: one IntersectionObserver on each
 * batch's first and last chip host (not one per chip), read once. Undefined when none is, or where
 * there is no IntersectionObserver.
 */
function visibleBatch(batches: readonly Batch[]): Promise<number | undefined> {
  const IO = (globalThis as { IntersectionObserver?: typeof IntersectionObserver }).IntersectionObserver;
  const ends = batches.map((b) => [b.entries[0]?.host, b.entries.at(-1)?.host] as const);
  if (typeof IO !== 'function' || batches.length === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    // A tab that is not rendering delivers no records: then page order.
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(undefined);
    }, 100);
    const tops = new Map<Element, DOMRectReadOnly>();
    const targets = new Set(ends.flat().filter((h): h is HTMLElement => !!h?.isConnected));
    if (targets.size === 0) {
      clearTimeout(timer);
      return resolve(undefined);
    }
    const observer = new IO((records) => {
      for (const r of records) tops.set(r.target, r.boundingClientRect);
      if (tops.size < targets.size) return;
      clearTimeout(timer);
      observer.disconnect();
      const height = (globalThis as { innerHeight?: number }).innerHeight ?? 0;
      const at = ends.findIndex(([a, b]) => {
        const top = a ? tops.get(a)?.top : undefined;
        const bottom = b ? tops.get(b)?.bottom : undefined;
        return top !== undefined && bottom !== undefined && top < height && bottom > 0;
      });
      resolve(at >= 0 ? at : undefined);
    });
    for (const t of targets) observer.observe(t);
  });
}
