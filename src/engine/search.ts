/**
 * Ranked full-text search over the corpus. Pure; runs in the background service worker and in Node.
 *
 * Built on MiniSearch (chosen by measurement, see README.md): BM25 over five fields with boosts, prefix
 * matching on the last query word (the one being typed), typo tolerance, and serialisation. On top of it
 * this module adds our term processing (folding, stop words, light stemming), a coordination factor (a
 * paper matching every query word outranks one matching a single word many times), a phrase boost,
 * filters, and highlights as segments.
 */
import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch';
import { authorKey } from '../core/authors';
import type { Paper, PaperId } from '../core/paper';
import { err, ok, type Result } from '../core/paper';
import { highlight, type Segment, snippet } from './highlight';
import { normaliseTitle, terms } from './normalize';
import { categoryName, defaultTagger } from './topics';

export type SearchField = 'title' | 'authors' | 'abstract' | 'topics' | 'categories';

export interface SearchIndexOptions {
  /** Field weights. Defaults: title 3, authors 3, topics 1.5, categories 1, abstract 1. */
  readonly boosts?: Partial<Record<SearchField, number>>;
  /**
   * Typo tolerance as a fraction of word length (MiniSearch's `fuzzy`); words shorter than 5 letters are
   * matched exactly, since a one-letter edit of "loss" is "less". Default 0.25; 0–0.3 is sensible.
   */
  readonly fuzzy?: number;
  /** Multiplier when the query words appear as one phrase in the title (half of it for the abstract). Default 1.5. */
  readonly phraseBoost?: number;
  /** Topic labels indexed for a paper. Default: the bundled taxonomy's tags. */
  readonly topicsOf?: (p: Paper) => readonly string[];
}

export interface SearchFilter {
  readonly yearFrom?: number;
  readonly yearTo?: number;
  /** Any of these categories (codes, `cs.LG`; an archive such as `hep-th` or `cs` matches its subjects). */
  readonly categories?: readonly string[];
  /** Every one of these authors, by any name form ("D. Roberts" finds "Daniel A. Roberts"). */
  readonly authors?: readonly string[];
  /** Reading-list state, supplied by the caller: keep only saved papers, or only unsaved ones. */
  readonly saved?: { readonly has: (id: PaperId) => boolean; readonly want: boolean };
}

export interface SearchQueryOptions {
  readonly limit?: number;
  readonly filter?: SearchFilter;
  /** Prefix-match the last word (as the user types). Default true. */
  readonly prefix?: boolean;
  /** Gives full papers for abstract snippets and the abstract phrase boost. */
  readonly lookup?: (id: PaperId) => Paper | undefined;
}

export interface SearchHit {
  readonly id: PaperId;
  readonly score: number;
  readonly title: string;
  readonly year?: number;
  /** Index terms that matched (after prefix and typo expansion). */
  readonly terms: readonly string[];
  readonly highlights: {
    readonly title: readonly Segment[];
    readonly authors: readonly Segment[];
    readonly abstract?: readonly Segment[];
  };
}

interface Doc {
  readonly id: string;
  readonly title: string;
  readonly authors: string;
  readonly abstract: string;
  readonly topics: string;
  readonly categories: string;
  readonly year: number;
  readonly cats: readonly string[];
  readonly akeys: readonly string[];
}

type Stored = Pick<Doc, 'title' | 'authors' | 'year' | 'cats' | 'akeys'>;

export const SEARCH_INDEX_FORMAT = 1;
export interface SerialisedSearchIndex {
  readonly formatVersion: number;
  readonly options: {
    readonly boosts: Record<SearchField, number>;
    readonly fuzzy: number;
    readonly phraseBoost: number;
  };
  readonly index: AsPlainObject;
}

const DEFAULT_BOOSTS: Record<SearchField, number> = { title: 3, authors: 3, topics: 1.5, categories: 1, abstract: 1 };
const FIELDS: SearchField[] = ['title', 'authors', 'abstract', 'topics', 'categories'];

/**
 * `toDoc` already computes a paper's abstract terms for topic tagging; MiniSearch then tokenises the same
 * string again. Remembering the last text tokenised halves build time at 100k papers.
 */
