import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorKey } from '../../../src/core/authors';
import type { AuthorStats } from '../../../src/core/paper';
import { buildAuthorProfiles, findAuthor } from '../../../src/engine/authors';
import { bundledPapers } from './corpus';

const papers = bundledPapers();

describe('author identity', () => {
  it('merges the name forms of one person', () => {
    const keys = ['Daniel A. Roberts', 'Daniel Roberts', 'D. A. Roberts', 'Roberts, Daniel A.', 'ROBERTS, D.'].map(
      authorKey,
    );
    expect(new Set(keys).size).toBe(1);
  });
  it('keeps apart different people sharing a surname', () => {
    expect(authorKey('Daniel Roberts')).not.toBe(authorKey('Blake Roberts'));
    expect(authorKey('Courtney Paquette')).not.toBe(authorKey('Elliot Paquette'));
  });
  it('folds diacritics, TeX accents and particles', () => {
    expect(authorKey('Allan Raventós')).toBe(authorKey('Allan Raventos'));
    expect(authorKey("C. Bal\\'azs")).toBe(authorKey('Csaba Balázs'));
    expect(authorKey('Jan van der Berg')).toBe(authorKey('van der Berg, J.'));
  });
  it('is the same for "Given Surname" and "Surname, Given" (property)', () => {
    const word = fc.stringMatching(/^[A-Z][a-z]{2,8}$/);
    fc.assert(
      fc.property(word, word, (given, surname) => {
        expect(authorKey(`${given} ${surname}`)).toBe(authorKey(`${surname}, ${given}`));
        expect(authorKey(`${given} ${surname}`)).toBe(authorKey(`${given[0]}. ${surname}`));
      }),
    );
  });
});

describe('author profiles', () => {
  const stats: AuthorStats[] = [
    { author: 'D. A. Roberts', hIndex: 20, citations: 5000, source: 'seed 000 (profile page)' },
  ];
  const profiles = buildAuthorProfiles(papers, { stats });

  it('collects papers, co-authors with counts, topics and years', () => {
    const p = findAuthor(profiles, 'Cengiz Pehlevan');
    const own = papers.filter((x) => x.authors.some((a) => a.key === 'pehlevan|c'));
    expect(new Set(p?.papers)).toEqual(new Set(own.map((x) => x.id)));
    const bordelon = p?.coauthors.find((c) => c.key === 'bordelon|b');
    expect(bordelon?.count).toBe(own.filter((x) => x.authors.some((a) => a.key === 'bordelon|b')).length);
    expect(p?.coauthors[0]?.count).toBeGreaterThanOrEqual(bordelon?.count ?? 0);
    expect(p?.topics.map((t) => t.id)).toContain('scaling-laws');
    const years = own.map((x) => Number(x.published?.slice(0, 4)));
    expect(p?.years).toEqual({ first: Math.min(...years), last: Math.max(...years) });
  });
  it('shows stats only where a source gave them, labelled with it', () => {
    expect(findAuthor(profiles, 'Daniel Roberts')?.stats).toMatchObject({
      hIndex: 20,
      label: 'as reported by seed 000 (profile page)',
    });
    expect(findAuthor(profiles, 'Cengiz Pehlevan')?.stats).toBeUndefined();
  });
  it('lists the name forms it merged, fullest first', () => {
    const profile = buildAuthorProfiles([
      { id: 'a' as never, title: 'x', authors: [{ name: 'D. Roberts', key: authorKey('D. Roberts') }], provenance: [] },
      {
        id: 'b' as never,
        title: 'y',
        authors: [{ name: 'Daniel A. Roberts', key: authorKey('Daniel A. Roberts') }],
        provenance: [],
      },
    ]).get('roberts|d');
    expect(profile?.name).toBe('Daniel A. Roberts');
    expect(profile?.nameForms).toEqual(['Daniel A. Roberts', 'D. Roberts']);
  });
});
