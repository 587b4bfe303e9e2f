import { describe, expect, it } from 'vitest';
import { parseArxivId } from '../../src/core/ids';

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
