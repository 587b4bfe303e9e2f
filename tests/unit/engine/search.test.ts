import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper, PaperId } from '../../../src/core/paper';
import { highlight, snippet } from '../../../src/engine/highlight';
import { MANIFEST_KEY } from '../../../src/engine/index/manifest';
import { MemoryIndex } from '../../../src/engine/index/memory';
import { type QueryOptions, type RankedHit, search } from '../../../src/engine/index/query';
import { IndexError } from '../../../src/engine/index/reader';
import { mayContainWord, normaliseTitle } from '../../../src/engine/normalize';
import { bundledPapers } from './corpus';

const papers = bundledPapers();
const byId = new Map(papers.map((p) => [p.id as string, p]));

/** Search as the background runs it: the persistent index (commits, merged), phrase boost from the texts. */
function engineOf(list: readonly Paper[], commits = 1) {
  const index = new MemoryIndex();
  const per = Math.ceil(list.length / commits);
  for (let i = 0; i < list.length; i += per) index.write(list.slice(i, i + per));
  const texts = async (ids: readonly PaperId[]) =>
    ids.map((id) => {
      const p = index.papers.get(id);
      return p ? { title: p.title, abstract: p.abstract ?? '' } : undefined;
    });
  return {
    index,
    async search(q: string, opts: QueryOptions = {}): Promise<(RankedHit & { title: string })[]> {
      const snap = await index.reader().snapshot();
      const r = await search(snap, q, { limit: 20, texts, ...opts });
      return r.hits.map((h) => ({ ...h, title: index.papers.get(h.id)?.title ?? '' }));
    },
  };
}

const engine = engineOf(papers);
const ids = async (q: string, opts: QueryOptions = {}) =>
  (await engine.search(q, { limit: 50, ...opts })).map((h) => h.id as string);
const titled = (re: RegExp) => papers.filter((p) => re.test(p.title)).map((p) => p.id as string);

