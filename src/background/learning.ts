/**
 * Learning the papers pages show, in the background, as part of answering the overlay: `panel/data` and
 * `chips/data` hand their page papers here after they have answered, so an answer never waits for a
 * write and "in your corpus" means known before this visit.
 *
 * A listing sends its entries in several batches, then asks for their related counts; learning 2,000
 * papers is a commit of 2,000 papers and their index, which would hold those answers up (and change the
 * counts under them). So papers wait until the overlay has been quiet for `quietMs`, and a burst is one write
 * (`learnPapers`, the one learn-merge policy). An abs page's one paper is learned at once.
 * Writes run one at a time; the `learnFromPages` setting is read at write time.
 */
import type { PaperId } from '../core/paper';
import type { Database } from '../db/database';
import { learnPapers } from '../db/imports';
import type { PagePaper } from '../messaging/protocol';
import type { Settings } from '../settings/schema';
import type { EngineService } from './engine-service';
import { learnedPaper } from './learned';

export interface LearnerDeps {
  readonly db: () => Promise<Database>;
  readonly engine: EngineService;
  readonly settings: () => Promise<Settings>;
  readonly now: () => Date;
}

/** How long the overlay must be quiet before a listing's papers are learned. */
export const LEARN_QUIET_MS = 1000;

export class PageLearner {
  /** Papers waiting, by page URL (the provenance each will carry). */
  private waiting = new Map<string, Map<PaperId, PagePaper>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: LearnerDeps,
    private readonly quietMs = LEARN_QUIET_MS,
  ) {}

  /** Learns `papers` from the page at `url`: at once, or when the overlay has been quiet a moment. */
  learn(papers: readonly PagePaper[], url: string, when: 'now' | 'when-quiet'): void {
    if (papers.length === 0) return;
    let page = this.waiting.get(url);
    if (!page) {
      page = new Map();
      this.waiting.set(url, page);
    }
    for (const p of papers) page.set(p.id, p);
    if (when === 'now') void this.flush();
    else this.postpone();
  }

  /** The overlay is busy (a listing is asking for counts): learning waits until it is quiet again. */
  postpone(): void {
    if (this.waiting.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.quietMs);
  }

  /** Writes everything waiting now; resolves when it is written (or failed, which only costs the learning). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.waiting.entries()];
    this.waiting = new Map();
    this.writing = this.writing.then(async () => {
      for (const [url, papers] of batches)
        await this.write([...papers.values()], url).catch((e: unknown) => console.warn('Paperlens: learning', e));
    });
    return this.writing;
  }

  private async write(pages: readonly PagePaper[], url: string): Promise<void> {
    const { db, engine, settings, now } = this.deps;
    if (!(await settings()).learnFromPages) return;
    const at = now();
    const learned = pages.map((p) => learnedPaper(p, at, url));
    // One commit: the papers and their index together; a page seen again changes nothing (no write).
    await learnPapers(await db(), learned, url, at);
    engine.invalidate();
  }
}
