import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArxivId } from '../../../src/core/ids';
import { validatePaper } from '../../../src/core/paper';
import { isSyntheticId, SYNTH_FIRST_SEQ, synthPapers, synthRows } from '../../../src/corpus/synth';
import { categoryName } from '../../../src/engine/topics';
import { bundledPapers } from './corpus';

const SAMPLE = new URL('../../../../shared/samples/arxiv-2024-03-title-abstract.jsonl', import.meta.url);

const rows = [...synthRows(400, 3)];

describe('synthetic snapshot rows', () => {
  it('has exactly the Kaggle snapshot fields, with the right types', () => {
    const fields = [
      'id',
      'submitter',
      'authors',
      'title',
      'comments',
      'journal-ref',
      'doi',
      'report-no',
      'categories',
      'license',
      'abstract',
      'versions',
      'update_date',
      'authors_parsed',
    ];
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(fields);
      expect(r.versions[0]?.created).toMatch(/^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
      expect(r.update_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const a of r.authors_parsed) expect(a).toHaveLength(3);
    }
  });
  it('uses valid, unique arXiv ids and real categories', () => {
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rows) {
      expect(parseArxivId(r.id)?.id).toBe(r.id);
      for (const c of r.categories.split(' ')) expect(categoryName(c), c).toBeDefined();
    }
  });
  it('uses ids no real paper has: sequence numbers of 90000 and up within each month', () => {
    const bundled = new Set(bundledPapers().map((p) => p.id as string));
    for (const r of rows) {
      expect(isSyntheticId(r.id), r.id).toBe(true);
      expect(Number(r.id.split('.')[1])).toBeGreaterThanOrEqual(SYNTH_FIRST_SEQ);
      expect(bundled.has(r.id), r.id).toBe(false);
    }
    // The bundled seed papers overwritten by the first generator are real ids, outside the range.
    for (const id of bundled) expect(isSyntheticId(id), id).toBe(false);
    expect(isSyntheticId('2111.00034')).toBe(false);
    expect(isSyntheticId('2403.20331')).toBe(false);
    expect(isSyntheticId('2501.90000')).toBe(true);
  });
  it.skipIf(!existsSync(SAMPLE))('puts no real paper of the March 2024 sample in the synthetic range', () => {
    const ids = readFileSync(SAMPLE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids.length).toBe(5637);
    expect(ids.filter(isSyntheticId)).toEqual([]);
  });
  it('has titles of 6–15 words and abstracts of 120–250', () => {
    for (const r of rows) {
      const tw = r.title.replace(/:/g, ' ').split(/\s+/).filter(Boolean).length;
      expect(tw).toBeGreaterThanOrEqual(6);
      expect(tw).toBeLessThanOrEqual(15);
      const aw = r.abstract.trim().split(/\s+/).length;
      expect(aw).toBeGreaterThanOrEqual(120);
      expect(aw).toBeLessThanOrEqual(260);
    }
  });
  it('gives some authors many papers and most few (Zipf productivity)', () => {
    const counts = new Map<string, number>();
    for (const r of rows)
      for (const [last, first] of r.authors_parsed)
        counts.set(`${first} ${last}`, (counts.get(`${first} ${last}`) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(5 * (sorted[Math.floor(sorted.length / 2)] ?? 1));
  });
  it('is deterministic for a seed and differs between seeds', () => {
    expect([...synthRows(400, 3)]).toEqual(rows);
    expect([...synthRows(20, 4)][0]?.title).not.toBe(rows[0]?.title);
  });
  it('maps to valid Paper records', () => {
    for (const p of synthPapers(50, 1)) expect(validatePaper(p).ok).toBe(true);
  });
});