describe('search over the bundled corpus', () => {
  it('ranks the papers on a topic first', async () => {
    const scaling = titled(/scaling law/i);
    expect(scaling.length).toBeGreaterThanOrEqual(3);
    expect(new Set((await ids('neural scaling laws')).slice(0, scaling.length))).toEqual(new Set(scaling));
    const bv = titled(/bias.variance/i);
    expect(new Set((await ids('bias-variance')).slice(0, bv.length))).toEqual(new Set(bv));
  });
  it('still finds a paper through a misspelt query', async () => {
    expect((await ids('lotery tiket hypothesis'))[0]).toBe('2210.03044');
    expect((await ids('holistc evaluaton'))[0]).toBe('2211.09110');
  });
  it('counts two swapped letters as one slip, so a 5-letter word with a swap is still found', async () => {
    // "qucik" is "quick" with two letters swapped: two Levenshtein edits, past a 5-letter word's one.
    expect((await ids('qucik feature learning'))[0]).toBe('2406.06158');
    expect((await ids('lareg scale transformer'))[0]).toBe('2309.14322');
  });
  it('forgives a typo in a short word that is no index term', async () => {
    // Three and four letters: "rihc lazu" is "rich lazy", "sdg" is "SGD".
    expect((await ids('rihc lazu'))[0]).toBe('2212.12147');
    expect((await ids('sdg collapse'))[0]).toBe('2306.04251');
    // A short word that is a term stays itself: "tiny" finds Tiny Subspace, not also Tony's papers.
    expect(await ids('tiny', { prefix: false })).toEqual(['1812.04754']);
    expect((await ids('tony', { prefix: false })).length).toBeGreaterThan(0);
  });
  it('forgives a typo that is itself a rare index term (real text has misspellings)', async () => {
    const idx = engineOf([
      ...papers,
      {
        id: '2501.00002' as PaperId,
        title: 'Quokka census',
        abstract: 'A nueral count of quokkas.',
        authors: [],
        provenance: [],
      },
    ]);
    const [top] = await idx.search('nueral scaling laws', { limit: 5 });
    expect(top?.title).toMatch(/Neural Scaling Laws/);
    expect(top?.terms).toContain('neural');
    // The rare word itself still counts in full: alone, it finds the paper that has it first.
    expect((await idx.search('nueral', { prefix: false }))[0]?.id).toBe('2501.00002');
  });
  it('completes a word being typed that is a stop word so far, without sinking papers that lack it', async () => {
    // "we" is on its way to "weights", "no" to "noise"; as stop words they used to be dropped.
    expect((await ids('feature learning we'))[0]).toBe('2310.07765');
    expect((await ids('stochastic no'))[0]).toBe('2306.04251');
    // Finished words stay stop words, and papers without a completion keep their place.
    expect((await ids('silent alignment on'))[0]).toBe('2111.00034');
    expect(await ids('networks on', { prefix: false })).toEqual(await ids('networks', { prefix: false }));
    const hit = async (q: string, id: string) => (await engine.search(q, { limit: 50 })).find((h) => h.id === id);
    // 2502.05074 has no word starting with "no": its score is what "stochastic" alone gives it.
    expect((await hit('stochastic no', '2502.05074'))?.terms).toEqual(['stochastic']);
    expect((await hit('stochastic no', '2502.05074'))?.score).toBe((await hit('stochastic', '2502.05074'))?.score);
  });
  it('matches the word being typed as a prefix', async () => {
    expect((await ids('semantic dedup'))[0]).toBe('2303.09540');
    expect(await ids('dedup', { prefix: false })).not.toContain('2303.09540');
  });
  it('finds all of an author’s papers by any name form', async () => {
    const roberts = papers.filter((p) => p.authors.some((a) => a.key === 'roberts|d')).map((p) => p.id as string);
    expect(roberts.length).toBeGreaterThan(5);
    for (const q of ['Daniel Roberts', 'Daniel A. Roberts']) {
      const got = await ids(q);
      expect(new Set(got.slice(0, roberts.length)), q).toEqual(new Set(roberts));
    }
  });
  it('boosts a phrase match over the same words scattered', async () => {
    const hits = await engine.search('scaling laws', { limit: 10 });
    const phraseRank = hits.findIndex((h) => /scaling laws/i.test(h.title));
    const scatteredRank = hits.findIndex((h) => /scaling/i.test(h.title) && !/scaling laws/i.test(h.title));
    // The bundled corpus has both kinds of title, so the comparison is never vacuous.
    expect(phraseRank).toBeGreaterThanOrEqual(0);
    expect(scatteredRank).toBeGreaterThanOrEqual(0);
    expect(phraseRank).toBeLessThan(scatteredRank);
  });
  it('filters by year, category, author and reading-list state', async () => {
    const since2023 = await engine.search('learning', { limit: 100, filter: { yearFrom: 2023 } });
    expect(since2023.length).toBeGreaterThan(0);
    for (const h of since2023) expect(Number(byId.get(h.id)?.published?.slice(0, 4))).toBeGreaterThanOrEqual(2023);
    const hep = await engine.search('learning', { limit: 100, filter: { categories: ['hep-th'] } });
    expect(hep.length).toBeGreaterThan(0);
    for (const h of hep) expect(byId.get(h.id)?.categories ?? [byId.get(h.id)?.primaryCategory]).toContain('hep-th');
    // An archive stands for its subjects: "cs" finds cs.LG papers.
    const cs = await engine.search('learning', { limit: 100, filter: { categories: ['cs'] } });
    expect(cs.length).toBeGreaterThan(0);
    for (const h of cs) {
      const p = byId.get(h.id);
      expect((p?.categories ?? [p?.primaryCategory ?? '']).some((c) => c.startsWith('cs.'))).toBe(true);
    }
    const kunin = await engine.search('learning', { limit: 100, filter: { authors: ['D. Kunin'] } });
    expect(kunin.length).toBeGreaterThan(0);
    for (const h of kunin) expect(byId.get(h.id)?.authors.map((a) => a.key)).toContain('kunin|d');
    const saved = new Set<string>([papers[0]?.id as string]);
    const only = await engine.search('gradient descent', { filter: { saved: { ids: saved, want: true } } });
    expect(only.map((h) => h.id)).toEqual([papers[0]?.id]);
    const unsaved = await engine.search('gradient descent', { filter: { saved: { ids: saved, want: false } } });
    expect(unsaved.length).toBeGreaterThan(0);
    expect(unsaved.map((h) => h.id)).not.toContain(papers[0]?.id);
  });
  it('says which index terms each hit matched, for highlights', async () => {
    const [hit] = await engine.search('silent alignment');
    expect(hit?.id).toBe('2111.00034');
    expect(hit?.terms).toEqual(expect.arrayContaining(['silent', 'alignment']));
    const title = highlight(hit?.title ?? '', new Set(hit?.terms));
    expect(title.map((s) => s.text).join('')).toBe(hit?.title);
    expect(title.filter((s) => s.match).map((s) => s.text.toLowerCase())).toEqual(['silent', 'alignment']);
  });
  it('takes in added, edited and removed papers at the next snapshot', async () => {
    const idx = engineOf(papers, 4);
    const extra: Paper = {
      id: '2501.00001' as PaperId,
      title: 'Quokka dynamics in marsupial optimisers',
      authors: [{ name: 'Test Person', key: 'person|t' }],
      provenance: [],
    };
    idx.index.write([extra]);
    expect((await idx.search('quokka')).map((h) => h.id)).toEqual([extra.id]);
    idx.index.write([{ ...extra, title: 'Wombat dynamics' }]);
    expect(await idx.search('quokka')).toEqual([]);
    expect((await idx.search('wombat')).map((h) => h.id)).toEqual([extra.id]);
    idx.index.write([], [extra.id]);
    expect(await idx.search('wombat')).toEqual([]);
    expect((await idx.index.reader().snapshot()).size).toBe(papers.length);
    // After merges, and from a fresh reader (a restarted worker), every paper is found by its title.
    await idx.index.merge({ all: true });
    for (const p of papers.slice(0, 12))
      expect((await idx.search(p.title, { limit: 3 })).map((h) => h.id)).toContain(p.id);
  });
  it('answers the same over many small segments as over one merged segment', async () => {
    const many = engineOf(papers, 12);
    const one = engineOf(papers, 12);
    await one.index.merge({ all: true });
    expect((await one.index.reader().snapshot()).segments.length).toBe(1);
    for (const q of ['neural scaling laws', 'kernel', 'Daniel Roberts', 'lotery tiket', 'semantic dedup'])
      expect(
        (await one.search(q)).map((h) => h.id),
        q,
      ).toEqual((await many.search(q)).map((h) => h.id));
  });
  it('refuses a manifest of an unknown format with the reason, instead of reading it', async () => {
    const idx = engineOf(papers);
    idx.index.records.set(MANIFEST_KEY, { ...idx.index.manifest, format: 99 });
    await expect(idx.index.reader().snapshot()).rejects.toThrow(IndexError);
    await expect(idx.index.reader().snapshot()).rejects.toThrow(/format 99 is not supported/);
  });
  it('puts a paper matching every query word above one matching fewer (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...papers), async (p) => {
        const q = p.title
          .split(/\s+/)
          .filter((w) => w.length > 5)
          .slice(0, 3)
          .join(' ');
        fc.pre(q.split(' ').length >= 2);
        const hits = await engine.search(q, { limit: 5 });
        // The paper whose title supplied all the words is among the first results.
        expect(hits.map((h) => h.id)).toContain(p.id);
      }),
      { numRuns: 40 },
    );
  });
});

