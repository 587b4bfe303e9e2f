import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoryName, categoryTags, TOPICS, TopicTagger, validateTopics } from '../../../src/engine/topics';
import { bundledPapers } from './corpus';

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../../data/${f}`, import.meta.url), 'utf8')) as unknown;

describe('data/topics.json', () => {
  it('is valid, sorted by id and unique', () => {
    const r = validateTopics(read('topics.json'));
    expect(r.ok ? r.value.length : r.error).toBeGreaterThanOrEqual(30);
  });
  it('has unique labels and no phrase shared by two topics', () => {
    expect(new Set(TOPICS.map((t) => t.label)).size).toBe(TOPICS.length);
    const seen = new Map<string, string>();
    for (const t of TOPICS)
      for (const p of t.phrases) {
        expect(seen.get(p), `"${p}" in ${t.id} and ${seen.get(p)}`).toBeUndefined();
        seen.set(p, t.id);
      }
  });
  it('rejects out-of-order, duplicate and malformed topics', () => {
    const t = (id: string) => ({ id, label: id, description: 'a long enough description', phrases: ['x y'] });
    expect(validateTopics({ topics: [t('b'), t('a')] }).ok).toBe(false);
    expect(validateTopics({ topics: [t('a'), t('a')] }).ok).toBe(false);
    expect(validateTopics({ topics: [t('Bad Id')] }).ok).toBe(false);
    expect(validateTopics({ topics: [{ ...t('a'), phrases: [] }] }).ok).toBe(false);
  });
  it('tags every seed paper with at least one topic, and no topic most of them', () => {
    const papers = bundledPapers();
    const tagger = new TopicTagger();
    const counts = new Map<string, number>();
    for (const p of papers) {
      const tags = tagger.tag(p);
      expect(tags.length, p.title).toBeGreaterThan(0);
      for (const t of tags) counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
    }
    for (const [id, n] of counts) expect(n, id).toBeLessThan(papers.length / 2);
  });
});

describe('topic tags', () => {
  const tagger = new TopicTagger();
  it('says which phrase gave the tag and where', () => {
    const [tag] = tagger.tag({ title: 'A Dynamical Model of Neural Scaling Laws' });
    expect(tag).toMatchObject({ kind: 'topic', id: 'scaling-laws', why: '"neural scaling" in the title' });
  });
  it('needs more than one stray mention in an abstract', () => {
    const once = tagger.tag({ title: 'On something', abstract: 'We train an ensemble once.' });
    expect(once.map((t) => t.id)).not.toContain('ensembles');
    const twice = tagger.tag({ title: 'On something', abstract: 'An ensemble of models; deep ensembles help.' });
    expect(twice.find((t) => t.id === 'ensembles')?.why).toMatch(/in the abstract/);
  });
});

describe('data/arxiv-categories.json', () => {
  const data = read('arxiv-categories.json') as { categories: Record<string, string> };
  const codes = Object.keys(data.categories);
  it('is sorted, unique and well-formed', () => {
    expect(codes).toEqual([...codes].sort());
    for (const c of codes) expect(c).toMatch(/^[a-z]+(?:-[a-z]+)?(?:\.(?:[A-Z]{2}|[a-z]+(?:-[a-z]+)*))?$/);
    for (const name of Object.values(data.categories)) expect(name.trim()).not.toBe('');
  });
  it('covers the archives and the common categories', () => {
    for (const c of [
      'cs.LG',
      'stat.ML',
      'hep-th',
      'cond-mat.dis-nn',
      'math.PR',
      'quant-ph',
      'astro-ph.CO',
      'eess.SP',
      'q-bio.NC',
      'econ.EM',
      'q-fin.ST',
      'nlin.CD',
      'physics.hist-ph',
    ])
      expect(categoryName(c), c).toBeDefined();
    expect(categoryName('cs.LG')).toBe('Machine Learning');
    expect(categoryName('hep-th')).toBe('High Energy Physics - Theory');
  });
  it('names every category of every seed paper', () => {
    for (const p of bundledPapers()) for (const c of p.categories ?? []) expect(categoryName(c), c).toBeDefined();
  });
  it('turns categories into tags, the first marked primary', () => {
    expect(categoryTags(['cs.LG', 'hep-th']).map((t) => t.why)).toEqual([
      'primary arXiv category cs.LG',
      'arXiv category hep-th',
    ]);
  });
});
