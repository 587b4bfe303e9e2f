/**
 * Chips on listing pages (arXiv listings, search results, author pages; other sites' lists later).
 *
 * Two passes, so a 2,000-entry page is chipped at once and never blocks the main thread:
 * 1. State: entries are read and their chips rendered into detached hosts in slices of at most
 *    `SLICE_MS`, each slice's `chips/data` request (with `counts: false`: saved, in corpus, topics, all
 *    cheap) going out as the slice ends. Once every entry is read and the answers are in (or after
 *    `INSERT_WAIT_MS`), the hosts go into the page together: laying out a 2,000-entry page costs tens of
 *    milliseconds each time, so it should happen once, not once a slice. When every chip shows its state,
 *    `onSettled` fires: that is "fully chipped".
 * 2. Counts: related counts (the background walks its index postings for them) are asked for one batch
 *    at a time, entries on screen first (IntersectionObserver), the rest when the page is idle. When the
 *    last count is in, `onCounted` fires and the papers seen are learned, in one message.
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

/** At most this many entries per `chips/data` request. */
export const CHIP_BATCH = 200;
/** Entries per related-count request (visible ones first). */
export const COUNT_BATCH = 100;
/** Main-thread work per slice before yielding to the page (well under the 50 ms of a long task). */
export const SLICE_MS = 12;
/** How long read chips wait for their state before going into the page anyway ("looking up"). */
const INSERT_WAIT_MS = 150;

export interface ChipsOptions {
  readonly api: PanelApi;
  readonly url: URL;
  /** Asks the background; replaceable in tests. `counts: false` asks for state and topics only. */
  readonly fetchChips?: (papers: PagePaper[], counts: boolean) => Promise<Record<string, ChipData>>;
  /** Stores the papers seen; `papers/learn` by default. */
  readonly learn?: (papers: PagePaper[]) => void;
  /** Called when every chip found so far shows its state and topics. */
  readonly onSettled?: (count: number) => void;
  /** Called when every chip found so far also shows its related count (or its count failed). */
  readonly onCounted?: (count: number) => void;
}

interface ChipEntry {
  readonly found: FoundPaper;
  readonly paper: PagePaper;
  readonly host: HTMLElement;
  readonly container: HTMLElement;
  data: ChipData | undefined;
  /** Whether the related count was asked for and answered (or failed). */
  counted: boolean;
  panel: MountedPanel | undefined;
}

const defaultFetch = async (papers: PagePaper[], counts: boolean) =>
  (await send('chips/data', counts ? { papers } : { papers, counts: false })).chips;

/**
 * Yields to the event loop so input, painting and the background's answers can run (a message task: a
 * `scheduler.yield` continuation would go before the answers; no 4 ms clamp as with nested timeouts).
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Runs `fn` when the page is idle (or soon, where there is no idle callback). */
function whenIdle(fn: () => void): void {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => number })
    .requestIdleCallback;
  if (typeof ric === 'function') ric(fn, { timeout: 100 });
  else setTimeout(fn, 0);
}

export class ChipRunner {
  private readonly entries = new Map<string, ChipEntry>();
  /** Entries with their state, waiting for a related count, in page order. */
  private readonly uncounted = new Set<ChipEntry>();
  /** Hosts on screen (or near it), whose counts go first. */
  private readonly visible = new Set<HTMLElement>();
  private readonly observer: IntersectionObserver | undefined;
  private pendingState = 0;
  /** Called when no state request is out. */
  private stateWaiters: (() => void)[] = [];
  /** `add` calls still reading entries: nothing is settled while one is. */
  private adding = 0;
  /** Whether chips were mounted since `onSettled` last fired. */
  private unsettled = false;
  private counting = false;
  private stopped = false;
  /**
   * Papers to learn once every chip has its count: learning changes the corpus (and so the counts), so it
   * goes in one message at the end rather than one per batch.
   */
  private toLearn: PagePaper[] = [];
  private readonly fetchChips: (papers: PagePaper[], counts: boolean) => Promise<Record<string, ChipData>>;

  constructor(private readonly options: ChipsOptions) {
    this.fetchChips = options.fetchChips ?? defaultFetch;
    if (typeof IntersectionObserver === 'function')
      this.observer = new IntersectionObserver(
        (records) => {
          for (const r of records)
            if (r.isIntersecting) this.visible.add(r.target as HTMLElement);
            else this.visible.delete(r.target as HTMLElement);
        },
        { rootMargin: '200px 0px' },
      );
  }

  /** Entries already read (by element), so late-content rescans read only what is new. */
  private readonly read = new WeakSet<object>();

  /**
   * Chips the entries not chipped yet, reading each entry just before chipping it, in slices of at most
   * `SLICE_MS` (so a 2,000-entry page is read in short tasks too). Items are entry elements with a reader,
   * or papers already found.
   */
  async add<T extends object>(items: readonly T[], readItem: (item: T) => FoundPaper | undefined): Promise<void> {
    this.adding++;
    try {
      await this.addSliced(
        items.filter((item) => !this.read.has(item)),
        readItem,
      );
    } finally {
      this.adding--;
      if (this.pendingState === 0) this.settle();
    }
  }

