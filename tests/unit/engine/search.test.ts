import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper, PaperId } from '../../../src/core/paper';
import { highlight, snippet } from '../../../src/engine/highlight';
import { mayContainWord, normaliseTitle } from '../../../src/engine/normalize';
import { SearchIndex } from '../../../src/engine/search';
import { bundledPapers } from './corpus';

const papers = bundledPapers();
const byId = new Map(papers.map((p) => [p.id as string, p]));
const index = SearchIndex.build(papers);
const ids = (q: string, opts = {}) => index.search(q, { limit: 50, ...opts }).map((h) => h.id as string);
const titled = (re: RegExp) => papers.filter((p) => re.test(p.title)).map((p) => p.id as string);

describe('search over the bundled corpus', () => {
  it('ranks the papers on a topic first', () => {
    const scaling = titled(/scaling law/i);
    expect(scaling.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids('neural scaling laws').slice(0, scaling.length))).toEqual(new Set(scaling));
    const bv = titled(/bias.variance/i);
    expect(new Set(ids('bias-variance').slice(0, bv.length))).toEqual(new Set(bv));
  });
  it('still finds a paper through a misspelt query', () => {
    expect(ids('lotery tiket hypothesis')[0]).toBe('2210.03044');
    expect(ids('holistc evaluaton')[0]).toBe('2211.09110');
  });
  it('counts two swapped letters as one slip, so a 5-letter word with a swap is still found', () => {
    // "qucik" is "quick" with two letters swapped: two Levenshtein edits, past a 5-letter word's one.
    expect(ids('qucik feature learning')[0]).toBe('2406.06158');
    expect(ids('lareg scale transformer')[0]).toBe('2309.14322');
  });
  it('forgives a typo in a short word that is no index term', () => {
    // Three and four letters: "rihc lazu" is "rich lazy", "sdg" is "SGD".
    expect(ids('rihc lazu')[0]).toBe('2212.12147');
    expect(ids('sdg collapse')[0]).toBe('2306.04251');
    // A short word that is a term stays itself: "tiny" finds Tiny Subspace, not also Tony's papers.
    const tiny = index.search('tiny', { limit: 50, prefix: false });
    expect(tiny.map((h) => h.id)).toEqual(['1812.04754']);
    expect(index.search('tony', { limit: 50, prefix: false }).length).toBeGreaterThan(0);
  });
  it('forgives a typo that is itself a rare index term (real text has misspellings)', () => {
    const idx = SearchIndex.build([
      ...papers,
      {
        id: '2501.00002' as PaperId,
        title: 'Quokka census',
        abstract: 'A nueral count of quokkas.',
        authors: [],
        provenance: [],
      },
    ]);
    const [top] = idx.search('nueral scaling laws', { limit: 5 });
    expect(top?.title).toMatch(/Neural Scaling Laws/);
    expect(top?.terms).toContain('neural');
    // The rare word itself still counts in full: alone, it finds the paper that has it first.
    expect(idx.search('nueral', { prefix: false })[0]?.id).toBe('2501.00002');
  });
  it('completes a word being typed that is a stop word so far, without sinking papers that lack it', () => {
    // "we" is on its way to "weights", "no" to "noise"; as stop words they used to be dropped.
    expect(ids('feature learning we')[0]).toBe('2310.07765');
    expect(ids('stochastic no')[0]).toBe('2306.04251');
    // Finished words stay stop words, and papers without a completion keep their place.
    expect(ids('silent alignment on')[0]).toBe('2111.00034');
    expect(ids('networks on', { prefix: false })).toEqual(ids('networks', { prefix: false }));
    const score = (q: string, id: string) => index.search(q, { limit: 50 }).find((h) => h.id === id)?.score;
    // 2502.05074 has no word starting with "no": its score is what "stochastic" alone gives it.
    expect(index.search('stochastic no', { limit: 50 }).find((h) => h.id === '2502.05074')?.terms).toEqual([
      'stochastic',
    ]);
    expect(score('stochastic no', '2502.05074')).toBe(score('stochastic', '2502.05074'));
  });
  it('matches the word being typed as a prefix', () => {
    expect(ids('semantic dedup')[0]).toBe('2303.09540');
    expect(ids('dedup', { prefix: false })).not.toContain('2303.09540');
  });
  it('finds all of an author’s papers by any name form', () => {
    const roberts = papers.filter((p) => p.authors.some((a) => a.key === 'roberts|d')).map((p) => p.id as string);
    expect(roberts.length).toBeGreaterThan(5);
    for (const q of ['Daniel Roberts', 'Daniel A. Roberts']) {
      const got = ids(q);
      expect(new Set(got.slice(0, roberts.length)), q).toEqual(new Set(roberts));
    }
  });
  it('boosts a phrase match over the same words scattered', () => {
    const hits = index.search('scaling laws', { limit: 10 });
    const phraseRank = hits.findIndex((h) => /scaling laws/i.test(h.title));
    const scatteredRank = hits.findIndex((h) => /scaling/i.test(h.title) && !/scaling laws/i.test(h.title));
    expect(phraseRank).toBeGreaterThanOrEqual(0);
    if (scatteredRank >= 0) expect(phraseRank).toBeLessThan(scatteredRank);
  });
  it('filters by year, category, author and reading-list state', () => {
    const since2023 = index.search('learning', { limit: 100, filter: { yearFrom: 2023 } });
    expect(since2023.length).toBeGreaterThan(0);
    for (const h of since2023) expect(Number(byId.get(h.id)?.published?.slice(0, 4))).toBeGreaterThanOrEqual(2023);
    const hep = index.search('learning', { limit: 100, filter: { categories: ['hep-th'] } });
    for (const h of hep) expect(byId.get(h.id)?.categories ?? [byId.get(h.id)?.primaryCategory]).toContain('hep-th');
    const kunin = index.search('learning', { limit: 100, filter: { authors: ['D. Kunin'] } });
    expect(kunin.length).toBeGreaterThan(0);
    for (const h of kunin) expect(byId.get(h.id)?.authors.map((a) => a.key)).toContain('kunin|d');
    const saved = new Set<PaperId>([papers[0]?.id as PaperId]);
    const only = index.search('gradient descent', { filter: { saved: { has: (i) => saved.has(i), want: true } } });
    expect(only.map((h) => h.id)).toEqual([papers[0]?.id]);
    const unsaved = index.search('gradient descent', { filter: { saved: { has: (i) => saved.has(i), want: false } } });
    expect(unsaved.map((h) => h.id)).not.toContain(papers[0]?.id);
  });
  it('returns highlights as segments that rebuild the text', () => {
    const [hit] = index.search('silent alignment', { lookup: (i) => byId.get(i) });
    expect(hit?.id).toBe('2111.00034');
    const title = hit?.highlights.title ?? [];
    expect(title.map((s) => s.text).join('')).toBe(hit?.title);
    expect(title.filter((s) => s.match).map((s) => s.text.toLowerCase())).toEqual(['silent', 'alignment']);
  });
  it('adds and removes papers incrementally', () => {
    const idx = SearchIndex.build(papers);
    const extra: Paper = {
      id: '2501.00001' as PaperId,
      title: 'Quokka dynamics in marsupial optimisers',
      authors: [{ name: 'Test Person', key: 'person|t' }],
      provenance: [],
    };
    idx.add(extra);
    expect(idx.search('quokka').map((h) => h.id)).toEqual([extra.id]);
    idx.add({ ...extra, title: 'Wombat dynamics' });
    expect(idx.search('quokka')).toEqual([]);
    expect(idx.remove(extra.id)).toBe(true);
    expect(idx.search('wombat')).toEqual([]);
    expect(idx.size).toBe(papers.length);
  });
  it('keeps papers added or removed after a load through the next save', () => {
    const loaded = SearchIndex.load(structuredClone(index.serialise()));
    if (!loaded.ok) throw new Error(loaded.error);
    const idx = loaded.value;
    const extra: Paper = {
      id: '2501.00003' as PaperId,
      title: 'Platypus electroreception as a scaling law',
      authors: [{ name: 'Test Person', key: 'person|t' }],
      provenance: [],
    };
    idx.add(extra);
    const gone = papers[3]?.id as PaperId;
    idx.remove(gone);
    expect(idx.search('platypus').map((h) => h.id)).toEqual([extra.id]);
    const again = SearchIndex.load(structuredClone(idx.serialise()));
    if (!again.ok) throw new Error(again.error);
    expect(again.value.search('platypus').map((h) => h.id)).toEqual([extra.id]);
    expect(again.value.has(gone)).toBe(false);
    expect(again.value.size).toBe(papers.length);
    // Every remaining paper is still found by its own title.
    for (const p of papers.slice(0, 10))
      if (p.id !== gone) expect(again.value.search(p.title, { limit: 3 }).map((h) => h.id)).toContain(p.id);
  });
  it('serialises with a format version, loads back (as IndexedDB would clone it), and rejects unknown versions', () => {
    const json = structuredClone(index.serialise());
    const loaded = SearchIndex.load(json);
    expect(loaded.ok).toBe(true);
    if (loaded.ok)
      expect(loaded.value.search('neural scaling laws').map((h) => h.id)).toEqual(
        index.search('neural scaling laws').map((h) => h.id),
      );
    const bad = SearchIndex.load({ ...json, formatVersion: 0 });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/format 0 is not supported/) });
    expect(SearchIndex.load('nonsense').ok).toBe(false);
    // Format 1 was MiniSearch's JSON: a cache the caller rebuilds, with a reason.
    expect(SearchIndex.load({ formatVersion: 1, options: json.options, index: {} })).toEqual({
      ok: false,
      error: expect.stringMatching(/format 1 is not supported.*rebuild/),
    });
    expect(SearchIndex.load({ ...json, tfs: new Uint8Array(1) }).ok).toBe(false);
  });
  it('puts a paper matching every query word above one matching fewer (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...papers), (p) => {
        const q = p.title
          .split(/\s+/)
          .filter((w) => w.length > 5)
          .slice(0, 3)
          .join(' ');
        fc.pre(q.split(' ').length >= 2);
        const hits = index.search(q, { limit: 5 });
        // The paper whose title supplied all the words is among the first results.
        expect(hits.map((h) => h.id)).toContain(p.id);
      }),
      { numRuns: 40 },
    );
  });
});

