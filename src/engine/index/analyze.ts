/**
 * What the index keeps of a paper: its search terms per field, its keywords and its title keys. Pure.
 *
 * Computed once, when a paper is written (imported, learned, restored), and never again: the topic tags
 * found here are stored with the paper (`StoredPaper.topics`), the terms go into the segment's postings.
 *
 * Keywords are exact-match terms in the same postings as words, behind a prefix no search term can have
 * (search terms are letters and digits only): an author's papers are the postings of `!a:roberts|d`, a
 * category's of `!c:cs.LG`, a year's of `!y:2024`, and so on. So filters, author views, topic views and
 * counts read the index, and stay correct in the same transaction as the papers they describe.
 */
import { authorKey } from '../../core/authors';
import { hasCodeOf } from '../../core/code';
import type { Paper, PaperId } from '../../core/paper';
import { categoryName, defaultTagger, type Tag } from '../topics';
import type { DocNumber } from './docs';
import { type TitleKeys, titleKeys } from './title-keys';
import { indexTokens, termOf } from './tokens';

export const FIELDS = ['title', 'authors', 'abstract', 'topics', 'categories'] as const;
export type Field = (typeof FIELDS)[number];
export const NF = FIELDS.length;
export const TITLE = 0;
export const AUTHORS = 1;
export const ABSTRACT = 2;
export const TOPICS_FIELD = 3;
export const CATEGORIES = 4;

/** Keyword prefixes. `!` sorts before letters and digits, so keywords never fall in a typed prefix's range. */
export const KEYWORD = {
  author: '!a:',
  category: '!c:',
  year: '!y:',
  topic: '!t:',
  source: '!s:',
  import: '!i:',
  /** A property a paper has: `!h:code` (it has code links, or a source flagged code). */
  has: '!h:',
} as const;

/** Papers with code: the library's "has code" filter reads this keyword's postings (no record reads). */
export const HAS_CODE = `${KEYWORD.has}code`;

export const isKeyword = (term: string): boolean => term.charCodeAt(0) === 0x21;

export interface AnalyzedDoc {
  readonly doc: DocNumber;
  readonly id: PaperId;
  /** Distinct search terms, each with its frequency in every field: `tf[i * NF + f]` (capped at 255). */
  readonly terms: readonly string[];
  readonly tf: Uint8Array;
  /** Terms per field. */
  readonly lengths: readonly number[];
  /** Distinct keyword terms (with their prefixes). */
  readonly keywords: readonly string[];
  readonly titleKeys: TitleKeys;
  /** Taxonomy topics found in the title and abstract, as the paper record stores them. */
  readonly topics: readonly Tag[];
}

export const categoriesOf = (p: Paper): readonly string[] =>
  p.categories ?? (p.primaryCategory ? [p.primaryCategory] : []);

export const yearOf = (p: Paper): number => Number((p.published ?? '').slice(0, 4)) || 0;

/** The keyword terms of a paper (see the module comment). */
export function keywordsOf(p: Paper, topics: readonly Tag[]): string[] {
  const out = new Set<string>();
  for (const a of p.authors) out.add(KEYWORD.author + (a.key || authorKey(a.name)));
  for (const c of categoriesOf(p)) out.add(KEYWORD.category + c);
  const year = yearOf(p);
  if (year) out.add(KEYWORD.year + year);
  for (const t of topics) out.add(KEYWORD.topic + t.id);
  for (const q of p.provenance) {
    out.add(KEYWORD.source + q.kind);
    if (q.kind === 'imported') out.add(KEYWORD.import + q.importId);
  }
  if (hasCodeOf(p)) out.add(HAS_CODE);
  return [...out];
}

/**
 * Analyses a paper. The hot loop of indexing: each token costs one Map lookup (word → slot); a word is
 * stemmed and its term found once per paper; the tagger looks only at positions whose term starts a phrase.
 * The result is what `searchTerms` and the tagger give on the same texts (a test holds it to that).
 */
