/** The importers on our own small fixtures (tests/fixtures/importers), written after the real samples. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../../src/corpus/importers/bibtex';
import { linesOf } from '../../../src/corpus/importers/chunks';
import {
  collect,
  detectFormat,
  type ImportFormat,
  importStream,
  type TextInput,
} from '../../../src/corpus/importers/index';

const dir = new URL('../../fixtures/importers/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
const options = { file: 'fixture', importId: 'imp-1', at: '2026-01-01T00:00:00.000Z' };

async function run(format: ImportFormat, input: TextInput, extra: { categories?: string[] } = {}) {
  return collect(importStream(format, input, { ...options, ...extra }), 'fixture', format);
}

/** The same text cut into chunks of `size` characters, as a stream would deliver it. */
async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('format sniffing', () => {
  it.each([
    ['atom-2016.xml', 'arxiv-atom'],
    ['atom-2026.xml', 'arxiv-atom'],
    ['atom-error.xml', 'arxiv-atom'],
    ['rss2.xml', 'arxiv-rss'],
    ['rss-rdf.xml', 'arxiv-rss'],
    ['oai-arxiv.xml', 'oai-pmh'],
    ['oai-dc.xml', 'oai-pmh'],
    ['snapshot.jsonl', 'arxiv-snapshot'],
    ['reading-list.bib', 'bibtex'],
  ])('recognises %s as %s from its content', (name, format) => {
    expect(detectFormat(fixture(name).slice(0, 300), 'upload')).toBe(format);
  });

  it('falls back on the file name, and says nothing for unknown input', () => {
    expect(detectFormat('', 'list.bib')).toBe('bibtex');
    expect(detectFormat('', 'dump.jsonl')).toBe('arxiv-snapshot');
    expect(detectFormat('hello', 'notes.txt')).toBeUndefined();
  });
});

describe('arXiv API (Atom)', () => {
  it('reads the older feed style: wrapped text joined, TeX cleaned, DOI, journal ref, affiliations, code', async () => {
    const { papers, report } = await run('arxiv-atom', fixture('atom-2016.xml'));
    expect(report).toMatchObject({ read: 2, rejected: 0 });
    expect(papers[0]).toMatchObject({
      id: '1111.2011',
      title: 'Tuning μP for Balázs Kégl’s Networks'.replace('’', "'"),
      authors: [
        { name: 'Balázs Kégl', key: 'kegl|b' },
        { name: 'Jane Q. Doe', key: 'doe|j' },
      ],
      abstract: 'A summary that the feed wraps at seventy-nine characters, with indentation.',
      published: '2011-11-08',
      updated: '2012-04-02',
      primaryCategory: 'cond-mat.str-el',
      categories: ['cond-mat.str-el', 'cs.LG'],
      doi: '10.1103/PhysRevB.85.115117',
      journalRef: 'Phys. Rev. B 85, 115117 (2012)',
      organisations: ['LAL Orsay'],
      codeUrls: ['https://github.com/example/mup'],
      provenance: [{ kind: 'imported', importId: 'imp-1', file: 'fixture', at: options.at }],
    });
    expect(papers[1]?.id).toBe('hep-th/9901001');
  });

  it('reads the current feed style and rejects an entry with a bad id, naming it', async () => {
    const { papers, report } = await run('arxiv-atom', fixture('atom-2026.xml'));
    expect(papers.map((p) => p.id)).toEqual(['2604.26951', '2604.26942']);
    expect(papers[0]?.abstract).toBe('We present a fixture & nothing more.');
    expect(papers[1]).toMatchObject({ published: '2026-04-28', updated: '2026-04-30' });
    expect(report.rejections).toHaveLength(1);
    expect(report.rejections[0]?.where).toMatch(/^entry 3 \(line \d+\)$/);
    expect(report.rejections[0]?.reason).toBe('not an arXiv id: "not-an-arxiv-id"');
  });

  it('turns the API error feed into a clear error, with no papers', async () => {
    const { papers, report } = await run('arxiv-atom', fixture('atom-error.xml'));
    expect(papers).toEqual([]);
    expect(report.error).toBe('entry 1: arXiv API error: incorrect id format for xyz');
  });

  it('keeps what it parsed before a file breaks off, and reports where it broke', async () => {
    const { papers, report } = await run('arxiv-atom', fixture('truncated.xml'));
    expect(papers.map((p) => p.title)).toEqual(['The Complete Entry']);
    expect(report.error).toMatch(/^line \d+: malformed XML/);
  });

  it('gives the same papers however the input is chunked', async () => {
    const text = fixture('atom-2016.xml');
    const whole = await run('arxiv-atom', text);
    for (const size of [1, 7, 64]) expect((await run('arxiv-atom', chunked(text, size))).papers).toEqual(whole.papers);
  });
});

