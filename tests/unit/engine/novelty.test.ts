/**
 * Novelty, explained: constructed corpora in a real index (fake-indexeddb, the engine's commits), where
 * which words earlier papers use is known by construction, and properties that must hold whatever the
 * corpus: a later paper changes nothing, an earlier paper can only make a paper less new.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import type { Paper, PaperId } from '../../../src/core/paper';
import { type Database, openDatabase } from '../../../src/db/database';
import { putPapers } from '../../../src/db/papers';
import { docOfId } from '../../../src/engine/index/docs';
import {
  aiShare,
  type Novelty,
  noveltyDistribution,
  noveltyOf,
  noveltySource,
  submittedKey,
} from '../../../src/engine/novelty';

let db: Database;
let engine: EngineService;

beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory() });
  engine = new EngineService(async () => db);
});

const paper = (id: string, title: string, abstract = '', categories = ['cs.LG']): Paper => ({
  id: id as PaperId,
  arxivId: id as Paper['arxivId'] & string,
  title,
  abstract,
  authors: [{ name: 'A. Author', key: 'author|a' }],
  categories,
  provenance: [{ kind: 'bundled', corpusVersion: 't' }],
});

async function put(...papers: Paper[]) {
  await putPapers(db, papers);
  engine.invalidate();
}

/** Loose enough for a handful of papers: the rule's thresholds are tested on their own below. */
const SMALL = { minEarlier: 2, minWords: 3, commonShare: 0.6 };

const judge = async (p: Paper, options: Partial<typeof SMALL> = SMALL) =>
  noveltyOf(
    { id: p.id, title: p.title, abstract: p.abstract ?? '', categories: p.categories ?? [] },
    noveltySource(await engine.snapshot()),
    options,
  );

const scored = (n: Novelty) => {
  if (n.status !== 'scored') throw new Error(`withheld: ${n.reason}`);
  return n;
};

const target = paper('2301.00010', 'Quokka gradient telescopes', 'Quokka telescopes and gradient flows with wombats.');

describe('novelty of a paper against earlier corpus papers', () => {
  it('words used only by the paper or by later papers are new; a shared word names its earliest earlier paper', async () => {
    await put(
      paper('2001.00001', 'Gradient flows in shallow networks', 'We study gradient flows.'),
      paper('2105.00002', 'Wombats and gradient flows', 'Wombats follow gradient flows.'),
      paper('2201.00003', 'Shallow networks again', 'Networks, shallow ones.'),
      paper('2401.00004', 'Telescopes for everyone', 'Telescopes, later than the target.'),
      target,
    );
    const n = scored(await judge(target));
    const novel = n.novel.map((w) => w.word).sort();
    const shared = Object.fromEntries(
      n.shared.map((s) => [s.word, docOfId('2001.00001') === s.first ? '2001' : s.first]),
    );
    expect(novel).toEqual(['quokka', 'telescopes']);
    expect(Object.keys(shared).sort()).toEqual(['flows', 'gradient', 'wombats']);
    // "gradient" is in two earlier papers: the earliest is named.
    expect(shared.gradient).toBe('2001');
    expect(n.shared.find((s) => s.word === 'wombats')?.first).toBe(docOfId('2105.00002'));
    expect(n.share).toBeCloseTo(2 / 5);
    expect(n.distinctive).toBe(5);
    expect(n.earlier).toBe(3);
    expect(n.earlierInCategory).toBe(3);
  });

  it('a later paper changes nothing; an earlier one can only make the paper less new', async () => {
    await put(
      paper('2001.00001', 'Gradient flows in shallow networks', 'We study gradient flows.'),
      paper('2002.00002', 'Shallow networks', 'Networks.'),
      target,
    );
    const first = scored(await judge(target));
    await put(paper('2405.00009', 'Quokka telescopes everywhere', 'Quokka telescopes and wombats, much later.'));
    const later = scored(await judge(target));
    expect(later.novel.map((w) => w.term)).toEqual(first.novel.map((w) => w.term));
    expect(later.earlier).toBe(first.earlier);
    await put(paper('2203.00005', 'Quokka studies', 'Quokka populations.'));
    const earlier = scored(await judge(target));
    expect(earlier.share).toBeLessThan(first.share);
    expect(earlier.shared.find((s) => s.word.startsWith('quokka'))?.first).toBe(docOfId('2203.00005'));
    for (const w of earlier.novel) expect(first.novel.map((x) => x.term)).toContain(w.term);
  });

  it('common words are not distinctive: a word in most of the corpus never counts either way', async () => {
    const common = 'networks';
    await put(
      paper('2001.00001', `Gradient ${common}`, ''),
      paper('2002.00002', `Shallow ${common}`, ''),
      paper('2003.00003', `Deep ${common}`, ''),
      paper('2301.00010', `Quokka telescopes wombats ${common}`, ''),
    );
    const n = scored(
      await judge(paper('2301.00010', `Quokka telescopes wombats ${common}`, ''), { ...SMALL, commonShare: 0.5 }),
    );
    expect([...n.novel, ...n.shared].map((w) => w.word)).not.toContain(common);
    expect(n.share).toBe(1);
  });

  it('a paper not in the corpus (seen on a page) is judged the same way', async () => {
    await put(
      paper('2001.00001', 'Gradient flows in shallow networks', 'We study gradient flows.'),
      paper('2105.00002', 'Wombats and gradient flows', 'Wombats follow gradient flows.'),
    );
    const n = scored(await judge(target));
    expect(n.novel.map((w) => w.word).sort()).toEqual(['quokka', 'telescopes']);
  });
});

