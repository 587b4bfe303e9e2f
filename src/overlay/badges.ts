/**
 * Badges on sites other than arXiv: an adapter reads a page's entries into FoundPapers, the background
 * says which are corpus papers (arXiv ids through `papers/lookup`; titles through one `titles/scan`
 * message per pass, at the TitleIndex's confidence threshold), and only those get a `paperlens-badge`
 * beside their title. Activating a badge opens the same panel as on arXiv under the entry.
 *
 * Work is done in small slices (idle callbacks, a few milliseconds each) so a 5,000-candidate page never
 * blocks the main thread for long; elements read once are remembered (WeakSet), so content added later
 * (infinite scroll, client-side navigation) is read on its own, never the whole page again.
 */
import { h, render } from 'preact';
import type { PaperId } from '../core/paper';
import { send } from '../messaging/client';
import type { PagePaper } from '../messaging/protocol';
import { BADGE_MIN_CONFIDENCE, type BadgeSiteAdapter } from '../sites/badge-adapter';
import type { FoundPaper } from '../sites/types';
import { Badge } from '../ui/badge/Badge';
import { BADGE_CSS } from '../ui/badge/styles';
import type { PanelApi } from '../ui/panel/Panel';
import { mountAfter, unmount } from './mount';
import { type MountedPanel, mountPanel } from './panel';

/** How the runner asks what is in the corpus; the extension's messages by default, fakes in unit tests. */
export interface Recogniser {
  /** Indexes of the titles that name corpus papers, with the TitleIndex's confidence. */
  scan(titles: string[]): Promise<{ index: number; id: PaperId; confidence: number }[]>;
  lookup(ids: PaperId[]): Promise<{ inCorpus: PaperId[]; saved: PaperId[] }>;
  /** What the panel shows about a recognised paper. */
  paper(id: PaperId): Promise<PagePaper | undefined>;
}

const LOOKUP_MAX = 5000;
const SCAN_MAX = 20_000;
/** Milliseconds of work per slice before yielding to the page. */
const SLICE_MS = 8;

export const messageRecogniser: Recogniser = {
  scan: async (titles) => {
    const out: { index: number; id: PaperId; confidence: number }[] = [];
    for (let i = 0; i < titles.length; i += SCAN_MAX) {
      const { matches } = await send('titles/scan', { candidates: titles.slice(i, i + SCAN_MAX) });
      for (const m of matches) out.push({ index: m.index + i, id: m.id, confidence: m.confidence });
    }
    return out;
  },
  lookup: async (ids) => {
    const inCorpus: PaperId[] = [];
    const saved: PaperId[] = [];
    for (let i = 0; i < ids.length; i += LOOKUP_MAX) {
      const r = await send('papers/lookup', { ids: ids.slice(i, i + LOOKUP_MAX) });
      inCorpus.push(...r.inCorpus);
      saved.push(...r.saved);
    }
    return { inCorpus, saved };
  },
  paper: async (id) => {
    const { paper } = await send('papers/get', { id });
    if (!paper) return undefined;
    return {
      id: paper.id,
      title: paper.title,
      authors: paper.authors.map((a) => a.name),
      url: paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : '',
      ...(paper.abstract ? { abstract: paper.abstract } : {}),
      ...(paper.categories?.length ? { categories: [...paper.categories] } : {}),
      ...(paper.published ? { published: paper.published } : {}),
    };
  },
};

/** Resolves when the page is idle (or after a short wait in a busy or hidden tab). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 50 });
    else setTimeout(resolve, 0);
  });
}

/** Runs `fn` over items in slices of about SLICE_MS, yielding to the page between slices. */
async function sliced<T>(items: readonly T[], fn: (item: T) => void, stopped: () => boolean): Promise<void> {
  let i = 0;
  while (i < items.length && !stopped()) {
    await idle();
    const until = performance.now() + SLICE_MS;
    do {
      const item = items[i++];
      if (item !== undefined) fn(item);
    } while (i < items.length && performance.now() < until);
  }
}

interface BadgeEntry {
  readonly found: FoundPaper;
  readonly id: PaperId;
  readonly host: HTMLElement;
  readonly container: HTMLElement;
  saved: boolean;
  panel: MountedPanel | undefined;
}

export interface BadgeRunnerOptions {
  readonly adapter: BadgeSiteAdapter;
  readonly url: URL;
  readonly api: PanelApi;
  readonly recogniser?: Recogniser;
  /** After each pass: how many badges the page has. */
  readonly onSettled?: (count: number) => void;
}

const BLOCK_ANCHOR = 'h1, h2, h3, h4, h5, h6, dt, [class*="title"], [class*="Title"]';

