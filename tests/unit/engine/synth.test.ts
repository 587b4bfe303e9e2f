import { describe, expect, it } from 'vitest';
import { parseArxivId } from '../../../src/core/ids';
import { validatePaper } from '../../../src/core/paper';
import { synthPapers, synthRows } from '../../../src/corpus/synth';
import { categoryName } from '../../../src/engine/topics';

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