describe("mayContainWord (the phrase boost's cheap test)", () => {
  it('is never false for a text whose normalised form holds the word (property)', () => {
    // Text built from pieces normalisation rewrites: TeX, accents, ligatures, apostrophes, Greek, case.
    const piece = fc.constantFrom(
      'Deep',
      'deep',
      'DEEP',
      'de',
      'ep',
      '$',
      '\\emph{',
      '}',
      '\\mu',
      'μ',
      'ﬁ',
      'fi',
      'naïve',
      'naive',
      "'",
      '’',
      's',
      '-',
      ' ',
      '_',
      '{',
      'é',
      'ß',
      'ss',
      '2',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.constantFrom('deep', 'mu', 'fi', 'naive', 'ss', 'deeps', 'de2'),
        (ps, word) => {
          const text = ps.join('');
          if (` ${normaliseTitle(text)} `.includes(word)) expect(mayContainWord(text, word)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('is false for plain text without the word, so most abstracts are not normalised', () => {
    expect(mayContainWord('Scaling laws for neural networks.', 'kernel')).toBe(false);
    expect(mayContainWord('Scaling laws for Kernel machines.', 'kernel')).toBe(true);
  });
});

describe('highlight', () => {
  it('never loses or invents text (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (text, ts) => {
        expect(
          highlight(text, new Set(ts))
            .map((s) => s.text)
            .join(''),
        ).toBe(text);
      }),
    );
  });
  it('marks a word by its search term, in any case and spelling', () => {
    const matched = highlight('Deep NETWORKS and naïve rules', new Set(['deep', 'network', 'naive']));
    expect(matched.filter((s) => s.match).map((s) => s.text)).toEqual(['Deep', 'NETWORKS', 'naïve']);
    const far = snippet(`${'filler words here. '.repeat(40)}Naïve kernels`, new Set(['naive']), 60);
    expect(far.some((s) => s.match && s.text === 'Naïve')).toBe(true);
  });
  it('cuts long text to a window around the first match', () => {
    const text = `${'filler words here. '.repeat(40)}the kernel regime appears ${'and more text after. '.repeat(40)}`;
    const segs = snippet(text, new Set(['kernel']), 120);
    expect(segs[0]?.text).toBe('…');
    expect(segs.some((s) => s.match && s.text === 'kernel')).toBe(true);
    expect(segs.map((s) => s.text).join('').length).toBeLessThanOrEqual(125);
  });
});
