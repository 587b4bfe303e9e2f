/**
 * The engine as the background holds it: a reader of the persistent index (src/engine/index) and a small
 * cache of paper records. Nothing is loaded or built at start-up: each request takes a snapshot (the
 * manifest, one read) and reads the records it needs, so a stopped worker answers its first request at
 * the cost of that request, whatever the corpus size. Writes are commits (src/db/corpus.ts) that update
 * the index with the papers; this service never writes papers, it only merges segments when idle.
 *
 * Handlers call these methods only; nothing outside reaches into the index.
 */
import type { AuthorStats, Paper, PaperId } from '../core/paper';
import { fromStored } from '../db/corpus';
import type { Database } from '../db/database';
import { indexSource } from '../db/index-store';
import { isReadablePaper } from '../db/integrity';
import { collectGarbage, mergeOnce } from '../db/merges';
import { onRevision } from '../db/revision-channel';
import { type AuthorProfile, buildAuthorProfiles } from '../engine/authors';
import { highlight, type Segment, snippet } from '../engine/highlight';
import { KEYWORD } from '../engine/index/analyze';
import type { IndexedPaper } from '../engine/index/commit';
import { docOfId } from '../engine/index/docs';
import { type QueryFilter, search as runQuery } from '../engine/index/query';
import { IndexReader, keywordDocsOf, type Snapshot } from '../engine/index/reader';
import { relatedSource } from '../engine/index/related-source';
import { idOfGlobal, scanTitles } from '../engine/index/scan';
import { key as segmentKey, type VocabRecord, vocabBlockOf } from '../engine/index/segment';
import { type DraftPaper, type RelatedItem, RelatedModel } from '../engine/related';
import type { ScanHit } from '../engine/titles';
import { categoryTags, defaultTagger, type Tag } from '../engine/topics';

export interface SearchHit {
  readonly id: PaperId;
  readonly score: number;
  readonly title: string;
  readonly year?: number;
  readonly authors: readonly string[];
  readonly terms: readonly string[];
  readonly highlights: {
    readonly title: readonly Segment[];
    readonly authors: readonly Segment[];
    readonly abstract?: readonly Segment[];
  };
}

export type SearchFilter = QueryFilter;

export interface EngineOptions {
  /** Called now and then during long merges (an MV3 worker stays alive while it calls extension APIs). */
  readonly keepAlive?: () => void;
  /** Quiet time after the last request before merges run. Default 2 s. */
  readonly idleMs?: number;
  /** Bytes of index records kept in memory. Default 48 MB. */
  readonly cacheBytes?: number;
  /** Paper records kept in memory. Default 4,000. */
  readonly paperCache?: number;
}

/**
 * How long a snapshot is reused (see `snapshot`): while commits elsewhere are announced
 * (src/db/revision-channel.ts), until word of one arrives, at most `SNAPSHOT_MAX_AGE_MS` (word lost with a
 * page closed between its commit and its post is then made up for); without word, `SNAPSHOT_REUSE_MS`.
 */
const SNAPSHOT_MAX_AGE_MS = 1000;
const SNAPSHOT_REUSE_MS = 25;
/** Papers read per author for a panel's author line (count, top co-authors); the count stays exact. */
const PANEL_PAPERS_PER_AUTHOR = 40;
/** Papers read for an author's library view. */
const VIEW_PAPERS_PER_AUTHOR = 1000;

export class EngineService {
  private readonly reader: IndexReader;
  private readonly records = new Map<string, IndexedPaper | null>();
  private recordsRevision = -1;
  private model: { revision: number; epoch: string; related: RelatedModel } | undefined;
  private readonly paperCacheSize: number;
  private recent: { at: number; snap: Promise<Snapshot>; revision?: number } | undefined;
  private readonly reuseMs: number;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private maintaining: Promise<number> | undefined;
  /** Garbage segments seen in an earlier round: no reader of this worker can still be using them. */
  private collectable: ReadonlySet<number> | undefined;
  private readonly keepAlive: (() => void) | undefined;
  private readonly idleMs: number;

  constructor(
    private readonly db: () => Promise<Database>,
    private readonly stats: readonly AuthorStats[] = [],
    options: EngineOptions = {},
  ) {
    this.reader = new IndexReader(indexSource(db), options.cacheBytes ? { cacheBytes: options.cacheBytes } : {});
    this.paperCacheSize = options.paperCache ?? 4000;
    this.keepAlive = options.keepAlive;
    this.idleMs = options.idleMs ?? 2000;
    this.reuseMs = onRevision((revision) => {
      if (this.recent?.revision !== revision) this.invalidate();
    })
      ? SNAPSHOT_MAX_AGE_MS
      : SNAPSHOT_REUSE_MS;
  }