export function analyze(p: Paper, doc: DocNumber): AnalyzedDoc {
  const tagger = defaultTagger();
  const slotOfWord = new Map<string, number>();
  const slotOfTerm = new Map<string, number>();
  const termList: string[] = [];
  const starts: number[] = [];
  let tf = new Uint8Array(128 * NF);
  const lengths = new Array<number>(NF).fill(0);
  const slotFor = (term: string): number => {
    let i = slotOfTerm.get(term);
    if (i === undefined) {
      i = termList.length;
      slotOfTerm.set(term, i);
      termList.push(term);
      starts.push(tagger.startsPhrase(term) ? 1 : 0);
      if ((i + 1) * NF > tf.length) {
        const grown = new Uint8Array(tf.length * 2);
        grown.set(tf);
        tf = grown;
      }
    }
    return i;
  };
  /** Counts a field's tokens; returns their slots in order (the tagger reads title and abstract). */
  const field = (text: string, f: number): Int32Array => {
    const { raw, tokens } = indexTokens(text);
    const seq = new Int32Array(tokens.length);
    let n = 0;
    for (const w of tokens) {
      if (w === '') continue;
      let slot: number | undefined;
      if (raw) {
        slot = slotOfWord.get(w);
        if (slot === undefined) {
          const t = termOf(w);
          slot = t === '' ? -1 : slotFor(t);
          slotOfWord.set(w, slot);
        }
        if (slot < 0) continue;
      } else slot = slotFor(w);
      seq[n++] = slot;
      const at = slot * NF + f;
      if ((tf[at] ?? 0) < 255) tf[at] = (tf[at] ?? 0) + 1;
    }
    lengths[f] = n;
    return seq.subarray(0, n);
  };
  const title = field(p.title, TITLE);
  const abs = p.abstract ? field(p.abstract, ABSTRACT) : new Int32Array(0);
  const words = (seq: Int32Array) => Array.from(seq, (i) => termList[i] ?? '');
  const marks = (seq: Int32Array) => Uint8Array.from(seq, (i) => starts[i] ?? 0);
  const anyStart = (seq: Int32Array) => seq.some((i) => starts[i] === 1);
  const topics =
    anyStart(title) || anyStart(abs)
      ? tagger.tagTerms(words(title), words(abs), { title: marks(title), abstract: marks(abs) })
      : [];
  const cats = categoriesOf(p);
  field(p.authors.map((a) => a.name).join(', '), AUTHORS);
  field(topics.map((t) => t.label).join(' ; '), TOPICS_FIELD);
  field(cats.map((c) => `${c} ${categoryName(c) ?? ''}`).join(' ; '), CATEGORIES);
  return {
    doc,
    id: p.id,
    terms: termList,
    tf: tf.slice(0, termList.length * NF),
    lengths,
    keywords: keywordsOf(p, topics),
    titleKeys: titleKeys(p.title),
    topics,
  };
}

// BM25+ as MiniSearch computes it (k1, b, and the lower bound d), summed over fields with their boosts
// (BM25F): a paper's score for a term is fixed when it is indexed, quantised to a byte (an "impact"), so
// a query multiplies impacts by the term's IDF instead of reading field lengths.
export const BOOSTS: readonly number[] = [3, 3, 1, 1.5, 1];
const K1 = 1.2;
const B = 0.7;
const D = 0.5;
/** Impacts are stored as round(score × IMPACT_SCALE), at most 255. */
export const IMPACT_SCALE = 10;

/** The impact byte of term `i` of `d`, given the corpus's average field lengths. */
export function impactOf(d: AnalyzedDoc, i: number, avgLengths: readonly number[]): number {
  let s = 0;
  for (let f = 0; f < NF; f++) {
    const tf = d.tf[i * NF + f] ?? 0;
    if (tf === 0) continue;
    const norm = (d.lengths[f] ?? 0) / (avgLengths[f] || 1);
    s += (BOOSTS[f] ?? 1) * (D + (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * norm)));
  }
  return Math.max(1, Math.min(255, Math.round(s * IMPACT_SCALE)));
}
