/**
 * Every site adapter against its own example URLs and every other adapter's, and against its fixture
 * pages (parsed with linkedom, as a content script would see them).
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { arxivAbs } from '../../../src/sites/arxiv-abs';
import { ADAPTERS } from '../../../src/sites/registry';

const fixture = (path: string) =>
  parseHTML(readFileSync(new URL(`../../fixtures/pages/${path}`, import.meta.url), 'utf8')).document;

describe('site adapters', () => {
  for (const adapter of ADAPTERS) {
    it(`${adapter.id} matches its own examples`, () => {
      for (const u of adapter.examples.match) expect(adapter.matches(new URL(u)), u).toBe(true);
      for (const u of adapter.examples.noMatch ?? []) expect(adapter.matches(new URL(u)), u).toBe(false);
    });
    it(`${adapter.id} rejects every other adapter's examples`, () => {
      for (const other of ADAPTERS.filter((a) => a !== adapter))
        for (const u of other.examples.match) expect(adapter.matches(new URL(u)), u).toBe(false);
    });
  }
});

describe('arXiv abstract page', () => {
  it('reads id, title, authors and abstract', () => {
    const doc = fixture('arxiv.org/abs/2210.16859.html');
    const [found, ...rest] = arxivAbs.extract(doc, new URL('https://arxiv.org/abs/2210.16859v1'));
    expect(rest).toEqual([]);
    expect(found?.id).toBe('2210.16859');
    expect(found?.title).toBe('A Solvable Model of Neural Scaling Laws');
    expect(found?.authors).toEqual(['Alexander Maloney', 'Daniel A. Roberts', 'James Sully']);
    expect(found?.abstract).toMatch(/^Large language models with a huge number of parameters/);
    expect(found?.anchor.matches('blockquote.abstract')).toBe(true);
  });

  it('falls back to citation meta tags when the body has no author links', () => {
    const doc = fixture('arxiv.org/abs/2501.09876.html');
    for (const a of Array.from(doc.querySelectorAll('.authors'))) a.remove();
    const [found] = arxivAbs.extract(doc, new URL('https://arxiv.org/abs/2501.09876'));
    expect(found?.authors).toEqual(['Mira Okonkwo', 'Tobias Lindqvist', 'Ana Beatriz Ferreira']);
  });

  it('finds nothing on a page with no title', () => {
    const { document } = parseHTML('<html><body><p>Not found</p></body></html>');
    expect(arxivAbs.extract(document, new URL('https://arxiv.org/abs/2210.16859'))).toEqual([]);
  });
});
