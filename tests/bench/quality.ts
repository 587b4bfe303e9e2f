/**
 * Search quality, Paperlens beside its peers: known-item queries typed as in the popup
 * (src/engine/quality.ts) over one corpus, MRR@10 and recall@10 per query class and split, with per-query
 * latency. Each engine is one `SearchAdapter`; a new engine joins by adding one to `ADAPTERS`.
 *
 * Peers are configured as a user of each would set them up for a paper search box (title, authors and
 * abstract indexed, the title boosted, prefix and typo tolerance where the engine has them). Where a peer
 * has several plausible set-ups, the one with the best MRR@10 on the tune split was kept (2026-11-24):
 * - MiniSearch: prefix, fuzzy 0.2, title ×2 (its README's example options; title and authors ×3 scored
 *   the same overall, fuzzy 0.3 and AND lower);
 * - FlexSearch: title and authors with the `forward` tokeniser (prefixes), abstract `strict`, default
 *   encoder, `suggest` (a query with an unknown word still ranks) and field results merged (title first).
 *   LatinBalance/LatinAdvanced scored the same, LatinExtra (phonetic) gains typos but loses more on the rest;
 * - Orama: tolerance 1 (one typo per word; it prefix-matches every word by default), title ×2. Its
 *   threshold (0.5, 1) changed nothing; threshold 0 (all words must match) lost the typo queries;
 * - Fuse.js: title, authors and both joined (so a surname and a title word can match one key), extended
 *   search (each word its own fuzzy term, all required), threshold 0.3, location ignored. No abstracts:
 *   Fuse scans every document per query, and with abstracts each query took seconds and matched anything;
 *   plain (non-extended) search scored far lower.
 */
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { Document } from 'flexsearch';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Paper, PaperId } from '../../src/core/paper';
import { MemoryIndex } from '../../src/engine/index/memory';
import { search } from '../../src/engine/index/query';
import {
  type KnownItemQuery,
  knownItemQueries,
  QUERY_KINDS,
  type QueryOutcome,
  runQueries,
  type SearchAdapter,
  type Summary,
  scoreboard,
} from '../../src/engine/quality';

interface Doc {
  [k: string]: string;
  id: string;
  title: string;
  authors: string;
  abstract: string;
}
const docsOf = (papers: readonly Paper[]): Doc[] =>
  papers.map((p) => ({
    id: p.id,
    title: p.title,
    authors: p.authors.map((a) => a.name).join(', '),
    abstract: p.abstract ?? '',
  }));

/**
 * Paperlens as the background runs it: the persistent index (commits of 2,000 papers, merged), read
 * through a snapshot, with the phrase boost reading titles and abstracts by id.
 */
export const paperlens: SearchAdapter = {
  name: 'Paperlens',
  config: 'as the popup asks (prefix on the last word, phrase boost), persistent index',
  async build(papers) {
    const index = new MemoryIndex();
    for (let i = 0; i < papers.length; i += 2000) index.write(papers.slice(i, i + 2000));
    await index.merge({ all: true });
    const snap = await index.reader().snapshot();
    const texts = async (ids: readonly PaperId[]) =>
      ids.map((id) => {
        const p = index.papers.get(id);
        return p ? { title: p.title, abstract: p.abstract ?? '' } : undefined;
      });
    return async (q, k) => (await search(snap, q, { limit: k, texts })).hits.map((h) => h.id);
  },
};

const minisearch: SearchAdapter = {
  name: 'MiniSearch',
  config: 'prefix, fuzzy 0.2, title ×2',
  build(papers) {
    const m = new MiniSearch<Doc>({ fields: ['title', 'authors', 'abstract'] });
    m.addAll(docsOf(papers));
    return (q, k) =>
      m
        .search(q, { prefix: true, fuzzy: 0.2, boost: { title: 2 } })
        .slice(0, k)
        .map((r) => String(r.id));
  },
};

const flexsearch: SearchAdapter = {
  name: 'FlexSearch',
  config: 'title+authors forward, abstract strict, suggest, merged',
  build(papers) {
    const d = new Document<Doc>({
      document: {
        id: 'id',
        index: [
          { field: 'title', tokenize: 'forward' },
          { field: 'authors', tokenize: 'forward' },
          { field: 'abstract', tokenize: 'strict' },
        ],
      },
    });
    for (const doc of docsOf(papers)) d.add(doc);
    return (q, k) => {
      const r = d.search(q, { limit: k, suggest: true, merge: true }) as unknown as { id: string }[];
      return r.slice(0, k).map((x) => String(x.id));
    };
  },
};

const orama: SearchAdapter = {
  name: 'Orama',
  config: 'tolerance 1, title ×2',
  async build(papers) {
    const db = create({ schema: { id: 'string', title: 'string', authors: 'string', abstract: 'string' } as const });
    await insertMultiple(db, docsOf(papers), 1000);
    return async (q, k) => {
      const r = await oramaSearch(db, {
        term: q,
        properties: ['title', 'authors', 'abstract'],
        tolerance: 1,
        boost: { title: 2 },
        limit: k,
      });
      return r.hits.map((h) => String(h.document.id));
    };
  },
};