describe("mayContainWord (the phrase boost's cheap test)", () => {
  it('is never false for a text whose normalised form holds the word (property)', async () => {
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
  it('is false for plain text without the word, so most abstracts are not normalised', async () => {
    expect(mayContainWord('Scaling laws for neural networks.', 'kernel')).toBe(false);
    expect(mayContainWord('Scaling laws for Kernel machines.', 'kernel')).toBe(true);
  });
});

describe('highlight', () => {
  it('never loses or invents text (property)', async () => {
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
  it('marks a word by its search term, in any case and spelling', async () => {
    const matched = highlight('Deep NETWORKS and naïve rules', new Set(['deep', 'network', 'naive']));
    expect(matched.filter((s) => s.match).map((s) => s.text)).toEqual(['Deep', 'NETWORKS', 'naïve']);
    const far = snippet(`${'filler words here. '.repeat(40)}Naïve kernels`, new Set(['naive']), 60);
    expect(far.some((s) => s.match && s.text === 'Naïve')).toBe(true);
  });
  it('cuts long text to a window around the first match', async () => {
    const text = `${'filler words here. '.repeat(40)}the kernel regime appears ${'and more text after. '.repeat(40)}`;
    const segs = snippet(text, new Set(['kernel']), 120);
    expect(segs[0]?.text).toBe('…');
    expect(segs.some((s) => s.match && s.text === 'kernel')).toBe(true);
    expect(segs.map((s) => s.text).join('').length).toBeLessThanOrEqual(125);
  });
});
