/** The seed parsers, each on a small document written in its format. */
import { describe, expect, it } from 'vitest';
import type { ArxivId } from '../../../src/core/paper';
import { parseSeed } from '../../../src/corpus/seeds/index';
import { splitTitleAndAuthors } from '../../../src/corpus/seeds/listing';
import { matchSeedEntries, type ReferencePaper } from '../../../src/corpus/seeds/match';
import { parseAuthorList } from '../../../src/corpus/seeds/text';

describe('author profile page', () => {
  const page = [
    'Ada Lovelace',
    '',
    'LG',
    'h-index7',
    '3papers',
    '1,204citations',
    'Novelty12%',
    '',
    '3 Papers',
    '',
    'MLJan 2, 2020',
    'On Engines',
    '',
    'Ada Lovelace, Charles Babbage',
    '',
    'We study engines.',
    '',
    'HEP-THFeb 29, 2024Code',
    'Second Paper',
    '',
    'Ada Lovelace et al.',
    '',
    'Code at https://github.com/a/b.',
  ].join('\n');
  const doc = parseSeed(page, 'p.txt');

  it('reads the figures and names the page they came from', () => {
    expect(doc.kind).toBe('author-profile');
    expect(doc.authorStats).toEqual([
      { author: 'Ada Lovelace', hIndex: 7, papers: 3, citations: 1204, source: 'seed p.txt (author profile page)' },
    ]);
  });

  it('reads each entry: label, ISO date, title, authors, abstract, code', () => {
    expect(doc.entries.map((e) => [e.label, e.date, e.title, e.authors, e.abstract])).toEqual([
      ['ML', '2020-01-02', 'On Engines', ['Ada Lovelace', 'Charles Babbage'], 'We study engines.'],
      ['HEP-TH', '2024-02-29', 'Second Paper', ['Ada Lovelace'], 'Code at https://github.com/a/b.'],
    ]);
    expect(doc.entries[1]).toMatchObject({
      authorsTruncated: true,
      hasCode: true,
      codeUrls: ['https://github.com/a/b'],
    });
  });
});

describe('code-for-papers page', () => {
  const page = [
    'Get our free extension to see links to code for papers anywhere online!',
    '',
    'Grace Hopper, Alan M. Turing',
    '',
    'Abstract one, first version.',
    '',
    'Via',
    '',
    'Figures and Tables:',
    '',
    'Abstract:Abstract two.',
    '',
    'Via',
    '',
    'Authors:Edsger Dijkstra, Barbara Liskov(+3 more)',
    '',
    'Abstract:Abstract three.',
    '',
    'Via',
    '',
  ].join('\n');
  const doc = parseSeed(page, 'c.txt');

  it('splits entries at "Via" and drops the banner and labels', () => {
    expect(doc.kind).toBe('code-for-papers');
    expect(doc.entries.map((e) => e.abstract)).toEqual([
      'Abstract one, first version.',
      'Abstract two.',
      'Abstract three.',
    ]);
    expect(doc.entries.map((e) => e.title)).toEqual([undefined, undefined, undefined]);
  });

  it('reads bare and labelled author lines, and "(+N more)" as truncated', () => {
    expect(doc.entries[0]?.authors).toEqual(['Grace Hopper', 'Alan M. Turing']);
    expect(doc.entries[1]?.authors).toBeUndefined();
    expect(doc.entries[2]).toMatchObject({ authors: ['Edsger Dijkstra', 'Barbara Liskov'], authorsTruncated: true });
  });
});