  private async addSliced<T extends object>(fresh: readonly T[], readItem: (item: T) => FoundPaper | undefined) {
    let batch: ChipEntry[] = [];
    const created: ChipEntry[] = [];
    let start = now();
    for (const item of fresh) {
      if (this.stopped) return;
      if (batch.length >= CHIP_BATCH || now() - start > SLICE_MS) {
        this.askState(batch);
        batch = [];
        await yieldToPage();
        start = now();
        if (this.stopped) return;
      }
      this.read.add(item);
      const f = readItem(item);
      if (!f || this.entries.has(f.id)) continue;
      const e = this.create(f);
      batch.push(e);
      created.push(e);
    }
    this.askState(batch);
    if (created.length === 0) return;
    await this.stateAnswered(INSERT_WAIT_MS);
    start = now();
    for (const e of created) {
      if (this.stopped) return;
      if (now() - start > SLICE_MS) {
        await yieldToPage();
        start = now();
      }
      if (!e.data) this.draw(e);
      if (!e.host.isConnected) e.found.anchor.after(e.host);
      this.observer?.observe(e.host);
    }
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

  /** A chip's host, not in the page yet (see `add`). */
  private create(f: FoundPaper): ChipEntry {
    const m = mountAfter(f.anchor, 'chip', f.id, CHIP_CSS, false);
    const entry: ChipEntry = {
      found: f,
      paper: toPagePaper(f),
      host: m.host,
      container: m.container,
      data: undefined,
      counted: false,
      panel: undefined,
    };
    this.entries.set(f.id, entry);
    // Not drawn yet: its answer usually comes before it goes into the page, and then it is drawn once.
    return entry;
  }

  private askState(batch: ChipEntry[]): void {
    if (batch.length === 0) return;
    this.unsettled = true;
    this.pendingState++;
    this.fetchChips(
      batch.map((e) => e.paper),
      false,
    )
      .then((chips) => this.fill(batch, chips, false))
      .catch(() => {
        // The chips stay in their "looking up" state; the page itself is untouched.
      })
      .finally(() => {
        this.pendingState--;
        if (this.stopped) return;
        if (this.pendingState > 0) return;
        for (const wake of this.stateWaiters.splice(0)) wake();
        this.settle();
      });
  }

  private settle(): void {
    if (this.stopped || this.adding > 0) return;
    if (this.unsettled) this.options.onSettled?.(this.entries.size);
    this.unsettled = false;
    this.pumpCounts();
  }

  /** Draws answers in slices; with `counted`, the answers carry related counts. */
  private async fill(batch: readonly ChipEntry[], chips: Record<string, ChipData>, counted: boolean): Promise<void> {
    let start = now();
    for (const e of batch) {
      if (this.stopped) return;
      if (now() - start > SLICE_MS) {
        await yieldToPage();
        start = now();
      }
      const data = chips[e.paper.id];
      if (counted) {
        e.counted = true;
        this.toLearn.push(e.paper);
      }
      // A count answer keeps a save made meanwhile (the panel's toggle updates `data.saved`).
      if (data) e.data = counted && e.data ? { ...data, saved: e.data.saved } : data;
      else if (!counted) continue;
      if (!counted) this.uncounted.add(e);
      this.draw(e);
    }
  }

  /** Asks for the next batch of related counts, on-screen entries first, unless a request is out. */
  private pumpCounts(): void {
    if (this.counting || this.stopped) return;
    if (this.uncounted.size === 0) {
      if (this.pendingState === 0 && this.adding === 0) this.finish();
      return;
    }
    const batch: ChipEntry[] = [];
    for (const e of this.uncounted) {
      if (batch.length >= COUNT_BATCH) break;
      if (this.visible.has(e.host)) batch.push(e);
    }
    const onScreen = batch.length > 0;
    for (const e of this.uncounted) {
      if (batch.length >= COUNT_BATCH) break;
      if (!batch.includes(e)) batch.push(e);
    }
    for (const e of batch) this.uncounted.delete(e);
    this.counting = true;
    const ask = () => {
      if (this.stopped) return;
      this.fetchChips(
        batch.map((e) => e.paper),
        true,
      )
        .then((chips) => this.fill(batch, chips, true))
        .catch(() => this.fill(batch, {}, true))
        .finally(() => {
          this.counting = false;
          this.pumpCounts();
        });
    };
    // What is on screen is asked for at once; the rest waits for the page to be idle.
    if (onScreen) ask();
    else whenIdle(ask);
  }

  private finish(): void {
    if (this.toLearn.length === 0) return;
    this.options.onCounted?.(this.entries.size);
    (this.options.learn ?? ((papers) => learn(papers, this.options.url)))(this.toLearn);
    this.toLearn = [];
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
    this.observer?.disconnect();
    for (const e of this.entries.values()) {
      e.panel?.remove();
      unmount(e.host, (c) => render(null, c));
    }
    this.entries.clear();
    this.uncounted.clear();
  }
}

const now = () => performance.now();