const fuse: SearchAdapter = {
  name: 'Fuse.js',
  config: 'title ×2, authors, title+authors; extended search, threshold 0.3',
  build(papers) {
    const docs = docsOf(papers).map((d) => ({ ...d, both: `${d.title} ${d.authors}` }));
    const f = new Fuse(docs, {
      keys: [{ name: 'title', weight: 2 }, 'authors', 'both'],
      threshold: 0.3,
      ignoreLocation: true,
      useExtendedSearch: true,
    });
    return (q, k) => f.search(q, { limit: k }).map((r) => r.item.id);
  },
};

export const ADAPTERS: readonly SearchAdapter[] = [paperlens, minisearch, flexsearch, orama, fuse];

export interface QualityRow {
  readonly engine: string;
  readonly config: string;
  readonly buildMs: number;
  readonly board: ReturnType<typeof scoreboard>;
}

export interface QualityResult {
  readonly corpus: string;
  readonly papers: number;
  readonly queries: number;
  readonly rows: QualityRow[];
  /** Queries Paperlens does not rank first where some peer ranks the target higher (both splits), for reading. */
  readonly losses: { kind: string; split: string; text: string; target: string; ours: number; best: string }[];
}

const now = () => performance.now();

/** Runs every adapter over the same queries (one untimed pass first, as the popup searches warm). */
export async function qualityBench(
  corpus: string,
  papers: readonly Paper[],
  adapters: readonly SearchAdapter[] = ADAPTERS,
): Promise<QualityResult> {
  const queries = knownItemQueries(papers);
  const rows: QualityRow[] = [];
  const outcomes = new Map<string, QueryOutcome[]>();
  for (const a of adapters) {
    const t = now();
    const searcher = await a.build(papers);
    const buildMs = now() - t;
    await runQueries(searcher, queries.slice(0, 20), now);
    const out = await runQueries(searcher, queries, now);
    outcomes.set(a.name, out);
    rows.push({ engine: a.name, config: a.config, buildMs, board: scoreboard(out) });
    console.log(`  quality ${corpus}: ${a.name} done (build ${(buildMs / 1000).toFixed(1)} s)`);
  }
  return { corpus, papers: papers.length, queries: queries.length, rows, losses: losses(queries, outcomes) };
}

function losses(
  queries: readonly KnownItemQuery[],
  outcomes: ReadonlyMap<string, QueryOutcome[]>,
): QualityResult['losses'] {
  const ours = outcomes.get(paperlens.name) ?? [];
  const out: QualityResult['losses'] = [];
  queries.forEach((q, i) => {
    const mine = ours[i]?.rank ?? 0;
    if (mine === 1) return;
    const better = [...outcomes].filter(
      ([name, o]) => name !== paperlens.name && (o[i]?.rank ?? 0) > 0 && (mine === 0 || (o[i]?.rank ?? 0) < mine),
    );
    if (better.length === 0) return;
    out.push({
      kind: q.kind,
      split: q.split,
      text: q.text,
      target: q.target,
      ours: mine,
      best: better.map(([name, o]) => `${name} ${o[i]?.rank}`).join(', '),
    });
  });
  return out;
}

const f2 = (x: number) => x.toFixed(2);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

/** The table: per engine, MRR@10 / recall@10 per class (both splits), overall on each split, latency. */
export function printQuality(r: QualityResult): void {
  console.log(`\nSearch quality, ${r.corpus}: ${r.papers} papers, ${r.queries} known-item queries`);
  const n = r.rows[0]?.board;
  const counts = QUERY_KINDS.map((k) => `${k} ${n?.[k].all.n ?? 0}`).join(', ');
  console.log(`(${counts}; tune ${n?.all.tune.n ?? 0} / test ${n?.all.test.n ?? 0}). MRR@10 / recall@10:\n`);
  console.log(
    `| engine | ${QUERY_KINDS.join(' | ')} | all (tune) | all (test) | all | q p50 / p95 ms | build s | config |`,
  );
  console.log(`| --- | ${QUERY_KINDS.map(() => '---:').join(' | ')} | ---: | ---: | ---: | ---: | ---: | --- |`);
  const cell = (s: Summary) => (s.n === 0 ? '–' : `${f2(s.mrr)} / ${f2(s.recall)}`);
  for (const row of r.rows) {
    const b = row.board;
    console.log(
      `| ${row.engine} | ${QUERY_KINDS.map((k) => cell(b[k].all)).join(' | ')} | ${cell(b.all.tune)} | ${cell(b.all.test)} | ${cell(b.all.all)} | ${ms(b.all.all.p50Ms)} / ${ms(b.all.all.p95Ms)} | ${(row.buildMs / 1000).toFixed(1)} | ${row.config} |`,
    );
  }
  console.log('\nTest split only (queries never looked at while tuning), MRR@10 / recall@10:\n');
  console.log(`| engine | ${QUERY_KINDS.join(' | ')} | all |`);
  console.log(`| --- | ${QUERY_KINDS.map(() => '---:').join(' | ')} | ---: |`);
  for (const row of r.rows)
    console.log(
      `| ${row.engine} | ${QUERY_KINDS.map((k) => cell(row.board[k].test)).join(' | ')} | ${cell(row.board.all.test)} |`,
    );
}
