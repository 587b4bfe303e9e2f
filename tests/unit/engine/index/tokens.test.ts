import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import corpus from '../../../../data/corpus.json';
import { searchTerms, titleWords } from '../../../../src/engine/index/tokens';
import { normaliseTitle, terms, words } from '../../../../src/engine/normalize';

const SAMPLE = '../shared/samples/arxiv-2024-03-title-abstract.jsonl';

describe('indexing tokens', () => {
  // Letters, digits, the apostrophes the reference joins on, separators, and some non-ASCII and TeX so that
  // the fallback to the reference is exercised too.
  const alphabet = fc.constantFrom(..."aAbBzZeEsS019'`’ -_.,:;()[]{}/\\$ééßµ\t\n".split(''));
  const text = fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join(''));

  it('gives exactly the reference search terms for any text', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(searchTerms(s)).toEqual(terms(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives exactly the reference title words for any text', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(titleWords(s)).toEqual(words(normaliseTitle(s)));
      }),
      { numRuns: 5000 },
    );
  });

  it('joins an apostrophe between letters once, as the reference does ("a\'b\'c" → "ab c")', () => {
    expect(titleWords("a'b'c")).toEqual(['ab', 'c']);
    expect(titleWords("Networks' Laws")).toEqual(['networks', 'laws']);
    expect(titleWords("O'Brien's")).toEqual(['obriens']);
  });

  it('agrees with the reference on every bundled paper', () => {
    for (const p of corpus.papers as { title: string; abstract?: string }[]) {
      expect(searchTerms(p.title)).toEqual(terms(p.title));
      expect(searchTerms(p.abstract ?? '')).toEqual(terms(p.abstract ?? ''));
    }
  });

  it.skipIf(!existsSync(SAMPLE))('agrees with the reference on the 5,637 real titles and abstracts', () => {
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(5000);
    for (const l of lines) {
      const r = JSON.parse(l) as { title: string; abstract: string };
      expect(searchTerms(r.title)).toEqual(terms(r.title));
      expect(searchTerms(r.abstract)).toEqual(terms(r.abstract));
      expect(titleWords(r.title)).toEqual(words(normaliseTitle(r.title)));
    }
  });
});
