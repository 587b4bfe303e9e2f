import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper, PaperId } from '../../../src/core/paper';
import { prng } from '../../../src/corpus/synth';
import { normaliseTitle, STOP_WORDS } from '../../../src/engine/normalize';
import {
  contentWords,
  knownItemQueries,
  type QueryOutcome,
  runQueries,
  scoreboard,
  splitOf,
  summarise,
  typo,
} from '../../../src/engine/quality';
import { bundledPapers } from './corpus';

const papers = bundledPapers();
const queries = knownItemQueries(papers, { targets: 40, authorTargets: 30 });
const byId = new Map(papers.map((p) => [p.id as string, p]));
const titleWords = (id: string) => normaliseTitle(byId.get(id)?.title ?? '').split(' ');

/** Optimal string alignment distance: Levenshtein plus adjacent swaps (a typist's one slip). */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  return (d[a.length] as number[])[b.length] ?? 0;
}

describe('known-item queries', () => {
  it('makes a words, a typo and a prefix query per target, and author queries', () => {
    const count = (k: string) => queries.filter((q) => q.kind === k).length;
    expect(count('words')).toBe(40);
    expect(count('typo')).toBe(40);
    expect(count('prefix')).toBe(40);
    expect(count('author')).toBe(30);
  });
  it('takes 2 or 3 content words that the target title really contains, in title order', () => {
    for (const q of queries.filter((x) => x.kind === 'words')) {
      const ws = q.text.split(' ');
      expect(ws.length).toBeGreaterThanOrEqual(2);
      expect(ws.length).toBeLessThanOrEqual(3);
      const title = titleWords(q.target);
      const at = ws.map((w) => title.indexOf(w));
      expect(
        at.every((i) => i >= 0),
        `${q.text} in ${byId.get(q.target)?.title}`,
      ).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      for (const w of ws) expect(STOP_WORDS.has(w)).toBe(false);
    }
  });
  it('puts one real typing error in each word of 4+ letters, never in the first letter', () => {
    const words = queries.filter((q) => q.kind === 'words');
    const typos = queries.filter((q) => q.kind === 'typo');
    let edited = 0;
    typos.forEach((q, i) => {
      const plain = words[i]?.text.split(' ') ?? [];
      const typed = q.text.split(' ');
      expect(words[i]?.target).toBe(q.target);
      expect(typed).toHaveLength(plain.length);
      plain.forEach((w, j) => {
        const t = typed[j] ?? '';
        if (/^[a-z]{4,}$/.test(w)) {
          expect(t).not.toBe(w);
          expect(osa(w, t), `${w} → ${t}`).toBe(1);
          expect(t[0]).toBe(w[0]);
          edited++;
        } else expect(t).toBe(w);
      });
    });
    expect(edited).toBeGreaterThan(typos.length);
  });
  it('cuts the last word to a proper prefix of 2+ letters, as typed mid-word', () => {
    const words = queries.filter((q) => q.kind === 'words');
    queries
      .filter((q) => q.kind === 'prefix')
      .forEach((q, i) => {
        const plain = words[i]?.text.split(' ') ?? [];
        const typed = q.text.split(' ');
        expect(typed.slice(0, -1)).toEqual(plain.slice(0, -1));
        const last = plain.at(-1) ?? '';
        const cut = typed.at(-1) ?? '';
        expect(cut.length).toBeGreaterThanOrEqual(2);
        expect(cut.length).toBeLessThan(last.length);
        expect(last.startsWith(cut)).toBe(true);
      });
  });
  it('makes author queries of a real author’s surname and a word of that paper’s title', () => {
    for (const q of queries.filter((x) => x.kind === 'author')) {
      const [surname, word] = q.text.split(' ');
      const p = byId.get(q.target) as Paper;
      expect(
        p.authors.some((a) => normaliseTitle(a.name).split(' ').at(-1) === surname),
        q.text,
      ).toBe(true);
      expect(titleWords(q.target)).toContain(word);
    }
  });
  it('is deterministic for a seed and differs between seeds', () => {
    expect(knownItemQueries(papers, { targets: 40, authorTargets: 30 })).toEqual(queries);
    expect(knownItemQueries(papers, { targets: 40, authorTargets: 30, seed: 99 })).not.toEqual(queries);
  });
  it('splits by paper, so every query of one target is in the same split, and both splits are used', () => {
    for (const q of queries) expect(q.split).toBe(splitOf(q.target));
    const test = papers.filter((p) => splitOf(p.id) === 'test').length;
    expect(test).toBeGreaterThan(papers.length * 0.25);
    expect(test).toBeLessThan(papers.length * 0.75);
  });
  it('counts a paper with the same title as the target as found', () => {
    const twin = { ...(papers[0] as Paper), id: '2501.99999' as PaperId };
    const qs = knownItemQueries([...papers, twin], { targets: 49, authorTargets: 0 });
    const q = qs.find((x) => x.target === twin.id || x.target === papers[0]?.id);
    expect(q?.relevant).toEqual(expect.arrayContaining([twin.id, papers[0]?.id]));
  });
});

describe('typo', () => {
  it('is always one edit away, keeps the first letter, and differs (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{2,14}$/), fc.integer(), (w, seed) => {
        const t = typo(w, prng(seed));
        expect(t).not.toBe(w);
        expect(osa(w, t)).toBe(1);
        expect(t[0]).toBe(w[0]);
      }),
    );
  });
  it('finds content words as a user would type them', () => {
    expect(contentWords('On the $\\mu$P of Scaling Laws: A Study of Scaling')).toEqual(['mup', 'scaling', 'laws']);
  });
});

describe('metrics', () => {
  const q = (kind: 'words' | 'typo', split: 'tune' | 'test') =>
    ({ kind, text: 'x', target: 'a' as PaperId, relevant: ['a' as PaperId], split }) as const;
  it('ranks the first relevant paper and times each query', async () => {
    let t = 0;
    const clock = () => (t += 5);
    const out = await runQueries((text) => (text === 'x' ? ['b', 'a', 'c'] : []), [q('words', 'tune')], clock);
    expect(out[0]?.rank).toBe(2);
    expect(out[0]?.ms).toBe(5);
  });
  it('gives MRR and recall at k, per class and split', () => {
    const o = (rank: number, kind: 'words' | 'typo', split: 'tune' | 'test'): QueryOutcome => ({
      query: q(kind, split),
      rank,
      ms: rank,
      top: [],
    });
    const outcomes = [o(1, 'words', 'tune'), o(2, 'words', 'test'), o(0, 'typo', 'test'), o(4, 'typo', 'tune')];
    expect(summarise(outcomes).mrr).toBeCloseTo((1 + 0.5 + 0 + 0.25) / 4);
    expect(summarise(outcomes).recall).toBeCloseTo(0.75);
    const b = scoreboard(outcomes);
    expect(b.words.all.mrr).toBeCloseTo(0.75);
    expect(b.typo.test.recall).toBe(0);
    expect(b.all.tune.n).toBe(2);
    expect(b.author.all.n).toBe(0);
  });
});