const recent = new Map<string, string[]>();
function cachedTerms(text: string): string[] {
  let t = recent.get(text);
  if (t === undefined) {
    if (recent.size >= 8) recent.clear();
    t = terms(text);
    recent.set(text, t);
  }
  return t;
}

function miniOptions() {
  return {
    idField: 'id',
    fields: FIELDS,
    storeFields: ['title', 'authors', 'year', 'cats', 'akeys'],
    // Our `terms` already folds, drops stop words and stems; MiniSearch must not process again.
    tokenize: (text: string) => cachedTerms(text),
    processTerm: (t: string) => t,
  };
}

export class SearchIndex {
  private readonly ms: MiniSearch<Doc>;
  private readonly boosts: Record<SearchField, number>;
  private readonly fuzzy: number;
  private readonly phraseBoost: number;
  private readonly authorBoost = 2;
  private readonly topicsOf: (p: Paper) => readonly string[];

  constructor(options: SearchIndexOptions = {}, loaded?: MiniSearch<Doc>) {
    this.boosts = { ...DEFAULT_BOOSTS, ...options.boosts };
    this.fuzzy = options.fuzzy ?? 0.25;
    this.phraseBoost = options.phraseBoost ?? 1.5;
    this.topicsOf =
      options.topicsOf ??
      ((p) =>
        defaultTagger()
          .tag({ title: p.title, abstract: p.abstract })
          .map((t) => t.label));
    this.ms = loaded ?? new MiniSearch<Doc>(miniOptions());
  }

  static build(papers: Iterable<Paper>, options: SearchIndexOptions = {}): SearchIndex {
    const idx = new SearchIndex(options);
    idx.addAll(papers);
    return idx;
  }

  get size(): number {
    return this.ms.documentCount;
  }

  has(id: PaperId): boolean {
    return this.ms.has(id);
  }

  /** Adds papers; a paper already indexed is replaced (its metadata may have grown). */
  addAll(papers: Iterable<Paper>): void {
    // One at a time, so the term cache still holds this paper's texts when MiniSearch tokenises them.
    for (const p of papers) {
      if (this.ms.has(p.id)) this.ms.discard(p.id);
      this.ms.add(this.toDoc(p));
    }
  }

  add(paper: Paper): void {
    this.addAll([paper]);
  }

  remove(id: PaperId): boolean {
    if (!this.ms.has(id)) return false;
    this.ms.discard(id);
    return true;
  }

