/**
 * Every site adapter against its own example URLs and every other adapter's, and against its fixture
 * pages (parsed with linkedom, as a content script would see them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { arxivAbs } from '../../../src/sites/arxiv-abs';
import { arxivAuthor } from '../../../src/sites/arxiv-author';
import { arxivHtml } from '../../../src/sites/arxiv-html';
import { arxivListing } from '../../../src/sites/arxiv-listing';
import { arxivSearch } from '../../../src/sites/arxiv-search';
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

describe('adapters read entry by entry', () => {
  const pages: [string, string][] = [
    ['arxiv.org/list/cs.LG/new.html', 'https://arxiv.org/list/cs.LG/new'],
    ['arxiv.org/list/cs.LG/pastweek__skip=0_show=2000.html', 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000'],
    ['arxiv.org/a/maloney_a_1.html', 'https://arxiv.org/a/maloney_a_1'],
    ['arxiv.org/search__query=scaling_laws_searchtype=all.html', 'https://arxiv.org/search/?query=scaling+laws'],
  ];
  for (const [path, href] of pages) {
    it(`finds the same papers in ${path} as a whole-page extract`, () => {
      const url = new URL(href);
      const adapter = ADAPTERS.find((a) => a.matches(url));
      const doc = fixture(path);
      expect(adapter?.entries && adapter.readEntry).toBeTruthy();
      const oneByOne = (adapter?.entries?.(doc) ?? []).map((el) => adapter?.readEntry?.(el, url)?.id).filter(Boolean);
      expect(oneByOne).toEqual(adapter?.extract(doc, url).map((f) => f.id));
      expect(oneByOne.length).toBeGreaterThan(1);
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

describe('arXiv abstract page with an old-style id', () => {
  it('reads the Subjects line, comments, journal reference, DOI and first submission date', () => {
    const doc = fixture('arxiv.org/abs/hep-th/9901001.html');
    const [found] = arxivAbs.extract(doc, new URL('https://arxiv.org/abs/hep-th/9901001v1'));
    expect(found?.id).toBe('hep-th/9901001');
    expect(found?.authors).toEqual(['Yonatan Kahn', 'Daniel A. Roberts']);
    expect(found?.categories).toEqual(['hep-th', 'cs.LG']);
    expect(found?.comments).toBe('21 pages, 3 eps figures, typographical errors corrected');
    expect(found?.journalRef).toBe('Prog.Theor.Phys.999:1-21,1999');
    expect(found?.doi).toBe('10.1143/PTP.999.0001');
    expect(found?.published).toBe('1999-01-01');
  });
});

describe('arXiv HTML (LaTeXML) page', () => {
  it('reads title, the names out of the author blocks (not affiliations or e-mails) and the abstract', () => {
    const doc = fixture('arxiv.org/html/2502.01234.html');
    const [found, ...rest] = arxivHtml.extract(doc, new URL('https://arxiv.org/html/2502.01234v1'));
    expect(rest).toEqual([]);
    expect(found?.id).toBe('2502.01234');
    expect(found?.title).toBe('Learning-Rate Transfer Across Width in Residual Networks');
    expect(found?.authors).toEqual(['Mira Okonkwo', 'Tobias Lindqvist', 'Ana Beatriz Ferreira']);
    expect(found?.abstract).toMatch(/^We study how optimal learning rates transfer/);
    expect(found?.anchor.matches('.ltx_abstract')).toBe(true);
  });
});

describe('arXiv listing pages', () => {
  it('finds every entry of a /new page in all three sections, with abstracts, comments and categories', () => {
    const doc = fixture('arxiv.org/list/cs.LG/new.html');
    const found = arxivListing.extract(doc, new URL('https://arxiv.org/list/cs.LG/new'));
    expect(found.map((f) => f.id)).toEqual([
      '2607.01001',
      '2607.01002',
      '2607.01003',
      '2607.01004',
      '2607.01005',
      '2607.01006',
      '2210.16859',
      '2402.01092',
    ]);
    const [first] = found;
    expect(first?.title).toBe('Power-Law Scaling of Test Loss in Random Feature Models with Structured Data');
    expect(first?.authors).toEqual(['Mira Okonkwo', 'Blake Bordelon', 'Tobias Lindqvist']);
    expect(first?.categories).toEqual(['cs.LG', 'stat.ML']);
    expect(first?.comments).toMatch(/^22 pages/);
    expect(first?.abstract).toMatch(/^We derive neural scaling laws/);
    expect(found[7]?.journalRef).toBe('Proceedings of ICML 2024');
  });

  it('reads the older markup ("Authors:" labels, span.list-identifier) on pastweek and month pages', () => {
    for (const [path, url, n] of [
      [
        'arxiv.org/list/cs.LG/pastweek__skip=0_show=2000.html',
        'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000',
        8,
      ],
      ['arxiv.org/list/cs.LG/2607.html', 'https://arxiv.org/list/cs.LG/2607', 6],
    ] as const) {
      const found = arxivListing.extract(fixture(path), new URL(url));
      expect(found, path).toHaveLength(n);
      expect(found[0]?.authors).toEqual(['Mira Okonkwo', 'Blake Bordelon', 'Tobias Lindqvist']);
      expect(found[0]?.title).toBe('Power-Law Scaling of Test Loss in Random Feature Models with Structured Data');
      expect(found[0]?.abstract).toBeUndefined();
    }
  });

  it('reads author listings, which use the listing markup', () => {
    const found = arxivAuthor.extract(
      fixture('arxiv.org/a/maloney_a_1.html'),
      new URL('https://arxiv.org/a/maloney_a_1'),
    );
    expect(found.map((f) => f.id)).toEqual(['2210.16859', '2607.01007']);
  });

  it('drops the stray "and " arXiv leaves before a last author', () => {
    const { document } = parseHTML(
      `<dl id='articles'><dt><a href="/abs/math/0510544" title="Abstract">arXiv:math/0510544</a></dt><dd><div class='meta'>
       <div class='list-title'><span class='descriptor'>Title:</span> Leibniz things</div>
       <div class='list-authors'><a href="#">Naihong Hu</a>, <a href="#">and Linsheng Zhu</a></div></div></dd></dl>`,
    );
    const [found] = arxivListing.extract(document, new URL('https://arxiv.org/list/math.RT/new'));
    expect(found?.id).toBe('math/0510544');
    expect(found?.authors).toEqual(['Naihong Hu', 'Linsheng Zhu']);
  });
});

describe('arXiv search results', () => {
  it('finds every result with its full abstract, categories and comments', () => {
    const doc = fixture('arxiv.org/search__query=scaling_laws_searchtype=all.html');
    const found = arxivSearch.extract(doc, new URL('https://arxiv.org/search/?query=scaling+laws&searchtype=all'));
    expect(found.map((f) => f.id)).toEqual(['2210.16859', '2607.01001', '2402.01092', '2607.01003']);
    expect(found[1]?.authors).toEqual(['Mira Okonkwo', 'Blake Bordelon', 'Tobias Lindqvist']);
    expect(found[1]?.abstract).toMatch(/^We derive neural scaling laws.*language models\.$/);
    expect(found[1]?.categories).toEqual(['cs.LG', 'stat.ML']);
    expect(found[1]?.comments).toMatch(/^22 pages/);
  });
});

/** The adapters over arXiv's real markup (captures and arXiv's own renders), where ../shared is present. */
const REAL = new URL('../../../../shared/fixtures/real/', import.meta.url);
const real = (p: string) => parseHTML(readFileSync(new URL(p, REAL), 'utf8')).document;
describe.skipIf(!existsSync(REAL))('conformance with real arXiv pages (../shared/fixtures/real)', () => {
  it('reads every entry of the real 2026 list capture', () => {
    const doc = real('arxiv_list_html/shelf__list_cs.CL_recent_2026-07-28.html');
    const found = arxivListing.extract(doc, new URL('https://arxiv.org/list/cs.CL/recent'));
    expect(found.length).toBe(doc.querySelectorAll('dl#articles > dt').length);
    expect(found.length).toBeGreaterThan(40);
    expect(found.every((f) => f.title && f.authors.length > 0)).toBe(true);
  });

  it('reads every entry of arXiv-rendered /new, /recent, /pastweek and month listings', () => {
    for (const f of readdirSync(new URL('arxiv_rendered_by_arxiv_browse/', REAL)).filter((n) => n.includes('_list_'))) {
      const doc = real(`arxiv_rendered_by_arxiv_browse/${f}`);
      const found = arxivListing.extract(doc, new URL('https://arxiv.org/list/astro-ph/new'));
      expect(found.length, f).toBe(doc.querySelectorAll('dt').length);
      expect(
        found.every((p) => p.title && p.authors.length > 0 && (p.categories?.length ?? 0) > 0),
        f,
      ).toBe(true);
    }
    const news = arxivListing.extract(
      real('arxiv_rendered_by_arxiv_browse/arxiv-browse-rendered__fs__list_astro-ph_new.html'),
      new URL('https://arxiv.org/list/astro-ph/new'),
    );
    expect(news.filter((p) => p.abstract).length).toBeGreaterThan(50);
  });

  it('reads old-style abs pages rendered by arXiv', () => {
    const doc = real('arxiv_rendered_by_arxiv_browse/arxiv-browse-rendered__fs__abs_hep-th_9901001.html');
    const [found] = arxivAbs.extract(doc, new URL('https://arxiv.org/abs/hep-th/9901001'));
    expect(found?.id).toBe('hep-th/9901001');
    expect(found?.categories).toEqual(['hep-th']);
    expect(found?.doi).toBe('10.1143/PTP.101.1155');
    expect(found?.journalRef).toBe('Prog.Theor.Phys.101:1155-1164,1999');
  });

  it('reads every result of the real search capture', () => {
    const doc = real('arxiv_search_html/focuzd__arxiv_search_2025-12.html');
    const found = arxivSearch.extract(doc, new URL('https://arxiv.org/search/?query=x'));
    expect(found.length).toBe(doc.querySelectorAll('li.arxiv-result').length);
    expect(found.every((f) => f.title && f.authors.length > 0 && f.abstract)).toBe(true);
  });
});
