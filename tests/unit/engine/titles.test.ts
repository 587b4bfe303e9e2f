import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../../src/core/paper';
import { normaliseTitle, stripTex } from '../../../src/engine/normalize';
import { TitleIndex } from '../../../src/engine/titles';
import { bundledPapers } from './corpus';

const papers = bundledPapers();
const index = new TitleIndex(papers);
const id = (s: string) => s as PaperId;

describe('normaliseTitle', () => {
  it('folds case, punctuation, diacritics, ligatures, quotes and dashes', () => {
    expect(normaliseTitle('Feature‐Learning Networks — “Consistent”')).toBe('feature learning networks consistent');
    expect(normaliseTitle('Eﬃcient Raventós')).toBe('efficient raventos');
    expect(normaliseTitle('Neural Networks’ Implicit Priors')).toBe(normaliseTitle("Neural Networks' Implicit Priors"));
    expect(normaliseTitle('ＦＵＬＬＷＩＤＴＨ  text\n\twrapped')).toBe('fullwidth text wrapped');
  });
  it('reads TeX and math the way the rendered title reads', () => {
    expect(normaliseTitle('Tuning $\\mu$P at scale')).toBe(normaliseTitle('Tuning μP at scale'));
    expect(normaliseTitle('Tuning μP at scale')).toBe(normaliseTitle('Tuning muP at scale'));
    expect(normaliseTitle('\\emph{Deep} nets with $\\mathcal{O}(n)$ cost')).toBe('deep nets with o n cost');
    expect(normaliseTitle('Bal\\\'azs and Schr\\"{o}dinger')).toBe('balazs and schrodinger');
    expect(stripTex('plain title')).toBe('plain title');
  });
  it('is idempotent and yields only lower-case words and single spaces (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const k = normaliseTitle(s);
        expect(normaliseTitle(k)).toBe(k);
        expect(k).not.toMatch(/\s{2}|^\s|\s$/);
        expect(k).toBe(k.toLowerCase());
      }),
    );
  });
  it('ignores case and spacing changes of any title (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...papers.map((p) => p.title)), fc.boolean(), (t, upper) => {
        const variant = (upper ? t.toUpperCase() : t.toLowerCase()).replace(/ /g, '  ');
        expect(normaliseTitle(variant)).toBe(normaliseTitle(t));
      }),
    );
  });
});

describe('TitleIndex', () => {
  it('finds every bundled title exactly, whatever its case', () => {
    for (const p of papers) {
      expect(index.match(p.title)).toEqual({ id: p.id, confidence: 1, kind: 'exact' });
      expect(index.match(p.title.toUpperCase())?.id).toBe(p.id);
    }
  });
  it('accepts near-identical titles with a lower confidence', () => {
    const oneWord = index.match('A Solvable Model of Neural Scaling Law');
    expect(oneWord).toMatchObject({ id: '2210.16859', kind: 'fuzzy' });
    expect(oneWord?.confidence).toBeLessThan(1);
    expect(index.match('a dynamical model of neural scalling laws')?.id).toBe('2402.01092');
  });
  it('accepts a title truncated with an ellipsis, as Google Scholar prints it', () => {
    expect(index.match('Pretraining task diversity and the emergence of non-Bayesian in-context…')?.id).toBe(
      '2306.15063',
    );
    expect(index.match('Is Model Collapse Inevitable? Breaking the Curse of Recursion by...')?.id).toBe('2404.01413');
  });
  it('accepts the main title without its subtitle, and with one added', () => {
    expect(index.match('Is Model Collapse Inevitable?')?.id).toBe('2404.01413');
    expect(index.match('Holistic Evaluation of Language Models: the full report')?.id).toBe('2211.09110');
  });
  it('does not claim short generic strings or titles that merely share words', () => {
    const tiny = new TitleIndex([...papers, { id: id('1234.56789'), title: 'Deep Learning' }]);
    for (const s of [
      'Introduction',
      'Deep Learning',
      'Neural Scaling Laws',
      'Related work',
      'Scaling Laws for Neural Language Models',
      'A Solvable Model of Ising Magnets',
      'Learning',
    ]) {
      expect(tiny.match(s), s).toBeUndefined();
    }
  });
  it('scans many candidates at once, in order, matching duplicates', () => {
    const hits = index.scan([
      'Introduction',
      papers[0]?.title ?? '',
      'Deep Learning',
      papers[1]?.title ?? '',
      papers[0]?.title ?? '',
    ]);
    expect(hits.map((h) => [h.index, h.id])).toEqual([
      [1, papers[0]?.id],
      [3, papers[1]?.id],
      [4, papers[0]?.id],
    ]);
  });
});
