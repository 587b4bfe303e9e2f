/**
 * The figures and tables of an arXiv HTML page (LaTeXML), read from a fixture written after the real
 * markup (tests/fixtures/pages/arxiv.org/html/2503.04567.html) and from small hostile pages, with linkedom.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ArxivId } from '../../../src/core/paper';
import {
  countFloats,
  extractFigures,
  FIGURE_LIMITS,
  firstSentence,
  htmlBase,
  htmlVersionLink,
  htmlVersionUrl,
} from '../../../src/sites/arxiv-figures';

const FIXTURE = readFileSync(new URL('../../fixtures/pages/arxiv.org/html/2503.04567.html', import.meta.url), 'utf8');
const PAGE = new URL('https://arxiv.org/html/2503.04567v1');
const doc = (html: string) => parseHTML(html).document;
const page = (body: string) => doc(`<!DOCTYPE html><html><head></head><body><article>${body}</article></body></html>`);

describe('figures and tables of an arXiv HTML page', () => {
  const d = doc(FIXTURE);
  const figures = extractFigures(d, htmlBase(d, PAGE));

  it('lists every figure and table once, in document order, with its label and kind', () => {
    expect(figures.map((f) => [f.kind, f.label, f.target])).toEqual([
      ['figure', 'Figure 1', 'S1.F1'],
      ['figure', 'Figure 2', 'S2.F2'],
      ['table', 'Table 1', 'S2.T1'],
      ['figure', 'Algorithm 1', 'alg1'],
      ['figure', 'Figure 3', 'S2.F3'],
      ['figure', 'Figure 4', 'S2.F4'],
      ['figure', 'Figure 5', 'S2.F5.fig1'],
      ['table', 'Table 2', 'S2.T2'],
      ['figure', 'Figure 6', 'A1.F6'],
    ]);
  });

  it("keeps the caption's first sentence, with math as its TeX and abbreviations inside the sentence", () => {
    expect(figures[0]?.caption).toBe('Forgetting falls as the number of experts E grows, e.g. by 30% at E=64.');
    expect(figures[1]?.caption).toBe('Loss on the old domain during continual pretraining.');
    expect(figures[3]?.caption).toBe('Continual pretraining with replay');
  });

  it("resolves thumbnails against the page's <base>, and a figure with subfigures shows its first panel", () => {
    expect(figures[0]?.image).toBe('https://arxiv.org/html/2503.04567v1/x1.png');
    expect(figures[1]?.image).toBe('https://arxiv.org/html/2503.04567v1/extracted/6001234/figures/loss_small.png');
  });

  it('gives a table its first cells (header row marked) and no thumbnail', () => {
    expect(figures[2]?.image).toBeUndefined();
    expect(figures[2]?.cells).toEqual([
      ['Model', 'Experts', '\\alpha'],
      ['Dense', '1', '0.31'],
      ['MoE', '64', '0.22'],
    ]);
    expect(figures[2]?.headerRow).toBe(true);
  });

  it('lists a figure whose image is missing, or not on the page origin, without a thumbnail', () => {
    expect(figures[4]).toMatchObject({ label: 'Figure 3', caption: expect.stringMatching(/^Router entropy/) });
    expect(figures[4]?.image).toBeUndefined();
    expect(figures[8]?.image).toBeUndefined();
  });

  it('reads a hostile caption as bounded plain text: markup as text, no script, no direction overrides', () => {
    const t2 = figures[7];
    expect(t2?.caption).toContain('<img src=x onerror=alert(1)>');
    expect(t2?.caption).toContain('bold results for');
    expect(t2?.caption).not.toContain('pwned');
    expect(t2?.caption).not.toMatch(/[\u202a-\u202e]/);
    expect(t2?.caption.length).toBeLessThanOrEqual(FIGURE_LIMITS.caption);
    expect(t2?.cells?.[0]?.[0]).toMatch(/^<script>alert\(2\)/);
    expect(t2?.cells?.[0]?.[1]?.length).toBeLessThanOrEqual(FIGURE_LIMITS.cell);
    expect(t2?.headerRow).toBe(false);
  });
});

describe('edge cases', () => {
  const base = new URL('https://arxiv.org/html/2401.00001v1/');

  it('answers nothing for a page without floats (and counts none)', () => {
    const d = page('<p>No figures here.</p>');
    expect(extractFigures(d, base)).toEqual([]);
    expect(countFloats(d)).toBe(0);
  });

  it('labels unnumbered floats by their kind, and skips images on other hosts or with no source', () => {
    const d = page(`
      <figure class="ltx_figure" id="F1"><img src="https://tracker.example.com/p.png"><img src=""><figcaption class="ltx_caption">An unnumbered figure.</figcaption></figure>
      <figure class="ltx_table" id="T1"><img src="t1.png"><figcaption class="ltx_caption">A table set as an image.</figcaption></figure>`);
    const [f, t] = extractFigures(d, base);
    expect(f).toMatchObject({ kind: 'figure', label: 'Figure', caption: 'An unnumbered figure.' });
    expect(f?.image).toBeUndefined();
    expect(t).toMatchObject({ kind: 'table', label: 'Table', image: 'https://arxiv.org/html/2401.00001v1/t1.png' });
    expect(t?.cells).toBeUndefined();
  });

  it('lists at most FIGURE_LIMITS.items floats of a page that has more', () => {
    const many = Array.from(
      { length: FIGURE_LIMITS.items + 20 },
      (_, i) =>
        `<figure class="ltx_figure" id="F${i}"><figcaption class="ltx_caption"><span class="ltx_tag">Figure ${i + 1}: </span>C.</figcaption></figure>`,
    ).join('');
    const d = page(many);
    const figures = extractFigures(d, base);
    expect(figures).toHaveLength(FIGURE_LIMITS.items);
    expect(figures.at(-1)?.label).toBe(`Figure ${FIGURE_LIMITS.items}`);
    expect(countFloats(d)).toBe(FIGURE_LIMITS.items + 20);
  });

  it('clips a caption without any sentence end, keeping surrogate pairs whole', () => {
    const long = '𝔸'.repeat(400);
    const s = firstSentence(long);
    expect(s.length).toBeLessThanOrEqual(FIGURE_LIMITS.caption);
    expect(s.endsWith('…')).toBe(true);
    expect(s.slice(0, -1)).toBe('𝔸'.repeat((s.length - 1) / 2));
  });

  it('does not end a sentence at an initial, "et al." or "Fig."', () => {
    expect(firstSentence('As in J. Smith et al. and Fig. 2, loss drops. Then it rises.')).toBe(
      'As in J. Smith et al. and Fig. 2, loss drops.',
    );
  });
});

describe('where the HTML version is', () => {
  it('asks arxiv.org for the newest version of the paper', () => {
    expect(htmlVersionUrl('2503.04567' as ArxivId)).toBe('https://arxiv.org/html/2503.04567');
    expect(htmlVersionUrl('hep-th/9901001' as ArxivId)).toBe('https://arxiv.org/html/hep-th/9901001');
  });

  it("resolves against the answer's <base>, else the folder of the address it came from", () => {
    const answered = new URL('https://arxiv.org/html/2503.04567v2');
    expect(htmlBase(page(''), answered).href).toBe('https://arxiv.org/html/2503.04567v2/');
    expect(htmlBase(doc('<html><head><base href="/html/2503.04567v2/"></head></html>'), answered).href).toBe(
      'https://arxiv.org/html/2503.04567v2/',
    );
  });
});

describe("the abs page's link to its HTML version", () => {
  it('is taken when it points into arxiv.org/html, and refused elsewhere', () => {
    const abs = (href: string) => page(`<a id="latexml-download-link" href="${href}">HTML (experimental)</a>`);
    expect(htmlVersionLink(abs('https://arxiv.org/html/2501.09876v2'))).toBe('https://arxiv.org/html/2501.09876v2');
    expect(htmlVersionLink(abs('/html/2501.09876v2'))).toBe('https://arxiv.org/html/2501.09876v2');
    expect(htmlVersionLink(abs('https://evil.example.com/html/2501.09876v2'))).toBeUndefined();
    expect(htmlVersionLink(abs('https://arxiv.org/pdf/2501.09876v2'))).toBeUndefined();
    expect(htmlVersionLink(page('<a href="/pdf/1">PDF</a>'))).toBeUndefined();
  });
});