  /** A request arrived: merges wait until the background has been quiet for a while. */
  busy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      void this.maintain().catch((e: unknown) => console.warn('Paperlens: index maintenance stopped', e));
    }, this.idleMs);
  }

  /**
   * Merges segments while the policy asks for it, yielding between terms so requests are answered, and
   * collects garbage segments (all of them the first time: at start-up no reader uses any). Returns the
   * number of merges.
   */
  maintain(): Promise<number> {
    this.maintaining ??= (async () => {
      let merges = 0;
      try {
        const db = await this.db();
        await collectGarbage(db, this.collectable);
        for (;;) {
          let slice = Date.now();
          const merged = await mergeOnce(db, this.reader, {
            yieldNow: () => {
              if (Date.now() - slice < 12) return undefined;
              return new Promise<void>((r) =>
                setTimeout(() => {
                  slice = Date.now();
                  r();
                }, 0),
              );
            },
            ...(this.keepAlive ? { keepAlive: this.keepAlive } : {}),
          });
          if (!merged) break;
          merges++;
          this.invalidate();
        }
        this.collectable = new Set((await this.snapshot()).manifest.garbage);
        return merges;
      } finally {
        this.maintaining = undefined;
      }
    })();
    return this.maintaining;
  }

  /**
   * The index as stored now. One snapshot serves the requests that follow (a listing asks for thousands
   * of entries at once, a popup one search per keystroke: none should read the manifest again) until a
   * commit is heard of: `invalidate()` after one this context made, word from the revision channel after
   * another's, and at the latest after `reuseMs`.
   */
  snapshot(): Promise<Snapshot> {
    const now = Date.now();
    if (this.recent && now - this.recent.at < this.reuseMs) return this.recent.snap;
    const snap = this.reader.snapshot();
    const recent: NonNullable<typeof this.recent> = { at: now, snap };
    this.recent = recent;
    snap.then(
      (s) => {
        recent.revision = s.revision;
      },
      () => {
        if (this.recent?.snap === snap) this.recent = undefined;
      },
    );
    return snap;
  }

  /** A commit was made here: the next request reads the manifest again. */
  invalidate(): void {
    this.recent = undefined;
  }

  /** Memory the engine holds (index records and paper records), for the bench and the options page. */
  get cachedBytes(): number {
    return this.reader.cache.bytes;
  }

  /** Forgets cached records (tests; after the index store was cleared). */
  reset(): void {
    this.reader.cache.clear();
    this.records.clear();
    this.model = undefined;
  }

  /** Paper records by id, with their stored topics (read once per revision, then from memory). */
  private async stored(snap: Snapshot, ids: readonly PaperId[]): Promise<(IndexedPaper | undefined)[]> {
    if (snap.revision !== this.recordsRevision) {
      this.records.clear();
      this.recordsRevision = snap.revision;
    }
    const missing = [...new Set(ids.filter((id) => !this.records.has(id)))];
    if (missing.length) {
      const tx = (await this.db()).transaction('papers');
      const found = await Promise.all(missing.map((id) => tx.store.get(id)));
      await tx.done;
      missing.forEach((id, i) => {
        const v = found[i];
        this.records.set(id, isReadablePaper(v) ? (v as IndexedPaper) : null);
        if (this.records.size > this.paperCacheSize) this.records.delete(this.records.keys().next().value as string);
      });
    }
    return ids.map((id) => this.records.get(id) ?? undefined);
  }

  async paper(id: PaperId): Promise<Paper | undefined> {
    const [p] = await this.papers([id]);
    return p;
  }

  async papers(ids: readonly PaperId[]): Promise<(Paper | undefined)[]> {
    const snap = await this.snapshot();
    return (await this.stored(snap, ids)).map((p) => (p ? fromStored(p) : undefined));
  }

  private relatedModel(snap: Snapshot): RelatedModel {
    if (!this.model || this.model.revision !== snap.revision || this.model.epoch !== snap.manifest.epoch)
      this.model = {
        revision: snap.revision,
        epoch: snap.manifest.epoch,
        related: new RelatedModel(relatedSource(snap, (ids) => this.stored(snap, ids))),
      };
    return this.model.related;
  }

  async search(
    query: string,
    limit: number,
    filter: SearchFilter = {},
  ): Promise<{ hits: SearchHit[]; total: number; exact: boolean }> {
    const snap = await this.snapshot();
    const r = await runQuery(snap, query, {
      limit,
      filter,
      texts: async (ids) =>
        (await this.stored(snap, ids)).map((p) => (p ? { title: p.title, abstract: p.abstract ?? '' } : undefined)),
    });
    const records = await this.stored(
      snap,
      r.hits.map((h) => h.id),
    );
    const hits: SearchHit[] = [];
    r.hits.forEach((h, i) => {
      const p = records[i];
      if (!p) return;
      const matched = new Set(h.terms);
      const year = Number((p.published ?? '').slice(0, 4)) || undefined;
      const authors = p.authors.map((a) => a.name);
      hits.push({
        id: h.id,
        score: h.score,
        title: p.title,
        ...(year ? { year } : {}),
        authors,
        terms: h.terms,
        highlights: {
          title: highlight(p.title, matched),
          authors: highlight(authors.join(', '), matched),
          ...(p.abstract ? { abstract: snippet(p.abstract, matched) } : {}),
        },
      });
    });
    return { hits, total: r.total, exact: r.exact };
  }

  async relatedTo(draft: DraftPaper & { readonly id?: PaperId }, k: number): Promise<RelatedItem[]> {
    const snap = await this.snapshot();
    const model = this.relatedModel(snap);
    if (draft.id) {
      const [own] = await this.stored(snap, [draft.id]);
      if (own) return model.related(draft.id, k);
    }
    return model.relatedToDraft(draft, k, draft.id);
  }

  /** Cheap related counts for many papers at once (a listing's chips); see `RelatedModel.relatedCounts`. */
  async relatedCounts(drafts: readonly (DraftPaper & { readonly id?: PaperId })[], cap?: number): Promise<number[]> {
    return this.relatedModel(await this.snapshot()).relatedCounts(drafts, cap);
  }

  /**
   * Topic tags: taxonomy topics first, then arXiv categories, then keyphrases for what those miss. A
   * corpus paper's topics were found when it was indexed and are read from its record.
   */
  async tags(draft: DraftPaper & { readonly id?: PaperId }, keyphrases = 2): Promise<Tag[]> {
    const snap = await this.snapshot();
    const [own] = draft.id ? await this.stored(snap, [draft.id]) : [undefined];
    const topics = own?.topics ?? defaultTagger().tag(draft);
    const cats = categoryTags(draft.categories);
    const extra = topics.length < 3 ? await this.relatedModel(snap).keyphrases(draft, keyphrases) : [];
    return [...topics, ...cats, ...extra];
  }

  /** `tags` for many drafts at once (a listing's chips): one read of the corpus records among them. */
  async tagsMany(drafts: readonly (DraftPaper & { readonly id?: PaperId })[], keyphrases = 2): Promise<Tag[][]> {
    const snap = await this.snapshot();
    const ids = drafts.flatMap((d) => (d.id ? [d.id] : []));
    const own = new Map((await this.stored(snap, ids)).flatMap((p) => (p ? [[p.id, p] as const] : [])));
    const model = this.relatedModel(snap);
    const out: Tag[][] = [];
    for (const d of drafts) {
      const topics = (d.id ? own.get(d.id)?.topics : undefined) ?? defaultTagger().tag(d);
      const extra = topics.length < 3 ? await model.keyphrases(d, keyphrases) : [];
      out.push([...topics, ...categoryTags(d.categories), ...extra]);
    }
    return out;
  }

  /**
   * Profiles of authors (papers, co-authors, topics, years, organisations, seed stats), from each one's
   * papers only (the index's `!a:<key>` postings), newest first, at most `perAuthor` papers read each:
   * the same cost in a 49- or a million-paper corpus. `paperCount` is exact.
   */
  async authorProfiles(
    keys: readonly string[],
    perAuthor = PANEL_PAPERS_PER_AUTHOR,
  ): Promise<Map<string, (AuthorProfile & { readonly paperCount: number }) | undefined>> {
    const snap = await this.snapshot();
    const unique = [...new Set(keys)];
    const docs = await keywordDocsOf(
      snap,
      unique.map((k) => KEYWORD.author + k),
    );
    const wanted = new Map<string, number[]>();
    for (const k of unique) wanted.set(k, (docs.get(KEYWORD.author + k) ?? []).slice(-perAuthor).reverse());
    const allDocs = [...new Set([...wanted.values()].flat())];
    const ids = await Promise.all(allDocs.map((d) => idOfGlobal(snap, d)));
    const idOf = new Map(allDocs.map((d, i) => [d, ids[i]] as const));
    const records = await this.stored(
      snap,
      ids.filter((x): x is PaperId => x !== undefined),
    );
    const byId = new Map(records.flatMap((p) => (p ? [[p.id, p] as const] : [])));
    const out = new Map<string, (AuthorProfile & { readonly paperCount: number }) | undefined>();
    for (const k of unique) {
      const papers = (wanted.get(k) ?? []).flatMap((d) => {
        const p = byId.get(idOf.get(d) ?? ('' as PaperId));
        return p ? [p] : [];
      });
      // The index tagged every paper when it indexed it: reuse those topics rather than tag again.
      const profile = papers.length
        ? buildAuthorProfiles(papers, { stats: this.stats, topicsOf: (p) => (p as IndexedPaper).topics ?? [] }).get(k)
        : undefined;
      out.set(k, profile ? { ...profile, paperCount: (docs.get(KEYWORD.author + k) ?? []).length } : undefined);
    }
    return out;
  }

  async authorProfile(key: string): Promise<(AuthorProfile & { readonly paperCount: number }) | undefined> {
    return (await this.authorProfiles([key], VIEW_PAPERS_PER_AUTHOR)).get(key);
  }

  async scanTitles(candidates: readonly string[]): Promise<ScanHit[]> {
    const snap = await this.snapshot();
    return scanTitles(snap, candidates, async (ids) => (await this.stored(snap, ids)).map((p) => p?.title));
  }

  /** Ids of the live papers with a keyword (`!t:<topic>`, `!c:<category>`, `!s:<source>`…), newest first. */
  async keywordIds(keyword: string, limit = Number.POSITIVE_INFINITY): Promise<{ ids: PaperId[]; total: number }> {
    const snap = await this.snapshot();
    const docs = await snap.keywordDocs(keyword);
    const page = docs.slice(Math.max(0, docs.length - limit)).reverse();
    const ids = await Promise.all(page.map((d) => idOfGlobal(snap, d)));
    return { ids: ids.filter((x): x is PaperId => x !== undefined), total: docs.length };
  }

  /** Every live paper's id, newest first (small corpora, and the tail of the corpus table). */
  async allIds(): Promise<PaperId[]> {
    const snap = await this.snapshot();
    const docs: number[] = [];
    for (const seg of snap.segments) {
      const [rec, del] = await Promise.all([snap.docs(seg), snap.deletions(seg)]);
      rec.docs.forEach((d, local) => {
        if (del.locals?.[local] !== 1) docs.push(d);
      });
    }
    docs.sort((a, b) => b - a);
    const ids = await Promise.all(docs.map((d) => idOfGlobal(snap, d)));
    return ids.filter((x): x is PaperId => x !== undefined);
  }

  /** Which of these ids are corpus papers (answered from the index's docs records, no paper reads). */
  async inCorpus(ids: readonly PaperId[]): Promise<Set<PaperId>> {
    const snap = await this.snapshot();
    const out = new Set<PaperId>();
    const allocated: PaperId[] = [];
    for (const id of ids) {
      const doc = docOfId(id);
      if (doc === undefined) allocated.push(id);
      else if (await snap.holds(doc)) out.add(id);
    }
    if (allocated.length)
      for (const [i, p] of (await this.stored(snap, allocated)).entries()) if (p) out.add(allocated[i] as PaperId);
    return out;
  }

  /**
   * Live papers per keyword starting with `prefix` (`!c:` for categories), most first: read from the
   * vocabulary blocks that hold such keywords and their postings, so it costs the keywords, not the corpus.
   */
  async keywordCounts(prefix: string): Promise<{ keyword: string; papers: number }[]> {
    const snap = await this.snapshot();
    const keywords = new Set<string>();
    for (const seg of snap.segments) {
      const from = Math.max(0, vocabBlockOf(seg.firsts, prefix));
      const to = vocabBlockOf(seg.firsts, `${prefix}\uffff`);
      const blocks = await snap.records(
        Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => segmentKey.vocab(seg.id, from + i)),
      );
      for (const v of blocks.values())
        for (const t of (v as VocabRecord).terms) if (t.startsWith(prefix)) keywords.add(t);
    }
    const docs = await keywordDocsOf(snap, [...keywords]);
    return [...docs]
      .map(([keyword, list]) => ({ keyword, papers: list.length }))
      .filter((k) => k.papers > 0)
      .sort((a, b) => b.papers - a.papers || a.keyword.localeCompare(b.keyword));
  }

  /** The corpus counts kept by the index. */
  async counts() {
    return (await this.snapshot()).manifest.counts;
  }
}
