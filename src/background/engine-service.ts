/**
 * The engine as the background holds it: every corpus paper in memory, with the search index, title
 * index, related work and author profiles built from them.
 *
 * The search index is stored in the `meta` store (typed arrays, structured clone) with the corpus
 * revision it was built at, so a service-worker restart loads it instead of rebuilding. Related work reads
 * the search index (no model of its own), so it costs nothing to set up and follows every change at once.
 * `changed()` updates the indexes incrementally and saves the search index after a quiet second, so a
 * burst of learned papers is one write; if the worker stops first, the stale revision makes the next
 * start rebuild. Author profiles are rebuilt lazily after a change.
 */
import type { AuthorStats, Paper, PaperId } from '../core/paper';
import type { Database } from '../db/database';
import { allPapers } from '../db/papers';
import { type AuthorProfile, buildAuthorProfiles } from '../engine/authors';
import { type DraftPaper, type RelatedItem, RelatedModel } from '../engine/related';
import { type SearchFilter, type SearchHit, SearchIndex } from '../engine/search';
import { TitleIndex } from '../engine/titles';
import { categoryTags, defaultTagger, type Tag, TOPICS } from '../engine/topics';

const INDEX_KEY = 'searchIndex';
const REVISION_KEY = 'corpusRevision';

/** Quiet time after the last `changed()` before the search index is written back. */
const SAVE_DELAY_MS = 1000;

interface Loaded {
  readonly papers: Map<PaperId, Paper>;
  readonly search: SearchIndex;
  readonly titles: TitleIndex;
  readonly related: RelatedModel;
  /** Author key → that author's papers, kept up to date by `changed()`, so one profile is cheap. */
  readonly byAuthor: Map<string, Set<PaperId>>;
}

function indexAuthors(byAuthor: Map<string, Set<PaperId>>, p: Paper): void {
  for (const a of p.authors) {
    const set = byAuthor.get(a.key);
    if (set) set.add(p.id);
    else byAuthor.set(a.key, new Set([p.id]));
  }
}

export class EngineService {
  private loaded: Promise<Loaded> | undefined;
  /** Profiles built so far, by author key; a change drops only its authors' entries. */
  private readonly profiles = new Map<string, AuthorProfile | null>();
  private pendingSave: { timer: ReturnType<typeof setTimeout>; revision: number } | undefined;

  constructor(
    private readonly db: () => Promise<Database>,
    private readonly stats: readonly AuthorStats[] = [],
  ) {}

  /** Loads (once) every paper and the indexes. */
  ready(): Promise<Loaded> {
    this.loaded ??= this.load().catch((e: unknown) => {
      this.loaded = undefined;
      throw e;
    });
    return this.loaded;
  }

  private async load(): Promise<Loaded> {
    const db = await this.db();
    const [list, revision, stored] = await Promise.all([
      allPapers(db),
      db.get('meta', REVISION_KEY),
      db.get('meta', INDEX_KEY),
    ]);
    const papers = new Map(list.map((p) => [p.id, p] as const));
    let search: SearchIndex | undefined;
    const saved = stored as { revision?: unknown; index?: unknown } | undefined;
    if (saved && saved.revision === revision && revision !== undefined) {
      const r = SearchIndex.load(saved.index);
      if (r.ok && r.value.size === papers.size) search = r.value;
    }
    if (!search) {
      search = SearchIndex.build(list);
      await db.put('meta', { revision: revision ?? 0, index: search.serialise() }, INDEX_KEY);
    }
    const byAuthor = new Map<string, Set<PaperId>>();
    for (const p of list) indexAuthors(byAuthor, p);
    return {
      papers,
      search,
      byAuthor,
      titles: new TitleIndex(list),
      related: new RelatedModel(search, (id) => papers.get(id)),
    };
  }

  /** Call after papers were written: updates the indexes and records a new corpus revision. */
  async changed(papers: readonly Paper[]): Promise<void> {
    if (papers.length === 0) return;
    const db = await this.db();
    const revision = ((await db.get('meta', REVISION_KEY)) as number | undefined) ?? 0;
    await db.put('meta', revision + 1, REVISION_KEY);
    if (!this.loaded) return; // Loaded fresh on next use.
    const state = await this.loaded;
    for (const p of papers) {
      const old = state.papers.get(p.id);
      const isNew = old === undefined;
      for (const a of [...(old?.authors ?? []), ...p.authors]) {
        state.byAuthor.get(a.key)?.delete(p.id);
        this.profiles.delete(a.key);
      }
      indexAuthors(state.byAuthor, p);
      state.papers.set(p.id, p);
      if (state.search.has(p.id)) state.search.remove(p.id);
      state.search.add(p);
      if (isNew) state.titles.add(p.id, p.title);
    }
    this.scheduleSave(state, revision + 1);
  }

