/**
 * Topic tags: a curated taxonomy (data/topics.json), arXiv category names (data/arxiv-categories.json) and
 * automatic keyphrases for what the taxonomy misses (see related.ts `keyphrases`). Every tag says why it
 * was given. Pure.
 */
import categoriesData from '../../data/arxiv-categories.json';
import topicsData from '../../data/topics.json';
import { err, ok, type Result } from '../core/paper';
import { terms } from './normalize';

export interface Topic {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Phrases whose occurrence in a title or abstract suggests the topic; matched on search terms. */
  readonly phrases: readonly string[];
}

export interface Tag {
  readonly kind: 'topic' | 'category' | 'keyphrase';
  readonly id: string;
  readonly label: string;
  /** Human reason: `"scaling laws" in the title`, `arXiv category cs.LG`. */
  readonly why: string;
  readonly score: number;
}

const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Checks the taxonomy file: ids kebab-case, sorted and unique; every topic labelled, described, phrased. */
export function validateTopics(data: unknown): Result<Topic[]> {
  if (typeof data !== 'object' || data === null) return err('topics: not an object');
  const list = (data as { topics?: unknown }).topics;
  if (!Array.isArray(list)) return err('topics: missing "topics" list');
  const out: Topic[] = [];
  let prev = '';
  for (const t of list as unknown[]) {
    const r = t as Partial<Record<keyof Topic, unknown>>;
    if (typeof r.id !== 'string' || !TOPIC_ID.test(r.id)) return err(`topics: bad id ${JSON.stringify(r.id)}`);
    if (r.id <= prev) return err(`topics: ${r.id} is out of order or repeated after ${prev}`);
    prev = r.id;
    if (typeof r.label !== 'string' || r.label === '') return err(`topics: ${r.id} has no label`);
    if (typeof r.description !== 'string' || r.description.length < 10)
      return err(`topics: ${r.id} has no description`);
    const phrases = r.phrases;
    if (!Array.isArray(phrases) || phrases.length === 0 || !phrases.every((p) => typeof p === 'string'))
      return err(`topics: ${r.id} needs a list of phrases`);
    for (const p of phrases as string[])
      if (terms(p).length === 0) return err(`topics: ${r.id} phrase "${p}" has no searchable word`);
    out.push({ id: r.id, label: r.label, description: r.description, phrases: phrases as string[] });
  }
  return ok(out);
}

function loadBundled(): Topic[] {
  const r = validateTopics(topicsData);
  if (!r.ok) throw new Error(`data/topics.json: ${r.error}`);
  return r.value;
}

export const TOPICS: readonly Topic[] = loadBundled();

/** arXiv category code → name, e.g. `cs.LG` → "Machine Learning". */
export const CATEGORY_NAMES: Readonly<Record<string, string>> = (
  categoriesData as { categories: Record<string, string> }
).categories;

/** The category's human name; an unknown subject class falls back to its archive's name. */
export function categoryName(code: string): string | undefined {
  return CATEGORY_NAMES[code] ?? CATEGORY_NAMES[code.split('.')[0] ?? ''];
}

export function categoryTags(categories: readonly string[] | undefined): Tag[] {
  return (categories ?? []).map((c, i) => ({
    kind: 'category' as const,
    id: c,
    label: categoryName(c) ?? c,
    why: i === 0 ? `primary arXiv category ${c}` : `arXiv category ${c}`,
    score: i === 0 ? 1 : 0.5,
  }));
}

interface CompiledPhrase {
  readonly topic: number;
  readonly phrase: string;
  readonly seq: readonly string[];
}

export interface TaggerOptions {
  /**
   * A topic is given when a phrase occurs in the title, or phrases occur at least this many times in the
   * abstract (one stray "ensemble" in an abstract is not a topic). Default 2.
   */
  readonly minAbstractHits?: number;
}

export class TopicTagger {
  private readonly byFirst = new Map<string, CompiledPhrase[]>();
  private readonly minAbstractHits: number;

  constructor(
    readonly topics: readonly Topic[] = TOPICS,
    options: TaggerOptions = {},
  ) {
    this.minAbstractHits = options.minAbstractHits ?? 2;
    topics.forEach((t, topic) => {
      for (const phrase of t.phrases) {
        const seq = terms(phrase);
        const first = seq[0];
        if (first === undefined) continue;
        const list = this.byFirst.get(first) ?? [];
        list.push({ topic, phrase, seq });
        this.byFirst.set(first, list);
      }
    });
    // Longest phrase first, so "bias variance decomposition" is the reason rather than "bias variance".
    for (const list of this.byFirst.values()) list.sort((a, b) => b.seq.length - a.seq.length);
  }

  /** Topic tags for a paper, best first. */
  tag(doc: { readonly title: string; readonly abstract?: string | undefined }): Tag[] {
    return this.tagTerms(terms(doc.title), doc.abstract ? terms(doc.abstract) : []);
  }

  /** Whether a search term is the first word of some topic phrase. */
  startsPhrase(term: string): boolean {
    return this.byFirst.has(term);
  }

  /**
   * `tag` on texts already turned into search terms (`normalize.terms`), for callers that have them.
   * `starts` (optional) marks the positions whose term `startsPhrase`, so the others are not looked up.
   */
  tagTerms(
    titleTerms: readonly string[],
    abstractTerms: readonly string[],
    starts?: { readonly title: Uint8Array; readonly abstract: Uint8Array },
  ): Tag[] {
    const found = new Map<number, { title: string[]; abstract: string[] }>();
    const scan = (ts: readonly string[], where: 'title' | 'abstract'): void => {
      const mark = starts?.[where];
      for (let i = 0; i < ts.length; i++) {
        if (mark && mark[i] !== 1) continue;
        for (const c of this.byFirst.get(ts[i] ?? '') ?? []) {
          if (!c.seq.every((w, k) => ts[i + k] === w)) continue;
          const f = found.get(c.topic) ?? { title: [], abstract: [] };
          f[where].push(c.phrase);
          found.set(c.topic, f);
          break;
        }
      }
    };
    scan(titleTerms, 'title');
    scan(abstractTerms, 'abstract');
    const tags: Tag[] = [];
    for (const [i, f] of found) {
      const t = this.topics[i];
      if (!t) continue;
      if (f.title.length === 0 && f.abstract.length < this.minAbstractHits) continue;
      const score = 2 * f.title.length + f.abstract.length;
      const why =
        f.title.length > 0
          ? `"${f.title[0]}" in the title`
          : `${[...new Set(f.abstract)]
              .slice(0, 2)
              .map((p) => `"${p}"`)
              .join(', ')} in the abstract`;
      tags.push({ kind: 'topic', id: t.id, label: t.label, why, score });
    }
    return tags.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}

let shared: TopicTagger | undefined;
/** A tagger over the bundled taxonomy, built once. */
export function defaultTagger(): TopicTagger {
  shared ??= new TopicTagger();
  return shared;
}
