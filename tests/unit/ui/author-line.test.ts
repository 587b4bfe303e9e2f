import { describe, expect, it } from 'vitest';
import { shortAuthorLine } from '../../../src/ui/components/author-line';

const text = (segs: { text: string }[]) => segs.map((s) => s.text).join('');

describe('a long author list on one result line', () => {
  const names = Array.from({ length: 40 }, (_, i) => `Author ${i}`);
  it('keeps the first three names and says et al.', () => {
    expect(text(shortAuthorLine([{ text: names.join(', '), match: false }]))).toBe(
      'Author 0, Author 1, Author 2 et al.',
    );
  });
  it('keeps a name the query matched, highlighted, even far down the list', () => {
    const segs = [
      { text: `${names.slice(0, 30).join(', ')}, `, match: false },
      { text: 'Ben Adlam', match: true },
      { text: `, ${names.slice(30).join(', ')}`, match: false },
    ];
    const out = shortAuthorLine(segs);
    expect(text(out)).toBe('Author 0, Author 1, Author 2, … Ben Adlam et al.');
    expect(out.filter((s) => s.match).map((s) => s.text)).toEqual(['Ben Adlam']);
  });
  it('leaves a short list alone', () => {
    const segs = [{ text: 'A, B, C, D', match: false }];
    expect(shortAuthorLine(segs)).toEqual(segs);
  });
});