describe('arXiv RSS', () => {
  it('reads RSS 2.0: id from the link, abstract after "Abstract:", creators, listing date', async () => {
    const { papers } = await run('arxiv-rss', fixture('rss2.xml'));
    expect(papers[0]).toMatchObject({
      id: '2604.21952',
      abstract: 'This work presents a fixture. Code: https://github.com/example/focus.',
      authors: [{ name: 'Muhammad Shafique' }, { name: 'Abdul Basit' }, { name: 'Minghao Shao' }],
      primaryCategory: 'cs.LG',
      categories: ['cs.LG', 'cs.AI'],
      codeUrls: ['https://github.com/example/focus'],
      listings: [{ source: 'arXiv RSS (fixture)', date: '2026-04-27' }],
    });
    // The feed date is the announcement, not the submission.
    expect(papers[0]?.published).toBeUndefined();
    expect(papers[1]?.abstract).toBe('Replaced text.');
  });

  it('reads the old RDF form: title suffix removed, HTML stripped, "et al." marks a cut list', async () => {
    const { papers } = await run('arxiv-rss', fixture('rss-rdf.xml'));
    expect(papers[0]).toMatchObject({
      id: '2309.14322',
      title: 'Small-scale proxies for large-scale Transformer training instabilities',
      abstract: 'Teams that have trained large Transformer-based models have reported instabilities.',
      authors: [{ name: 'Mitchell Wortsman' }, { name: 'Peter J. Liu' }],
      primaryCategory: 'cs.LG',
    });
    expect(papers[1]).toMatchObject({
      title: 'Observation of excited Ω_c⁰ baryons',
      authors: [{ name: 'LHCb collaboration' }, { name: 'R. Aaij' }],
      authorsTruncated: true,
    });
  });
});

describe('OAI-PMH', () => {
  it('reads the arXiv format and returns the resumption token', async () => {
    const { papers, report } = await run('oai-pmh', fixture('oai-arxiv.xml'));
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: '1102.0026',
      title: 'Spatially-Aware Comparison and Consensus for Clusterings',
      authors: [{ name: 'Parasaran Raman' }, { name: 'Jeff M. Phillips' }, { name: 'Planck Collaboration' }],
      organisations: ['University of Utah'],
      abstract: 'This paper proposes a new distance metric between clusterings.',
      published: '2011-01-31',
      updated: '2015-03-18',
      primaryCategory: 'cs.LG',
      categories: ['cs.LG', 'cs.CG', 'cs.DB'],
      doi: '10.1137/1.9781611972818.8',
      journalRef: 'Proc. SDM 2011',
    });
    expect(report.resumptionToken).toBe('6529712|1001');
    expect(report.rejections).toEqual([
      { where: 'record 2 (oai:arXiv.org:1102.0099)', reason: 'deleted in the repository' },
      { where: 'record 3 (oai:arXiv.org:1102.0100)', reason: 'no arXiv, arXivRaw or oai_dc metadata' },
    ]);
  });

  it('reads arXivRaw: author string, version dates, TeX names', async () => {
    const { papers } = await run('oai-pmh', fixture('oai-arxivraw.xml'));
    expect(papers[0]).toMatchObject({
      id: 'cs/0001024',
      title: 'A Parallel Algorithm for Über-Dilated Contours',
      authors: [{ name: 'B. R. Schlei' }, { name: 'L. Prasad' }, { name: 'Z. Dvořák' }],
      published: '2000-01-25',
      updated: '2000-02-02',
    });
  });

  it('reads oai_dc, without turning subject names into category codes', async () => {
    const { papers } = await run('oai-pmh', fixture('oai-dc.xml'));
    expect(papers[0]).toMatchObject({
      id: '1507.03011',
      authors: [{ name: 'J. E. Young' }, { name: 'Rachel Kuzio de Naray' }],
      abstract: 'We introduce the MUSCEL Program.',
      published: '2015-07-10',
    });
    expect(papers[0]?.categories).toBeUndefined();
  });

  it('turns an OAI-PMH error into a clear error', async () => {
    const { report } = await run('oai-pmh', fixture('oai-error.xml'));
    expect(report.error).toBe(
      'OAI-PMH error badResumptionToken: The value of the resumptionToken argument is invalid or expired.',
    );
  });
});

