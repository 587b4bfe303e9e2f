/**
 * The head of a ranking without sorting every candidate: for any candidates (ties in score, segment and
 * doc included) and any k, `topCandidates` answers what a full sort then a cut would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, topCandidates } from '../../../../src/engine/index/query';

const candidate = fc.record({
  seg: fc.integer({ min: 0, max: 3 }),
  local: fc.integer({ min: 0, max: 50 }),
  // Few distinct scores: ties at the cut are the hard case.
  score: fc.integer({ min: 0, max: 12 }).map((n) => n / 4),
  mask: fc.constant(1),
  raw: fc.constant(0),
});

const key = (c: Candidate) => `${c.score}/${c.seg}/${c.local}`;

describe('topCandidates', () => {
  it('is the first k of the full ranking, for any candidates and k', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (all, k) => {
        const bySort = [...all]
          .sort((a, b) => b.score - a.score || a.seg - b.seg || a.local - b.local)
          .slice(0, k)
          .map(key);
        expect(topCandidates([...all], k).map(key)).toEqual(bySort);
      }),
      { numRuns: 300 },
    );
  });

  it('takes the heap path on many candidates and still keeps every one above the cut', () => {
    const all: Candidate[] = Array.from({ length: 5000 }, (_, i) => ({
      seg: i % 7,
      local: i,
      score: (i * 7919) % 1000,
      mask: 1,
      raw: 0,
    }));
    const top = topCandidates([...all], 100);
    expect(top).toHaveLength(100);
    expect(top[0]?.score).toBe(999);
    expect(top.every((c) => c.score >= (top.at(-1)?.score ?? 0))).toBe(true);
    expect(new Set(top.map((c) => c.local)).size).toBe(100);
  });
});
