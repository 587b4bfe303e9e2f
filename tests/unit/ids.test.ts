import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arxivIdFromUrl, findArxivIds, parseArxivId, parseDoi } from '../../src/core/ids';

describe('arXiv ids', () => {
  it('parses new-style ids with and without version', () => {
    expect(parseArxivId('2210.16859v2')).toEqual({ id: '2210.16859', version: 2 });
    expect(parseArxivId('arXiv:1412.6980')).toEqual({ id: '1412.6980' });
  });
  it('parses old-style ids, including archives with a "v"', () => {
    expect(parseArxivId('hep-th/9901001v1')).toEqual({ id: 'hep-th/9901001', version: 1 });
    expect(parseArxivId('solv-int/9901001')).toEqual({ id: 'solv-int/9901001' });
    expect(parseArxivId('math.ag/0101001')).toEqual({ id: 'math.AG/0101001' });
  });
  it('rejects what is not an id', () => {
    for (const s of ['2213.00001', '1412.12345', '1501.1234', 'hello', '']) expect(parseArxivId(s)).toBeUndefined();
  });
});

/** Valid new-style ids: YYMM from 0704, 4-digit numbers to 1412, 5-digit from 1501. */
const newStyleId = fc
  .record({
    yy: fc.integer({ min: 7, max: 30 }),
    mm: fc.integer({ min: 1, max: 12 }),
    n: fc.integer({ min: 1, max: 99999 }),
  })
  .filter(({ yy, mm }) => yy * 100 + mm >= 704)
  .map(({ yy, mm, n }) => {
    const yymm = `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}`;
    const digits = Number(yymm) >= 1501 ? 5 : 4;
    return `${yymm}.${String(n % 10 ** digits).padStart(digits, '0')}`;
  });
const oldStyleId = fc
  .record({
    archive: fc.constantFrom('hep-th', 'solv-int', 'cond-mat', 'math.AG', 'astro-ph', 'q-alg', 'cs.LG'),
    yy: fc.integer({ min: 91, max: 107 }),
    mm: fc.integer({ min: 1, max: 12 }),
    n: fc.integer({ min: 1, max: 999 }),
  })
  .map(
    ({ archive, yy, mm, n }) =>
      `${archive}/${String(yy % 100).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(n).padStart(3, '0')}`,
  );
const anyId = fc.oneof(newStyleId, oldStyleId);
const version = fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined });

describe('arXiv ids in URLs', () => {
  const cases: [string, string, number?][] = [
    ['https://arxiv.org/abs/2210.16859', '2210.16859'],
    ['https://arxiv.org/abs/2210.16859v2', '2210.16859', 2],
    ['http://www.arxiv.org/pdf/2210.16859v1.pdf', '2210.16859', 1],
    ['https://arxiv.org/pdf/2210.16859', '2210.16859'],
    ['https://arxiv.org/html/2403.02579v1/#S2', '2403.02579', 1],
    ['https://arxiv.org/format/2210.16859', '2210.16859'],
    ['https://export.arxiv.org/abs/1412.6980', '1412.6980'],
    ['https://arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001', 1],
    ['https://arxiv.org/abs/solv-int/9901001', 'solv-int/9901001'],
    ['https://arxiv.org/abs/math.AG/0101001', 'math.AG/0101001'],
    ['https://arxiv.org/abs/hep-th%2F9901001', 'hep-th/9901001'],
    ['https://arxiv.org/ftp/arxiv/papers/2210/2210.16859.pdf', '2210.16859'],
    ['https://arxiv.org/ftp/hep-th/papers/9901/9901001v1.pdf', 'hep-th/9901001', 1],
    ['https://ar5iv.labs.arxiv.org/html/2210.16859', '2210.16859'],
    ['https://ar5iv.org/abs/1812.04754', '1812.04754'],
    ['https://www.alphaxiv.org/abs/2402.01092', '2402.01092'],
    ['https://www.alphaxiv.org/overview/2402.01092v2', '2402.01092', 2],
    ['https://huggingface.co/papers/2312.06585', '2312.06585'],
    ['https://paperswithcode.com/paper/arxiv:2211.09110', '2211.09110'],
    ['https://doi.org/10.48550/arXiv.2210.16859', '2210.16859'],
    ['https://export.arxiv.org/api/query?id_list=2210.16859,1412.6980', '2210.16859'],
  ];
  for (const [url, id, v] of cases)
    it(`reads ${url}`, () => {
      expect(arxivIdFromUrl(new URL(url))).toEqual(v === undefined ? { id } : { id, version: v });
    });

  it('ignores pages that are not about one paper', () => {
    for (const url of [
      'https://arxiv.org/list/cs.LG/recent',
      'https://huggingface.co/models/2210.16859',
      'https://example.com/abs/2210.16859',
      'https://paperswithcode.com/paper/a-solvable-model-of-neural-scaling-laws',
      'https://doi.org/10.1103/PhysRevD.76.013009',
    ])
      expect(arxivIdFromUrl(new URL(url))).toBeUndefined();
  });

  it('round-trips every id through every URL form (property)', () => {
    fc.assert(
      fc.property(anyId, version, fc.constantFrom('abs', 'pdf', 'html', 'format'), (id, v, kind) => {
        const vs = v === undefined ? '' : `v${v}`;
        const parsed = arxivIdFromUrl(new URL(`https://arxiv.org/${kind}/${id}${vs}`));
        expect(parsed).toEqual(v === undefined ? { id } : { id, version: v });
        expect(arxivIdFromUrl(new URL(`https://alphaxiv.org/abs/${id}${vs}`))?.id).toBe(id);
      }),
    );
  });
});

