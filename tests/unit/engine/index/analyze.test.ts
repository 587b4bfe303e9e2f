import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Paper, PaperId } from '../../../../src/core/paper';
import { synthPapers } from '../../../../src/corpus/synth';
import { analyze, FIELDS, NF } from '../../../../src/engine/index/analyze';
import { searchTerms } from '../../../../src/engine/index/tokens';
import { categoryName, defaultTagger } from '../../../../src/engine/topics';
import { bundledPapers } from '../corpus';

const SAMPLE = '../shared/samples/arxiv-2024-03-title-abstract.jsonl';

/** What each field holds, by the plain reading: `searchTerms` of the field's text, counted. */
function reference(p: Paper) {
  const topics = defaultTagger().tag(p);
  const cats = p.categories ?? (p.primaryCategory ? [p.primaryCategory] : []);
  const texts = [
    p.title,
    p.authors.map((a) => a.name).join(', '),
    p.abstract ?? '',
    topics.map((t) => t.label).join(' ; '),
    cats.map((c) => `${c} ${categoryName(c) ?? ''}`).join(' ; '),
  ];
  const counts = new Map<string, number[]>();
  texts.forEach((t, f) => {
    for (const term of searchTerms(t)) {
      const c = counts.get(term) ?? new Array<number>(NF).fill(0);
      c[f] = Math.min(255, (c[f] ?? 0) + 1);
      counts.set(term, c);
    }
  });
  return { counts, topics: topics.map((t) => t.id), lengths: texts.map((t) => searchTerms(t).length) };
}

function check(p: Paper) {
  const a = analyze(p, 1);
  const ref = reference(p);
  const got = new Map(a.terms.map((t, i) => [t, Array.from(a.tf.subarray(i * NF, (i + 1) * NF))] as const));
  expect(got, p.id).toEqual(ref.counts);
  expect(
    a.topics.map((t) => t.id),
    p.id,
  ).toEqual(ref.topics);
  expect(a.lengths, p.id).toEqual(ref.lengths);
}

describe('analysing a paper for the index', () => {
  it(`counts every field's terms (${FIELDS.join(', ')}) and finds the topics exactly as the plain reading does`, () => {
    for (const p of bundledPapers()) check(p);
    for (const p of synthPapers(300, 7)) check(p);
  });
  it.skipIf(!existsSync(SAMPLE))('does so on the real sample, TeX and Unicode included', () => {
    const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n').slice(0, 1500);
    for (const [i, l] of lines.entries()) {
      const r = JSON.parse(l) as { id: string; title: string; abstract: string };
      check({
        id: `2403.${String(i).padStart(5, '0')}` as PaperId,
        title: r.title,
        abstract: r.abstract,
        authors: [],
        provenance: [],
      });
    }
  });
});