  /** Writes a pending search-index save now (tests; a caller about to stop). */
  async flush(): Promise<void> {
    const pending = this.pendingSave;
    if (!pending || !this.loaded) return;
    clearTimeout(pending.timer);
    this.pendingSave = undefined;
    await this.save(await this.loaded, pending.revision);
  }

  private scheduleSave(state: Loaded, revision: number): void {
    if (this.pendingSave) clearTimeout(this.pendingSave.timer);
    const timer = setTimeout(() => {
      this.pendingSave = undefined;
      // A failed save only costs a rebuild at the next start (the stored revision is stale).
      this.save(state, revision).catch((e: unknown) => console.warn('engine: search index not saved', e));
    }, SAVE_DELAY_MS);
    this.pendingSave = { timer, revision };
  }

  private async save(state: Loaded, revision: number): Promise<void> {
    if (this.loaded === undefined) return; // Reset since: that index is not the corpus any more.
    const db = await this.db();
    await db.put('meta', { revision, index: state.search.serialise() }, INDEX_KEY);
  }

  /** Forgets everything in memory (after a reset or a removed import). */
  reset(): void {
    if (this.pendingSave) clearTimeout(this.pendingSave.timer);
    this.pendingSave = undefined;
    this.loaded = undefined;
    this.profiles.clear();
  }

  async paper(id: PaperId): Promise<Paper | undefined> {
    return (await this.ready()).papers.get(id);
  }

  async search(query: string, limit: number, filter: SearchFilter): Promise<{ hits: SearchHit[]; total: number }> {
    const s = await this.ready();
    return s.search.run(query, { limit, filter, lookup: (id) => s.papers.get(id) });
  }

  async relatedTo(draft: DraftPaper & { readonly id?: PaperId }, k: number): Promise<RelatedItem[]> {
    const s = await this.ready();
    if (draft.id && s.papers.has(draft.id)) return s.related.related(draft.id, k);
    return s.related.relatedToDraft(draft, k, draft.id);
  }

  /** Cheap related counts for many papers at once (a listing's chips); see `RelatedModel.relatedCounts`. */
  async relatedCounts(drafts: readonly (DraftPaper & { readonly id?: PaperId })[], cap?: number): Promise<number[]> {
    return (await this.ready()).related.relatedCounts(drafts, cap);
  }

  /** Topic tags: taxonomy topics first, then arXiv categories, then keyphrases for what those miss. */
  async tags(draft: DraftPaper, keyphrases = 2): Promise<Tag[]> {
    const s = await this.ready();
    const topics = defaultTagger().tag(draft);
    const cats = categoryTags(draft.categories);
    const extra = topics.length < 3 ? s.related.keyphrases(draft, keyphrases) : [];
    return [...topics, ...cats, ...extra];
  }

  /**
   * One author's profile (papers, co-authors, topics, years, organisations, seed stats), built from that
   * author's papers only, so it costs the same in a 49- or a 100k-paper corpus.
   */
  async authorProfile(key: string): Promise<AuthorProfile | undefined> {
    const s = await this.ready();
    const cached = this.profiles.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const ids = s.byAuthor.get(key);
    const papers = ids ? [...ids].flatMap((id) => s.papers.get(id) ?? []) : [];
    // The search index tagged every paper when it indexed it: reuse those topics rather than tag again.
    const byLabel = new Map(TOPICS.map((t) => [t.label, t] as const));
    const topicsOf = (p: Paper): Tag[] =>
      (s.search.stored(p.id)?.topics ?? []).flatMap((label) => {
        const t = byLabel.get(label);
        return t ? [{ kind: 'topic' as const, id: t.id, label, why: 'indexed topic', score: 1 }] : [];
      });
    const profile = papers.length ? buildAuthorProfiles(papers, { stats: this.stats, topicsOf }).get(key) : undefined;
    this.profiles.set(key, profile ?? null);
    return profile;
  }

  async scanTitles(candidates: readonly string[]) {
    return (await this.ready()).titles.scan(candidates);
  }
}