describe('arXiv ids in text', () => {
  it('finds prefixed, bare and old-style ids once each, with positions', () => {
    const text = 'See arXiv:2210.16859v2 and 1412.6980; also hep-th/9901001 and again 2210.16859.';
    const found = findArxivIds(text);
    expect(found.map((f) => f.id)).toEqual(['2210.16859', '1412.6980', 'hep-th/9901001']);
    const first = found[0];
    expect(first && text.slice(first.index, first.index + first.length)).toBe('arXiv:2210.16859v2');
  });
  it('does not read numbers and slashes in prose as ids', () => {
    expect(findArxivIds('p = 0.05, 12210.168591, version 3.2210.1234, and/or 9901001, 1999.12345')).toEqual([]);
  });
  it('finds any id embedded in arbitrary prose (property)', () => {
    fc.assert(
      fc.property(anyId, fc.string(), fc.string(), (id, before, after) => {
        const text = `${before.replace(/[\w./-]/g, ' ')} ${id} ${after.replace(/[\w./-]/g, ' ')}`;
        expect(findArxivIds(text).map((f) => f.id)).toContain(id);
      }),
    );
  });
  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        findArxivIds(s);
        parseArxivId(s);
        parseDoi(s);
      }),
    );
  });
  it('parses what it formats (property)', () => {
    fc.assert(
      fc.property(anyId, version, (id, v) => {
        expect(parseArxivId(`arXiv:${id}${v === undefined ? '' : `v${v}`}`)?.id).toBe(id);
      }),
    );
  });
});

describe('DOIs', () => {
  it('parses bare, prefixed and URL forms, lower-cased', () => {
    expect(parseDoi('10.1103/PhysRevD.76.013009')).toEqual({ doi: '10.1103/physrevd.76.013009' });
    expect(parseDoi('doi:10.1038/nature14539.')).toEqual({ doi: '10.1038/nature14539' });
    expect(parseDoi('https://dx.doi.org/10.1145/3065386')).toEqual({ doi: '10.1145/3065386' });
  });
  it('recognises arXiv DOIs', () => {
    expect(parseDoi('10.48550/arXiv.2210.16859')).toEqual({ doi: '10.48550/arxiv.2210.16859', arxivId: '2210.16859' });
  });
  it('rejects non-DOIs', () => {
    for (const s of ['10.1/x', 'hello', '11.1234/abc', '']) expect(parseDoi(s)).toBeUndefined();
  });
});
