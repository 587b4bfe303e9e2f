/**
 * Badges on sites other than arXiv: an adapter reads a page's entries into FoundPapers, one
 * `badges/recognise` message asks the background which are corpus papers (arXiv ids in the corpus;
 * titles through the engine's title index at the badge threshold) and which are saved, and only corpus
 * papers get a `paperlens-badge` beside their title. Activating a badge opens the same panel as on arXiv
 * under the entry, asked for by id (the corpus has the paper).
 *
 * Reading and mounting run in slices (slices.ts) so a 5,000-candidate page never blocks the main thread
 * for long; elements read once are remembered (WeakSet), so content added later (infinite scroll,
 * client-side navigation) is read on its own, never the whole page again.
 */
import { h, render } from 'preact';
import type { PaperId } from '../core/paper';
import { send } from '../messaging/client';
import type { RecognisedPaper, RecogniseEntry } from '../messaging/protocol';
import type { BadgeSiteAdapter } from '../sites/badge-adapter';
import type { FoundPaper } from '../sites/types';
import { Badge } from '../ui/badge/Badge';
import { BADGE_CSS } from '../ui/badge/styles';
import type { PanelApi } from '../ui/panel/Panel';
import { type InlineEntry, InlinePanels } from './inline-panel';
import { mountAfter, unmount } from './mount';
import { toPagePaper } from './page-paper';
import { Slices } from './slices';

/** How the runner asks what is in the corpus; the extension's message by default, the real handler or fakes in tests. */
export type Recogniser = (entries: RecogniseEntry[], learnFrom?: string) => Promise<RecognisedPaper[]>;

/** Entries per `badges/recognise` message (the background accepts up to 20,000). */
const RECOGNISE_MAX = 20_000;
/** Entries read before a batch goes to the background (a 5,000-candidate page: five, overlapping the reading). */
const BADGE_BATCH = 1000;

export const messageRecogniser: Recogniser = async (entries, learnFrom) => {
  const out: RecognisedPaper[] = [];
  for (let i = 0; i < entries.length; i += RECOGNISE_MAX) {
    const { papers } = await send('badges/recognise', {
      entries: entries.slice(i, i + RECOGNISE_MAX),
      ...(learnFrom ? { learnFrom } : {}),
    });
    for (const p of papers) out.push({ ...p, index: p.index + i });
  }
  return out;
};

/** What a found paper asks the background: its arXiv id when its links name one, else its title. */
export const recogniseEntry = (f: FoundPaper): RecogniseEntry => ({
  ...(f.arxivId ? { id: f.arxivId } : { title: f.title }),
  ...(f.code?.length ? { code: toPagePaper(f).code ?? [] } : {}),
});

interface BadgeEntry extends InlineEntry {
  readonly found: FoundPaper;
  readonly id: PaperId;
  readonly host: HTMLElement;
  readonly container: HTMLElement;
  saved: boolean;
  /** Code links the corpus and the entry know (0 when none). */
  readonly code: number;
}

export interface BadgeRunnerOptions {
  readonly adapter: BadgeSiteAdapter;
  readonly url: URL;
  readonly api: PanelApi;
  readonly recogniser?: Recogniser;
  /** Stops every loop when aborted (WXT's `ctx.signal`). */
  readonly signal?: AbortSignal;
  /** After each pass: how many badges the page has. */
  readonly onSettled?: (count: number) => void;
}

const BLOCK_ANCHOR = 'h1, h2, h3, h4, h5, h6, dt, [class*="title"], [class*="Title"]';

export class BadgeRunner {
  private readonly seen = new WeakSet<Element>();
  private readonly badges = new Map<PaperId, BadgeEntry>();
  private readonly recognise: Recogniser;
  private readonly abort = new AbortController();
  private readonly slices: Slices;
  private readonly panels: InlinePanels;
  private passes = 0;