export class BadgeRunner {
  private readonly seen = new WeakSet<Element>();
  private readonly badges = new Map<PaperId, BadgeEntry>();
  private readonly recogniser: Recogniser;
  private stopped = false;
  private passes = 0;

  constructor(private readonly options: BadgeRunnerOptions) {
    this.recogniser = options.recogniser ?? messageRecogniser;
  }

  get size(): number {
    return this.badges.size;
  }

  /** Reads the entries of `root` not read before, recognises them and badges the corpus papers. */
  async scan(root: ParentNode): Promise<void> {
    const fresh = this.options.adapter.entriesIn(root).filter((el) => !this.seen.has(el));
    for (const el of fresh) this.seen.add(el);
    if (fresh.length === 0) return;
    this.passes++;
    try {
      const found: FoundPaper[] = [];
      await sliced(
        fresh,
        (el) => {
          const f = this.options.adapter.readEntry?.(el, this.options.url);
          if (f) found.push(f);
        },
        () => this.stopped,
      );
      if (this.stopped || found.length === 0) return;
      const recognised = await this.recognise(found);
      await sliced(
        recognised,
        ([f, id, saved]) => this.mount(f, id, saved),
        () => this.stopped,
      );
    } catch {
      // Recognition is best effort: the page is left as it was.
    } finally {
      if (--this.passes === 0 && !this.stopped) this.options.onSettled?.(this.badges.size);
    }
  }

  /** Which found papers are corpus papers: arXiv ids first, then titles (only for entries with no id). */
  private async recognise(found: readonly FoundPaper[]): Promise<[FoundPaper, PaperId, boolean][]> {
    const ids: (PaperId | undefined)[] = found.map((f) => f.arxivId);
    const titled = found.flatMap((f, i) => (f.arxivId ? [] : [i]));
    if (titled.length) {
      const hits = await this.recogniser.scan(titled.map((i) => found[i]?.title ?? ''));
      for (const hit of hits) {
        if (hit.confidence < BADGE_MIN_CONFIDENCE) continue;
        const at = titled[hit.index];
        if (at !== undefined) ids[at] = hit.id;
      }
    }
    const wanted = [...new Set(ids.filter((id): id is PaperId => id !== undefined))];
    if (wanted.length === 0 || this.stopped) return [];
    const { inCorpus, saved } = await this.recogniser.lookup(wanted);
    const known = new Set(inCorpus);
    const isSaved = new Set(saved);
    return found.flatMap((f, i) => {
      const id = ids[i];
      return id && known.has(id) ? [[f, id, isSaved.has(id)] as [FoundPaper, PaperId, boolean]] : [];
    });
  }

  private mount(found: FoundPaper, id: PaperId, saved: boolean): void {
    if (this.badges.has(id) || !found.anchor.isConnected) return;
    const m = mountAfter(found.anchor, 'badge', id, BADGE_CSS);
    if (!m.fresh) return;
    // In a heading the badge ends the title line; after an inline title it follows it.
    if (found.anchor.matches(BLOCK_ANCHOR) && !found.anchor.matches('a, span')) found.anchor.append(m.host);
    const entry: BadgeEntry = { found, id, host: m.host, container: m.container, saved, panel: undefined };
    this.badges.set(id, entry);
    this.draw(entry);
  }

  private draw(e: BadgeEntry): void {
    e.host.toggleAttribute('data-saved', e.saved);
    render(
      h(Badge, {
        title: e.found.title,
        saved: e.saved,
        expanded: e.panel !== undefined,
        onToggle: () => void this.toggle(e),
      }),
      e.container,
    );
  }

  private async toggle(e: BadgeEntry): Promise<void> {
    if (e.panel) {
      e.panel.remove();
      e.panel = undefined;
      this.draw(e);
      return;
    }
    const paper = (await this.recogniser.paper(e.id).catch(() => undefined)) ?? {
      id: e.id,
      title: e.found.title,
      authors: [...e.found.authors],
      url: e.found.url,
    };
    if (this.stopped || e.panel) return;
    const close = () => {
      void this.toggle(e);
      e.container.querySelector('button')?.focus();
    };
    const api: PanelApi = {
      ...this.options.api,
      toggleSave: async (p) => {
        const saved = await this.options.api.toggleSave(p);
        const target = this.badges.get(p.id);
        if (target) {
          target.saved = saved;
          this.draw(target);
        }
        return saved;
      },
    };
    // A panel inside a link would follow the link on every click in it: it goes after the link.
    const anchor = e.found.panelAnchor ?? e.found.anchor.closest('a') ?? e.found.anchor;
    e.panel = mountPanel(anchor, paper, api, { onClose: close });
    this.draw(e);
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.badges.values()) {
      e.panel?.remove();
      unmount(e.host, (c) => render(null, c));
    }
    this.badges.clear();
  }
}