describe('arXiv metadata snapshot (JSON lines)', () => {
  it('reads good lines and rejects bad ones with their line number', async () => {
    const { papers, report } = await run('arxiv-snapshot', fixture('snapshot.jsonl'));
    expect(papers.map((p) => p.id)).toEqual(['0704.0001', '0704.0002', '2301.00001']);
    expect(papers[0]).toMatchObject({
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      authors: [{ name: 'C. Balázs' }, { name: 'E. L. Berger' }],
      abstract: 'A fully differential calculation is presented.',
      published: '2007-04-02',
      updated: '2007-07-24',
      doi: '10.1103/PhysRevD.76.013009',
    });
    expect(papers[2]).toMatchObject({ title: 'Learning μP with style', codeUrls: ['https://github.com/example/mup'] });
    expect(report.read).toBe(5);
    expect(report.rejections.map((r) => r.where)).toEqual(['line 3', 'line 4']);
    expect(report.rejections[0]?.reason).toMatch(/^not JSON/);
    expect(report.rejections[1]?.reason).toBe('no title');
  });

  it('filters by category, by exact code or whole archive', async () => {
    const byCode = await run('arxiv-snapshot', fixture('snapshot.jsonl'), { categories: ['cs.CG'] });
    expect(byCode.papers.map((p) => p.id)).toEqual(['0704.0002']);
    const byArchive = await run('arxiv-snapshot', fixture('snapshot.jsonl'), { categories: ['hep-ph', 'stat'] });
    expect(byArchive.papers.map((p) => p.id)).toEqual(['0704.0001', '2301.00001']);
  });

  it('splits lines across chunk boundaries and CRLF endings', async () => {
    const text = 'a\r\nbb\ncc';
    const lines: string[] = [];
    for await (const l of linesOf(chunked(text, 1))) lines.push(`${l.line}:${l.text}`);
    expect(lines).toEqual(['1:a', '2:bb', '3:cc']);
  });
});

describe('BibTeX', () => {
  it('reads arXiv exports, Scholar entries and macros; rejects a broken entry and goes on', async () => {
    const { papers, report } = await run('bibtex', fixture('reading-list.bib'));
    expect(papers.map((p) => p.id)).toEqual(['2210.16859', '2001.00001', papers[2]?.id, papers[3]?.id]);
    expect(papers[0]).toMatchObject({ title: 'A Solvable Model of Neural Scaling Laws', primaryCategory: 'cs.LG' });
    expect(papers[1]).toMatchObject({
      title: 'Tuning μP for Balázs and friends',
      authors: [{ name: 'Balázs Kégl' }, { name: 'Jane Doe' }],
      authorsTruncated: true,
    });
    expect(papers[1]?.journalRef).toBeUndefined();
    expect(papers[2]).toMatchObject({
      journalRef: 'International Conference on Learning Representations Workshops',
      doi: '10.1000/xyz',
      authors: [{ name: 'Daniel A. Roberts' }],
    });
    expect(papers[2]?.id).toMatch(/^title:/);
    expect(papers[3]?.title).toBe('The Principles of Deep Learning Theory');
    expect(report.rejections).toHaveLength(1);
    expect(report.rejections[0]?.reason).toMatch(/unbalanced braces/);
  });

  it('parses values in braces, quotes, numbers and # concatenations', () => {
    const [item] = parseBibtex('@misc{k, a = {x {y}}, b = "p" # {q}, c = 2020, d = jan}');
    expect(item?.ok && Object.fromEntries(item.entry.fields)).toEqual({ a: 'x {y}', b: 'pq', c: '2020', d: 'January' });
  });
});