describe('novelty withheld', () => {
  it('on a corpus with too few earlier papers in its categories, saying how many there are', async () => {
    await put(
      paper('2001.00001', 'Gradient flows', '', ['cs.LG']),
      paper('2002.00002', 'Wombat physics', '', ['physics.pop-ph']),
      target,
    );
    const n = await judge(target, { ...SMALL, minEarlier: 2 });
    expect(n.status).toBe('withheld');
    expect(n.earlier).toBe(1);
    expect(n.status === 'withheld' && n.reason).toMatch(
      /Only 1 corpus paper in cs\.LG \(its primary category\) is dated before this one.*at least 2/,
    );
  });

  it('by default on a tiny corpus (fewer than 100 earlier papers)', async () => {
    await put(paper('2001.00001', 'Gradient flows', ''), target);
    const n = await judge(target, {});
    expect(n.status).toBe('withheld');
    expect(n.status === 'withheld' && n.reason).toMatch(/at least 100/);
  });

  it('for a paper Paperlens cannot date (no arXiv id)', async () => {
    const n = await noveltyOf(
      { id: 'title:abc123', title: 'Quokka telescopes' },
      noveltySource(await engine.snapshot()),
    );
    expect(n.status === 'withheld' && n.reason).toMatch(/arXiv identifier/);
  });

  it('for a paper with too few distinctive words', async () => {
    await put(paper('2001.00001', 'Gradient flows', ''), paper('2002.00002', 'Shallow nets', ''));
    const n = await judge(paper('2301.00010', 'Quokka', ''), { ...SMALL, minWords: 3 });
    expect(n.status === 'withheld' && n.reason).toMatch(/1 word .*at least 3/);
  });
});