  constructor(private readonly options: BadgeRunnerOptions) {
    this.recognise = options.recogniser ?? messageRecogniser;
    options.signal?.addEventListener('abort', () => this.stop(), { once: true });
    this.slices = new Slices(this.abort.signal);
    this.panels = new InlinePanels(options.api, (id, saved) => {
      const e = this.badges.get(id);
      if (e) {
        e.saved = saved;
        this.draw(e);
      }
    });
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  get size(): number {
    return this.badges.size;
  }

  /**
   * Reads the entries of `root` not read before, recognises them and badges the corpus papers. Entries
   * go to the background in batches as they are read, so its title scan runs while the page is still
   * being read; each entry is sent once.
   */
  async scan(root: ParentNode): Promise<void> {
    const fresh = this.options.adapter.entriesIn(root).filter((el) => !this.seen.has(el));
    for (const el of fresh) this.seen.add(el);
    if (fresh.length === 0) return;
    this.slices.restart();
    this.passes++;
    try {
      const answers: Promise<void>[] = [];
      let batch: FoundPaper[] = [];
      const send = () => {
        if (batch.length) answers.push(this.recogniseAndMount(batch));
        batch = [];
      };
      await this.slices.each(fresh, (el) => {
        const f = this.options.adapter.readEntry?.(el, this.options.url);
        if (f) batch.push(f);
        if (batch.length >= BADGE_BATCH) send();
      });
      if (!this.stopped) send();
      await Promise.all(answers);
    } finally {
      if (--this.passes === 0 && !this.stopped) this.options.onSettled?.(this.badges.size);
    }
  }

  private async recogniseAndMount(found: readonly FoundPaper[]): Promise<void> {
    try {
      // The page URL goes along only when an entry carries code links: the corpus paper keeps them.
      const entries = found.map(recogniseEntry);
      const papers = await this.recognise(entries, entries.some((e) => e.code) ? this.options.url.href : undefined);
      if (this.stopped) return;
      await this.slices.each(papers, (p) => {
        const f = found[p.index];
        if (f && p.inCorpus) this.mount(f, p.id, p.saved, p.code ?? 0);
      });
    } catch {
      // Recognition is best effort: the page is left as it was.
    }
  }

  private mount(found: FoundPaper, id: PaperId, saved: boolean, code: number): void {
    if (this.badges.has(id) || !found.anchor.isConnected) return;
    const m = mountAfter(found.anchor, 'badge', id, BADGE_CSS);
    if (!m.fresh) return;
    // In a heading the badge ends the title line; after an inline title it follows it.
    if (found.anchor.matches(BLOCK_ANCHOR) && !found.anchor.matches('a, span')) found.anchor.append(m.host);
    const entry: BadgeEntry = {
      found,
      id,
      host: m.host,
      container: m.container,
      saved,
      code,
      // A panel inside a link would follow the link on every click in it: it goes after the link.
      anchor: found.panelAnchor ?? found.anchor.closest('a') ?? found.anchor,
      // What the page shows until the answer; the answer is the corpus paper's, asked for by id.
      paper: { ...toPagePaper(found), id },
      // The entry's code links go along: the corpus learns them a moment later, the panel lists them now.
      request: () => {
        const code = toPagePaper(found).code;
        return code ? { id, code } : { id };
      },
      button: () => m.container.querySelector('button'),
      toggled: () => this.draw(entry),
    };
    this.badges.set(id, entry);
    this.draw(entry);
  }

  private draw(e: BadgeEntry): void {
    e.host.toggleAttribute('data-saved', e.saved);
    // The DOM contract: the number of code links, absent when there are none.
    if (e.code) e.host.dataset.code = String(e.code);
    else delete e.host.dataset.code;
    render(
      h(Badge, {
        title: e.found.title,
        saved: e.saved,
        code: e.code,
        expanded: this.panels.isOpen(e),
        onToggle: () => this.panels.toggle(e),
      }),
      e.container,
    );
  }

  stop(): void {
    if (this.stopped) return;
    this.abort.abort();
    this.panels.closeAll();
    for (const e of this.badges.values()) unmount(e.host, (c) => render(null, c));
    this.badges.clear();
  }
}
