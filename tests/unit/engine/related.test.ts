import { describe, expect, it } from 'vitest';
import { relatedModelOf } from '../../../src/engine/index/memory';
import { precomputeRelated } from '../../../src/engine/related';
import { bundledPapers } from './corpus';

const papers = bundledPapers();
const { model } = await relatedModelOf(papers);
const scaling = papers.filter((p) => /scaling law/i.test(p.title)).map((p) => p.id as string);

describe('related work over the bundled corpus', () => {
  it('relates the scaling-law papers to each other, saying why', async () => {
    expect(scaling.length).toBeGreaterThanOrEqual(3);
    for (const id of scaling) {
      const top = await model.related(id as never, 3);
      const others = scaling.filter((s) => s !== id);
      expect(
        top.map((r) => r.id).filter((r) => others.includes(r)),
        id,
      ).not.toHaveLength(0);
      const hit = top.find((r) => others.includes(r.id));
      expect(hit?.reason).toMatch(/scaling/i);
    }
  });
  it('relates the bias–variance papers to each other', async () => {
    const bv = papers.filter((p) => /bias.variance/i.test(p.title)).map((p) => p.id as string);
    for (const id of bv)
      expect(
        (await model.related(id as never, 3)).some((r) => bv.includes(r.id)),
        id,
      ).toBe(true);
  });
  it('gives every seed paper related papers with a reason, never itself, best first', async () => {
    for (const p of papers) {
      const rel = await model.related(p.id, 5);
      expect(rel.length, p.id).toBeGreaterThan(0);
      expect(rel.map((r) => r.id)).not.toContain(p.id);
      for (const r of rel) expect(r.reason, `${p.id} → ${r.id}`).not.toBe('');
      const scores = rel.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });
  it('names shared authors as a reason', async () => {
    const [first] = (await model.related('2402.01092' as never, 8)).filter((r) => r.sharedAuthors.length > 0);
    expect(first?.sharedAuthors).toContain('Blake Bordelon');
    expect(first?.reason).toMatch(/shared authors? .*Bordelon/);
  });
  it('relates a paper seen only on a page (title, abstract, authors)', async () => {
    const rel = await model.relatedToDraft({
      title: 'Scaling laws for wide kernel regression',
      abstract: 'We derive neural scaling laws for random feature models and kernel regression.',
      authors: ['C. Pehlevan'],
    });
    expect(rel.slice(0, 3).some((r) => scaling.includes(r.id))).toBe(true);
    expect(rel.some((r) => r.sharedAuthors.includes('Cengiz Pehlevan'))).toBe(true);
  });
  it('excludes the draft’s own corpus entry when told its id', async () => {
    const p = papers[0];
    if (!p) throw new Error('empty corpus');
    const rel = await model.relatedToDraft({ title: p.title, abstract: p.abstract }, 5, p.id);
    expect(rel.map((r) => r.id)).not.toContain(p.id);
  });
  it('precomputes the table for the whole corpus, matching on-the-fly results', async () => {
    const table = await precomputeRelated(
      model,
      papers.map((p) => p.id),
      4,
    );
    expect(Object.keys(table).sort()).toEqual(papers.map((p) => p.id as string).sort());
    const some = papers[5];
    if (some) expect(table[some.id]).toEqual(await model.related(some.id, 4));
  });
  it('extracts keyphrases as tags with a reason', async () => {
    const p = papers.find((x) => x.id === '2303.09540');
    const tags = await model.keyphrases({ title: p?.title ?? '', abstract: p?.abstract }, 5);
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.map((t) => t.label).join(' ')).toMatch(/dedup/i);
    for (const t of tags) expect(t.why).not.toBe('');
  });
});

describe('related counts for listing chips', () => {
  it('count the corpus papers a draft shares distinctive words or an author with, at least what the panel lists', async () => {
    const draft = {
      title: 'Scaling laws for wide kernel regression',
      abstract: 'We derive neural scaling laws for random feature models and kernel regression.',
    };
    const [count] = await model.relatedCounts([draft]);
    const listed = (await model.relatedToDraft(draft, 6)).filter((r) => r.score >= 0.08);
    expect(listed.length).toBeGreaterThan(0);
    expect(count).toBeGreaterThanOrEqual(listed.length);
    expect(count).toBeLessThan(papers.length / 2);
  });
  it('count nothing for a paper on another subject, and a shared author alone', async () => {
    const [none, byAuthor] = await model.relatedCounts([
      { title: 'Troubadour lyric in twelfth-century Occitania', authors: ['Ann Nobody'] },
      { title: 'Troubadour lyric in twelfth-century Occitania', authors: ['Blake Bordelon'] },
    ]);
    expect(none).toBe(0);
    expect(byAuthor).toBe(papers.filter((p) => p.authors.some((a) => a.name === 'Blake Bordelon')).length);
  });
  it('never count a corpus paper’s own entry, and stop at the cap', async () => {
    const p = papers.find((x) => scaling.includes(x.id));
    if (!p) throw new Error('no scaling paper');
    const draft = { id: p.id, title: p.title, abstract: p.abstract, authors: p.authors.map((a) => a.name) };
    const [own] = await model.relatedCounts([draft]);
    const [other] = await model.relatedCounts([{ ...draft, id: undefined }]);
    expect(other).toBe((own ?? 0) + 1);
    expect((await model.relatedCounts([draft], 1))[0]).toBe(Math.min(own ?? 0, 2));
  });
});
