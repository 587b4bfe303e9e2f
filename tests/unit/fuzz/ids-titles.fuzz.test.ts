/**
 * Fuzzing ids, URLs, DOIs, author names and title normalisation: every input gives an answer (a parse
 * or undefined), never an exception, in bounded time; what parses is canonical.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorKey, foldName, splitName } from '../../../src/core/authors';
import { arxivIdFromUrl, findArxivIds, parseArxivId, parseDoi, titlePaperId } from '../../../src/core/ids';
import { isArxivId, isPaperId, validatePaper } from '../../../src/core/paper';
import { foldText, normaliseTitle, stripTex, terms } from '../../../src/engine/normalize';
import { hostileText, LARGE_RUNS, RUNS, timed } from './budget';

const arxivish = fc.oneof(
  hostileText(60),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99999 }),
      fc.option(fc.integer({ min: 0, max: 30 })),
    )
    .map(([a, b, v]) => `${String(a).padStart(4, '0')}.${b}${v === null ? '' : `v${v}`}`),
  fc
    .tuple(fc.constantFrom('hep-th', 'math.AG', 'cs', 'math.ag', 'x'), fc.integer({ min: 0, max: 9_999_999 }))
    .map(([a, n]) => `${a}/${String(n).padStart(7, '0')}`),
);

describe('arXiv ids under fuzzing', () => {
  it('parse to a canonical id or to nothing, never throw', () => {
    fc.assert(
      fc.property(arxivish, fc.constantFrom('', 'arXiv:', 'arxiv: ', '  '), (s, prefix) => {
        const p = timed(() => parseArxivId(prefix + s));
        if (p) {
          expect(isArxivId(p.id)).toBe(true);
          // Canonical: parsing the id again gives the same id.
          expect(parseArxivId(p.id)?.id).toBe(p.id);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('are found in free text only where a parse agrees', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(hostileText(40), arxivish), { maxLength: 20 }), (parts) => {
        const found = timed(() => findArxivIds(parts.join(' ')));
        for (const f of found) expect(isArxivId(f.id)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('come out of any URL as a valid id or nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), arxivish), (s) => {
        let url: URL;
        try {
          url = new URL(s.includes('://') ? s : `https://arxiv.org/abs/${s}`);
        } catch {
          return;
        }
        const p = timed(() => arxivIdFromUrl(url));
        if (p) expect(isArxivId(p.id)).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('DOIs parse or not, never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText(80),
          fc.string().map((s) => `10.${s}`),
        ),
        (s) => {
          const d = timed(() => parseDoi(s));
          if (d) expect(JSON.stringify(d)).toContain('10.');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a giant id-like string is rejected quickly', () => {
    fc.assert(
      fc.property(fc.constantFrom('1', '.', 'v', 'a/', '0'), fc.integer({ min: 50_000, max: 200_000 }), (c, n) => {
        expect(timed(() => parseArxivId(c.repeat(n)))).toBeUndefined();
        timed(() => findArxivIds(`${c.repeat(n)} 2101.00001`));
      }),
      { numRuns: LARGE_RUNS },
    );
  });
});

describe('titles and names under fuzzing', () => {
  it('normaliseTitle is idempotent and total on hostile text', () => {
    fc.assert(
      fc.property(hostileText(300), (s) => {
        const once = timed(() => normaliseTitle(s));
        expect(normaliseTitle(once)).toBe(once);
        expect(once).not.toMatch(/[<>"]/);
        expect(isPaperId(titlePaperId(once))).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('folding, TeX stripping and term splitting never throw and stay bounded', () => {
    fc.assert(
      fc.property(hostileText(400), (s) => {
        const folded = timed(() => foldText(s));
        expect(folded.length).toBeLessThanOrEqual(s.length * 4 + 10);
        timed(() => stripTex(s));
        for (const t of timed(() => terms(s))) expect(t).not.toBe('');
      }),
      { numRuns: RUNS },
    );
  });

  it('author names fold to a key without throwing', () => {
    fc.assert(
      fc.property(hostileText(120), (s) => {
        timed(() => foldName(s));
        timed(() => splitName(s));
        const key = timed(() => authorKey(s));
        expect(typeof key).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('giant titles (1 MB) normalise in bounded time', () => {
    fc.assert(
      fc.property(hostileText(40), fc.integer({ min: 10_000, max: 25_000 }), (unit, n) => {
        const big = (unit || 'x ').repeat(n).slice(0, 1_000_000);
        timed(() => normaliseTitle(big));
        timed(() => terms(big.slice(0, 200_000)));
      }),
      { numRuns: LARGE_RUNS },
    );
  });

  it('validatePaper answers any value with a result, never an exception', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (v) => {
        const r = timed(() => validatePaper(v));
        if (!r.ok) expect(r.error).toMatch(/^paper/);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
