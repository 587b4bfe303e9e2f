import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper';
import { openDatabase } from '../../../src/db/database';
import {
  ArxivUnreachable,
  categoryQueryUrl,
  type FetchText,
  idListUrls,
  lackingMetadata,
  planUpdate,
  runUpdate,
} from '../../../src/options/arxiv';
import { arxivResponseStore } from '../../../src/options/arxiv-store';
import { type Clock, RateLimiter } from '../../../src/options/rate-limit';

const feed = (name: string) => readFileSync(new URL(`../../fixtures/feeds/arxiv-api/${name}`, import.meta.url), 'utf8');

function fakeClock(): Clock & { sleeps: number[] } {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** Answers from the recorded responses and remembers what was asked. */
function recorded(asked: string[]): FetchText {
  return async (url) => {
    asked.push(url);
    const q = new URL(url).searchParams;
    if (q.get('search_query')?.startsWith('cat:')) return { status: 200, text: feed('cat_cs.LG.xml') };
    if (q.has('id_list')) return { status: 200, text: feed('id_list.xml') };
    return { status: 400, text: feed('error.xml') };
  };
}

const learned = (arxivId: string, abstract = ''): Paper =>
  ({
    id: arxivId,
    arxivId,
    title: `Paper ${arxivId}`,
    authors: [],
    abstract,
    provenance: [{ kind: 'learned', url: 'https://arxiv.org/list/cs.LG/new', at: '2026-11-20T00:00:00Z' }],
  }) as unknown as Paper;

describe('planning arXiv requests', () => {
  it('asks for all chosen categories in one query, newest first', () => {
    const url = new URL(categoryQueryUrl(['cs.LG', 'stat.ML']));
    expect(url.origin + url.pathname).toBe('https://export.arxiv.org/api/query');
    expect(url.searchParams.get('search_query')).toBe('cat:cs.LG OR cat:stat.ML');
    expect(url.searchParams.get('sortBy')).toBe('submittedDate');
    expect(url.searchParams.get('sortOrder')).toBe('descending');
  });

  it('refuses something that is not a category instead of sending it', () => {
    expect(() => categoryQueryUrl(['cs.LG', 'all:"my secret"'])).toThrow(/not arXiv categories/);
  });

  it('asks for missing metadata 100 ids at a time', () => {
    const ids = Array.from({ length: 230 }, (_, i) => `2611.${String(i).padStart(5, '0')}`);
    const urls = idListUrls(ids);
    expect(urls).toHaveLength(3);
    expect(urls.map((u) => new URL(u).searchParams.get('id_list')?.split(',').length)).toEqual([100, 100, 30]);
  });

  it('completes only papers glimpsed on pages: learned, with an arXiv id and no abstract', () => {
    const imported = { ...learned('2611.00003'), provenance: [{ kind: 'bundled', corpusVersion: '1' }] };
    expect(
      lackingMetadata([learned('2611.00001'), learned('2611.00002', 'has one'), imported as unknown as Paper]),
    ).toEqual(['2611.00001']);
  });

  it('makes no request at all when there is nothing to ask', () => {
    expect(planUpdate({ categories: [], missing: [] })).toEqual([]);
  });
});

describe('updating from arXiv (recorded responses)', () => {
  it('imports the newest papers and completes listed ones, 3 s apart', async () => {
    const db = await openDatabase({ factory: new IDBFactory() });
    const asked: string[] = [];
    const clock = fakeClock();
    const reports = await runUpdate(
      { categories: ['cs.LG'], missing: ['2611.04410', '2611.04411'] },
      {
        fetchText: recorded(asked),
        limiter: new RateLimiter(clock),
        store: arxivResponseStore(db, new Date('2026-11-23T10:00:00Z')),
      },
    );
    expect(asked).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
    expect(reports.map((r) => r.added)).toEqual([3, 2]);
    const p = await db.get('papers', '2611.09003');
    expect(p?.authors.map((a) => a.name)).toEqual(['Rafael Quintero', 'Ada Nwosu', 'Li Wei']);
    expect((await db.getAll('imports')).map((r) => r.state)).toEqual(['done', 'done']);
  });

  it('says clearly that it is offline, and asks nothing', async () => {
    const asked: string[] = [];
    await expect(
      runUpdate(
        { categories: ['cs.LG'], missing: [] },
        {
          fetchText: recorded(asked),
          limiter: new RateLimiter(fakeClock()),
          store: async () => {
            throw new Error('not reached');
          },
          online: () => false,
        },
      ),
    ).rejects.toThrow(/offline/);
    expect(asked).toEqual([]);
  });

  it('turns a network failure into "could not be reached", and a 503 into "slow down"', async () => {
    const base = { limiter: new RateLimiter(fakeClock()), store: async () => ({}) as never };
    const failing: FetchText = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(runUpdate({ categories: ['cs.LG'], missing: [] }, { ...base, fetchText: failing })).rejects.toThrow(
      ArxivUnreachable,
    );
    const busy: FetchText = async () => ({ status: 503, text: '' });
    await expect(
      runUpdate(
        { categories: ['cs.LG'], missing: [] },
        { ...base, limiter: new RateLimiter(fakeClock()), fetchText: busy },
      ),
    ).rejects.toThrow(/slow down/);
  });

  it("reports arXiv's error feed as an error", async () => {
    const db = await openDatabase({ factory: new IDBFactory() });
    const errorFeed: FetchText = async () => ({ status: 200, text: feed('error.xml') });
    await expect(
      runUpdate(
        { categories: [], missing: ['2611.x'] },
        { fetchText: errorFeed, limiter: new RateLimiter(fakeClock()), store: arxivResponseStore(db, new Date()) },
      ),
    ).rejects.toThrow(/incorrect id format/);
  });
});