describe('collaborating-authors page', () => {
  const page = [
    'Goto',
    '',
    'Collaborating Authors',
    '',
    ' Hopper, Grace',
    '',
    '',
    'A Title',
    '',
    'arXiv.org Machine Learning',
    '',
    'An abstract.',
    '',
    '',
    'Another Title',
    '',
    'arXiv.org Artificial Intelligence',
    '',
    'Scaling is predictable [17]. It is [2, 6].',
  ].join('\n');
  const doc = parseSeed(page, 'k.txt');

  it('reads title, source line and text, and the page author in display order', () => {
    expect(doc.pageAuthor).toBe('Grace Hopper');
    expect(doc.entries.map((e) => [e.title, e.venue, e.abstract])).toEqual([
      ['A Title', 'arXiv.org Machine Learning', 'An abstract.'],
      ['Another Title', 'arXiv.org Artificial Intelligence', 'Scaling is predictable [17]. It is [2, 6].'],
    ]);
  });

  it('flags text with numeric citations as an introduction, not an abstract', () => {
    expect(doc.entries.map((e) => e.abstractIsExcerpt ?? false)).toEqual([false, true]);
  });
});

describe('listing page', () => {
  it('cuts the title from the author list where the names begin, keeping camel-case titles whole', () => {
    expect(splitTitleAndAuthors('AdaNet: A Framework for EnsemblesCharles Weill, Javier Gonzalvo et al.')).toEqual({
      title: 'AdaNet: A Framework for Ensembles',
      authors: ['Charles Weill', 'Javier Gonzalvo'],
      truncated: true,
      organisations: [],
    });
    expect(splitTitleAndAuthors('Do I agree 2+2=5?C. Daniel Freeman, Laura Culp · anthropic, deepmind')).toEqual({
      title: 'Do I agree 2+2=5?',
      authors: ['C. Daniel Freeman', 'Laura Culp'],
      truncated: false,
      organisations: ['anthropic', 'deepmind'],
    });
  });

  it('reads label, date, code flag and abstract per entry', () => {
    const doc = parseSeed(
      [
        'LGApr 30, 2019Code',
        'NetworksAlexander D’Amour, John D. Co-Reyes',
        'Text.',
        'MLMar 9, 2023',
        'TitleBen Adlam',
        'More.',
      ].join('\n'),
      'l.txt',
    );
    expect(doc.kind).toBe('listing');
    expect(doc.entries.map((e) => [e.label, e.date, e.title, e.authors, e.hasCode ?? false, e.abstract])).toEqual([
      ['LG', '2019-04-30', 'Networks', ['Alexander D’Amour', 'John D. Co-Reyes'], true, 'Text.'],
      ['ML', '2023-03-09', 'Title', ['Ben Adlam'], false, 'More.'],
    ]);
  });
});

describe('author lines', () => {
  it('tells names from prose', () => {
    expect(parseAuthorList('Daniel A. Roberts, Sho Yaida')?.authors).toEqual(['Daniel A. Roberts', 'Sho Yaida']);
    expect(parseAuthorList('We study the effect of width, depth and data')).toBeUndefined();
  });
});

describe('seed entry matching', () => {
  const ref: ReferencePaper[] = [
    { id: '2101.00001' as ArxivId, title: 'Stochastic Collapse of Gradient Noise', authors: ['Feng Chen'] },
    { id: '2101.00002' as ArxivId, title: 'Holistic Evaluation of Language Models', authors: ['Percy Liang'] },
  ];
  it('matches titled entries by title, then untitled ones by abstract, then by title words and authors', () => {
    const entries = [
      {
        file: 'a',
        line: 1,
        title: 'Holistic evaluation of language models',
        abstract: 'one two three four five six seven',
      },
      { file: 'b', line: 1, abstract: 'one two three four five six seven eight' },
      { file: 'b', line: 2, abstract: 'Gradient noise drives a collapse that is stochastic.' },
    ];
    const { matches, unmatched } = matchSeedEntries(entries, ref);
    expect(unmatched).toEqual([]);
    expect(matches.map((m) => [m.id, m.method])).toEqual([
      ['2101.00002', 'title'],
      ['2101.00002', 'abstract'],
      ['2101.00001', 'title-words'],
    ]);
  });

  it('leaves an entry unmatched rather than guess without a margin', () => {
    const { unmatched } = matchSeedEntries([{ file: 'c', line: 1, abstract: 'Nothing in common here at all.' }], ref);
    expect(unmatched.length).toBe(1);
  });
});