describe('dating papers by their arXiv identifiers', () => {
  const key = (id: string) => submittedKey(docOfId(id) ?? -1);
  it('orders months, sequence numbers within a month, and old-style ids before new ones', () => {
    const order = [
      'hep-th/9108001',
      'hep-th/9901001',
      'math/0612001',
      'hep-th/0701002',
      '0704.0001',
      '0704.0002',
      '1412.9999',
      '1501.00001',
      '2401.12345',
    ];
    const keys = order.map(key);
    for (const k of keys) expect(k).toBeDefined();
    expect([...keys].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(keys);
  });
  it('gives no date to allocated numbers (papers without an arXiv id)', () => {
    expect(submittedKey(2 ** 31 + 5)).toBeUndefined();
  });
});

describe('an author’s novelty and Paperlens’s AI score', () => {
  const s = (share: number): Novelty => ({
    status: 'scored',
    share,
    distinctive: 10,
    novel: [],
    shared: [],
    earlier: 200,
    earlierInCategory: 200,
  });
  const w: Novelty = { status: 'withheld', reason: 'r', earlier: 0 };
  it('counts papers per fifth of the share, the withheld apart, with the median of the scored', () => {
    expect(noveltyDistribution([s(0), s(0.19), s(0.2), s(0.5), s(1), w])).toEqual({
      buckets: [2, 1, 1, 0, 1],
      withheld: 1,
      median: 0.2,
    });
    expect(noveltyDistribution([w, w])).toEqual({ buckets: [0, 0, 0, 0, 0], withheld: 2 });
  });
  it('the AI score is the share of papers in an AI or ML category', () => {
    expect(
      aiShare([{ categories: ['cs.LG'] }, { categories: ['hep-th', 'stat.ML'] }, { categories: ['hep-th'] }, {}]),
    ).toBe(0.5);
    expect(aiShare([])).toBeUndefined();
  });
});

describe('one source for many papers (the author view)', () => {
  it('answers each paper as a fresh source would, however many it is asked about', async () => {
    const papers = [
      paper('2001.00001', 'Gradient flows in shallow networks', 'We study gradient flows.'),
      paper('2105.00002', 'Wombats and gradient flows', 'Wombats follow gradient flows.'),
      paper('2201.00003', 'Shallow networks again', 'Networks, shallow ones.'),
      target,
    ];
    await put(...papers);
    const shared = noveltySource(await engine.snapshot());
    const input = (p: Paper) => ({
      id: p.id,
      title: p.title,
      abstract: p.abstract ?? '',
      categories: p.categories ?? [],
    });
    const once: Novelty[] = [];
    for (const p of papers) once.push(await noveltyOf(input(p), shared, SMALL));
    const fresh: Novelty[] = [];
    for (const p of papers) fresh.push(await noveltyOf(input(p), noveltySource(await engine.snapshot()), SMALL));
    expect(once).toEqual(fresh);
    expect(once.map((n) => n.earlier)).toEqual([0, 1, 2, 3]);
  });
});

describe('counting earlier papers from the index', () => {
  it('counts old-style ids as earlier than new-style ones, leaves undated papers out, and a rewritten paper once', async () => {
    const undated: Paper = { ...paper('2001.00009', 'A paper without an arXiv id'), id: 'title:x1y2' as PaperId };
    delete (undated as { arxivId?: unknown }).arxivId;
    await put(
      paper('2001.00001', 'Gradient flows', '', ['cs.LG']),
      paper('hep-th/9901001', 'Strings in 1999', '', ['hep-th']),
      undated,
      paper('2101.00002', 'Shallow nets', '', ['cs.LG']),
    );
    // Rewritten with a new title: its old entry is deleted from the first segment, the new one is in another.
    await put(paper('2101.00002', 'Shallow nets, revised', '', ['cs.LG']));
    const source = noveltySource(await engine.snapshot());
    const doc = (id: string) => docOfId(id) ?? -1;
    expect(await source.countBefore(doc('2301.00010'))).toBe(3);
    expect(await source.countWithBefore('!c:cs.LG', doc('2301.00010'))).toBe(2);
    expect(await source.countWithBefore('!c:cs.LG', doc('2101.00002'))).toBe(1);
    expect(await source.countBefore(doc('hep-th/0001001'))).toBe(1);
    expect(await source.countWithBefore('!c:hep-th', doc('hep-th/9812001'))).toBe(0);
  });
});