  search(query: string, options: SearchQueryOptions = {}): SearchHit[] {
    const qTerms = terms(query);
    if (qTerms.length === 0) return [];
    const limit = options.limit ?? 20;
    const prefix = options.prefix ?? true;
    const filter = options.filter ? compileFilter(options.filter) : undefined;
    const fuzzy = this.fuzzy;
    const raw = this.ms.search(qTerms.join(' '), {
      boost: this.boosts,
      prefix: (_t, i, all) => prefix && i === all.length - 1,
      fuzzy: (t) => (t.length >= 5 && !/\d/.test(t) ? fuzzy : false),
      combineWith: 'OR',
      ...(filter ? { filter: (r: SearchResult) => filter(r as unknown as Stored & { id: string }) } : {}),
    });
    const phrase = qTerms.length > 1 ? ` ${normaliseTitle(query)} ` : undefined;
    // A query that reads as a person's name ("Daniel Roberts", "D. A. Roberts") lifts that person's papers
    // above papers by other Daniels or about robustness.
    const person = /^\p{L}[\p{L}.'’-]*(?:[\s,]+\p{L}[\p{L}.'’-]*){1,3}$/u.test(query.trim())
      ? authorKey(query)
      : undefined;
    const scored = raw.map((r) => {
      const matched = new Set(r.queryTerms).size;
      // Coordination: the share of query words the paper matched, squared, so partial matches sink.
      let score = r.score * (matched / qTerms.length) ** 2;
      if (person && (r.akeys as readonly string[]).includes(person)) score *= this.authorBoost;
      return { r, score };
    });
    scored.sort((a, b) => b.score - a.score);
    // The phrase boost normalises titles, too costly for every hit of a common word in a large corpus, and
    // at most ×1.5 it cannot lift a paper from far down the list; so it is applied to the head only.
    const head = scored.slice(0, Math.max(limit * 5, 100));
    if (phrase) {
      for (const s of head) if (` ${normaliseTitle(String(s.r.title))} `.includes(phrase)) s.score *= this.phraseBoost;
      head.sort((a, b) => b.score - a.score);
    }
    // The abstract phrase boost needs the full paper from the caller.
    if (phrase && options.lookup) {
      for (const s of head) {
        const abs = options.lookup(s.r.id as PaperId)?.abstract;
        if (abs && ` ${normaliseTitle(abs)} `.includes(phrase)) s.score *= 1 + (this.phraseBoost - 1) / 2;
      }
      head.sort((a, b) => b.score - a.score);
    }
    return head.slice(0, limit).map(({ r, score }) => this.toHit(r, score, options.lookup));
  }

  toJSON(): SerialisedSearchIndex {
    return {
      formatVersion: SEARCH_INDEX_FORMAT,
      options: { boosts: this.boosts, fuzzy: this.fuzzy, phraseBoost: this.phraseBoost },
      index: this.ms.toJSON(),
    };
  }

  /**
   * Loads a serialised index. Format 1 is the only format so far; a newer or unknown one is rejected with
   * a reason, and the caller rebuilds from the corpus. (When format 2 comes, format 1 stays loadable here.)
   */
  static load(data: unknown, options: Pick<SearchIndexOptions, 'topicsOf'> = {}): Result<SearchIndex> {
    if (typeof data !== 'object' || data === null) return err('search index: not an object');
    const d = data as Partial<SerialisedSearchIndex>;
    if (d.formatVersion !== SEARCH_INDEX_FORMAT)
      return err(
        `search index: format ${String(d.formatVersion)} is not supported (expected ${SEARCH_INDEX_FORMAT}); rebuild it`,
      );
    if (!d.index || !d.options) return err('search index: missing index or options');
    try {
      const ms = MiniSearch.loadJS<Doc>(d.index, miniOptions());
      return ok(new SearchIndex({ ...d.options, ...options }, ms));
    } catch (e) {
      return err(`search index: cannot load (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  private toDoc(p: Paper): Doc {
    const cats = p.categories ?? (p.primaryCategory ? [p.primaryCategory] : []);
    return {
      id: p.id,
      title: p.title,
      authors: p.authors.map((a) => a.name).join(', '),
      abstract: p.abstract ?? '',
      topics: this.topicsOf(p).join(' · '),
      categories: cats.map((c) => `${c} ${categoryName(c) ?? ''}`).join(' · '),
      year: Number((p.published ?? '').slice(0, 4)) || 0,
      cats,
      akeys: p.authors.map((a) => a.key || authorKey(a.name)),
    };
  }

  private toHit(r: SearchResult, score: number, lookup: SearchQueryOptions['lookup']): SearchHit {
    const matched = new Set(r.terms);
    const id = r.id as PaperId;
    const abs = lookup?.(id)?.abstract;
    const year = Number(r.year) || undefined;
    const base = {
      id,
      score,
      title: String(r.title),
      terms: r.terms,
      highlights: {
        title: highlight(String(r.title), matched),
        authors: highlight(String(r.authors), matched),
        ...(abs ? { abstract: snippet(abs, matched) } : {}),
      },
    };
    return year === undefined ? base : { ...base, year };
  }
}

function compileFilter(f: SearchFilter): (s: Stored & { id: string }) => boolean {
  const keys = f.authors?.map(authorKey);
  return (s) => {
    if (f.yearFrom !== undefined && (s.year === 0 || s.year < f.yearFrom)) return false;
    if (f.yearTo !== undefined && (s.year === 0 || s.year > f.yearTo)) return false;
    if (f.categories && f.categories.length > 0) {
      const hit = s.cats.some((c) => f.categories?.some((want) => c === want || c.startsWith(`${want}.`)));
      if (!hit) return false;
    }
    if (keys && !keys.every((k) => s.akeys.includes(k))) return false;
    if (f.saved && f.saved.has(s.id as PaperId) !== f.saved.want) return false;
    return true;
  };
}
