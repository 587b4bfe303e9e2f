/**
 * Code links everywhere: where each link comes from (text, a page's repository field, the corpus record),
 * how they are stored with the paper, counted on badges and chips, listed in the panel and filtered in
 * the library. The sites read their fixture pages (linkedom); the background is the real one, with the
 * bundled corpus in fake-indexeddb.
 */
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../src/background/engine-service';
import { createHandlers } from '../../src/background/handlers';
import { installBundle } from '../../src/background/install';
import { learnedPaper } from '../../src/background/learned';
import { PageLearner } from '../../src/background/learning';
import {
  type CodeLink,
  codeFields,
  codeKey,
  codeLinksInText,
  codeLinksOf,
  MAX_CODE_LINKS,
  unionCodeLinks,
} from '../../src/core/code';
import { type PaperId, validatePaper } from '../../src/core/paper';
import { validateBundle } from '../../src/corpus/bundle';
import { type Database, openDatabase } from '../../src/db/database';
import { toCsv, toMarkdown, toRis } from '../../src/engine/export';
import { recogniseEntry } from '../../src/overlay/badges';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import { badgeAdapterFor } from '../../src/sites/registry';

const page = (path: string) =>
  parseHTML(readFileSync(new URL(`../fixtures/pages/${path}`, import.meta.url), 'utf8'))
    .document as unknown as Document;

const found = (path: string, href: string) => {
  const url = new URL(href);
  const adapter = badgeAdapterFor(url);
  if (!adapter) throw new Error(`no adapter for ${href}`);
  return adapter.extract(page(path), url);
};

describe('code links in text', () => {
  it('names comments and abstract links by their field, one per repository however it is written', () => {
    const links = codeLinksInText({
      comments: '12 pages. Code: https://github.com/a/b.',
      abstract: 'We release code at https://www.github.com/a/b/ and data at https://gitlab.com/c/d',
    });
    expect(links).toEqual([
      { url: 'https://github.com/a/b', source: 'comments' },
      { url: 'https://gitlab.com/c/d', source: 'abstract' },
    ]);
  });

  it('explains the links of a record written before sources were kept, from its own text or as the record’s', () => {
    const old = {
      abstract: 'Code is at https://github.com/x/in-abstract.',
      codeUrls: ['https://github.com/x/in-abstract', 'https://github.com/x/from-a-seed-field/'],
    };
    expect(codeLinksOf(old)).toEqual([
      { url: 'https://github.com/x/in-abstract', source: 'abstract' },
      { url: 'https://github.com/x/from-a-seed-field/', source: 'corpus' },
    ]);
  });

  it('keeps every URL in codeUrls and stores a source only where the text cannot tell it again', () => {
    const fields = codeFields([
      { url: 'https://github.com/a/b', source: 'abstract' },
      { url: 'https://github.com/hf/repo', source: 'huggingface' },
    ]);
    expect(fields.codeUrls).toEqual(['https://github.com/a/b', 'https://github.com/hf/repo']);
    expect(fields.codeLinks).toEqual([{ url: 'https://github.com/hf/repo', source: 'huggingface' }]);
    const record = { id: '2401.00001', title: 'T', authors: [], provenance: [], ...fields };
    expect(validatePaper(record).ok).toBe(true);
    const bad = validatePaper({ ...record, codeLinks: [{ url: 'javascript:alert(1)', source: 'huggingface' }] });
    expect(bad.ok ? '' : bad.error).toMatch(/codeLinks/);
    expect(validatePaper({ ...record, codeLinks: [{ url: 'https://github.com/a/b', source: 'a blog' }] }).ok).toBe(
      false,
    );
  });

  it('a union keeps the first source of each repository, in order, and never more than the bound (property)', () => {
    const repo = fc.constantFrom('a/b', 'a/c', 'd/e', 'f/g');
    const link = fc.record({
      url: fc
        .tuple(fc.constantFrom('https://', 'https://www.', 'http://'), repo, fc.constantFrom('', '/', '.git'))
        .map(([p, r, s]) => `${p}github.com/${r}${s}`),
      source: fc.constantFrom<CodeLink['source']>('abstract', 'huggingface', 'paperswithcode'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(link, { maxLength: 30 }), { maxLength: 4 }), (lists) => {
        const out = unionCodeLinks(...lists);
        const keys = out.map((l) => codeKey(l.url));
        expect(new Set(keys).size).toBe(keys.length);
        expect(out.length).toBeLessThanOrEqual(MAX_CODE_LINKS);
        const firsts = lists
          .flat()
          .filter((l, i, all) => all.findIndex((m) => codeKey(m.url) === codeKey(l.url)) === i);
        expect(out).toEqual(firsts.slice(0, MAX_CODE_LINKS));
      }),
    );
  });
});

describe('code links on the sites', () => {
  it('Hugging Face: the repository button is the paper’s code; links in the abstract and the discussion are not', () => {
    const [paper] = found('huggingface.co/papers/2309.14322.html', 'https://huggingface.co/papers/2309.14322');
    expect(paper?.code).toEqual([{ url: 'https://github.com/example-lab/small-scale-proxies', source: 'huggingface' }]);
    expect(recogniseEntry(paper as NonNullable<typeof paper>).code).toEqual(paper?.code);
  });

  it('Papers with Code: every implementation once, credited to Papers with Code', () => {
    const [paper] = found(
      'paperswithcode.com/paper/small-scale-proxies-for-large-scale.html',
      'https://paperswithcode.com/paper/small-scale-proxies-for-large-scale',
    );
    expect(paper?.code?.map((l) => [l.url, l.source])).toEqual([
      ['https://github.com/example-lab/small-scale-proxies', 'paperswithcode'],
      ['https://github.com/community/proxies-pytorch', 'paperswithcode'],
    ]);
  });

  it('a page without a repository field gives no code links', () => {
    const [paper] = found('huggingface.co/papers/2210.16859.html', 'https://huggingface.co/papers/2210.16859');
    expect(paper?.code).toBeUndefined();
    expect(recogniseEntry(paper as NonNullable<typeof paper>)).toEqual({ id: '2210.16859' });
  });
});

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../data/corpus.json', import.meta.url), 'utf8')));
let db: Database;
let engine: EngineService;
let handlers: ReturnType<typeof createHandlers>;
let learner: PageLearner;

describe('code links in the background', () => {
  beforeEach(async () => {
    db = await openDatabase({ factory: new IDBFactory() });
    if (!bundle.ok) throw new Error(bundle.error);
    await installBundle(db, bundle.value);
    const dbFn = async () => db;
    engine = new EngineService(dbFn);
    const deps = {
      db: dbFn,
      engine,
      settings: async () => DEFAULT_SETTINGS,
      now: () => new Date('2026-12-01T10:00:00Z'),
    };
    learner = new PageLearner(deps);
    handlers = createHandlers({ ...deps, learner });
  });

  const HF = 'https://huggingface.co/papers/2309.14322';
  const hfCode: CodeLink[] = [{ url: 'https://github.com/example-lab/small-scale-proxies', source: 'huggingface' }];

  it('a badge counts the corpus record’s links and the page’s; a paper with neither has no count', async () => {
    const { papers } = await handlers['badges/recognise']({
      entries: [
        { id: '2210.05546' as PaperId },
        { id: '2309.14322' as PaperId, code: hfCode },
        { id: '2210.16859' as PaperId },
      ],
    });
    // 2210.05546's record gives its repository twice (with and without a slash): one link.
    expect(papers.map((p) => [p.id, p.code])).toEqual([
      ['2210.05546', 1],
      ['2309.14322', 1],
      ['2210.16859', undefined],
    ]);
  });

  it('a corpus paper keeps the code links a page gave, with the site as their source, and the panel lists them', async () => {
    await handlers['badges/recognise']({ entries: [{ id: '2309.14322' as PaperId, code: hfCode }], learnFrom: HF });
    await learner.flush();
    const stored = await engine.paper('2309.14322' as PaperId);
    expect(stored?.codeLinks).toEqual(hfCode);
    // Everything else the corpus record said stays as it was.
    expect(stored?.title).toBe('Small-scale proxies for large-scale Transformer training instabilities');
    const panel = await handlers['panel/data']({ id: '2309.14322' as PaperId });
    expect(panel.codeLinks).toEqual(hfCode);
    expect(panel.codeUrls).toEqual([hfCode[0]?.url]);
    // A later page with another link adds it; the first stays first.
    const pwc: CodeLink = { url: 'https://github.com/community/proxies-pytorch', source: 'paperswithcode' };
    await handlers['badges/recognise']({
      entries: [{ id: '2309.14322' as PaperId, code: [...hfCode, pwc] }],
      learnFrom: 'https://paperswithcode.com/paper/small-scale-proxies-for-large-scale',
    });
    await learner.flush();
    expect((await handlers['panel/data']({ id: '2309.14322' as PaperId })).codeLinks).toEqual([...hfCode, pwc]);
  });

  it('a badge’s panel, asked for by id with the entry’s links, lists them before the corpus has learned them', async () => {
    const panel = await handlers['panel/data']({ id: '2309.14322' as PaperId, code: hfCode });
    expect(panel.codeLinks).toEqual(hfCode);
    expect((await engine.paper('2309.14322' as PaperId))?.codeUrls).toBeUndefined();
    await expect(
      handlers['panel/data']({
        id: '2309.14322' as PaperId,
        code: [{ url: 'javascript:x', source: 'huggingface' }],
      } as never),
    ).rejects.toThrow(/code/);
  });

  it('chips count code links from the listing’s comments as well as the corpus', async () => {
    const { chips } = await handlers['chips/data']({
      papers: [
        {
          id: '2601.00001' as PaperId,
          title: 'A new paper',
          authors: [],
          url: '',
          comments: 'Code: https://github.com/n/p',
        },
        { id: '2601.00002' as PaperId, title: 'Another new paper', authors: [], url: '' },
        { id: '1905.00080' as PaperId, title: 'AdaNet', authors: [], url: '' },
      ],
    });
    expect([chips['2601.00001']?.code, chips['2601.00002']?.code, chips['1905.00080']?.code]).toEqual([
      1,
      undefined,
      1,
    ]);
  });

  it('the library filters to papers with code from the index, and a paper that gains code joins the filter', async () => {
    const table = async () =>
      (await handlers['library/corpus']({ offset: 0, limit: 500, hasCode: true })).rows.map((r) => r.id).sort();
    const before = await table();
    // The bundled papers whose records give a code link (and nothing else: the filter is not every paper).
    expect(before).toEqual(['1905.00080', '1908.02729', '2010.07355', '2210.05546', '2306.15063']);
    await handlers['badges/recognise']({ entries: [{ id: '2309.14322' as PaperId, code: hfCode }], learnFrom: HF });
    await learner.flush();
    expect(await table()).toEqual([...before, '2309.14322'].sort());
    // A query keeps its rank order among the papers with code, and only those.
    const all = await handlers['library/corpus']({ query: 'transformer', offset: 0, limit: 50 });
    const searched = await handlers['library/corpus']({ query: 'transformer', offset: 0, limit: 50, hasCode: true });
    const withCode = new Set(await table());
    expect(searched.rows.map((r) => r.id)).toEqual(all.rows.map((r) => r.id).filter((id) => withCode.has(id)));
    expect(searched.rows.map((r) => r.id)).toContain('2309.14322');
    expect(searched.total).toBeLessThan(all.total);
  });

  it('learning a page paper stores its page links with their site and its text links without one', () => {
    const p = learnedPaper(
      {
        id: '2601.00003' as PaperId,
        title: 'T',
        authors: [],
        url: HF,
        comments: 'Code at https://github.com/t/in-comments',
        code: hfCode,
      },
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(p.codeUrls).toEqual(['https://github.com/t/in-comments', hfCode[0]?.url]);
    expect(p.codeLinks).toEqual(hfCode);
    expect(codeLinksOf(p).map((l) => l.source)).toEqual(['huggingface', 'comments']);
  });
});

describe('exports carry the code URL where the format has a field for it', () => {
  const paper = {
    id: '2401.00001' as PaperId,
    arxivId: '2401.00001' as PaperId & { readonly __arxiv: true },
    title: 'With code',
    authors: [{ name: 'A. Author', key: 'author|a' }],
    codeUrls: ['https://github.com/a/b'],
    provenance: [],
  } as unknown as Parameters<typeof toCsv>[0][number];
  it('CSV (a code column), RIS (a further UR) and Markdown (a code link)', () => {
    const csv = toCsv([paper]).split('\r\n');
    expect(csv[0]?.split(',').at(-1)).toBe('code');
    expect(csv[1]?.split(',').at(-1)).toBe('https://github.com/a/b');
    expect(toRis([paper])).toContain('UR  - https://github.com/a/b');
    expect(toMarkdown([paper])).toContain('[code](https://github.com/a/b)');
  });
});

describe('the library author view', () => {
  beforeEach(async () => {
    db = await openDatabase({ factory: new IDBFactory() });
    if (!bundle.ok) throw new Error(bundle.error);
    await installBundle(db, bundle.value);
    const dbFn = async () => db;
    engine = new EngineService(dbFn);
    handlers = createHandlers({ db: dbFn, engine, settings: async () => DEFAULT_SETTINGS, now: () => new Date() });
  });

  it('gives Paperlens’s novelty distribution (withheld on the 49-paper corpus) and AI score', async () => {
    const { author } = await handlers['library/author']({ key: 'roberts|d' });
    expect(author?.papers.length).toBeGreaterThan(3);
    // Too few earlier papers in the bundled corpus: every paper is withheld, none scored.
    expect(author?.novelty?.withheld).toBe(author?.novelty?.judged);
    expect(author?.novelty?.buckets).toEqual([0, 0, 0, 0, 0]);
    const records = (await engine.papers(author?.papers.map((p) => p.id) ?? [])).filter((p) => p !== undefined);
    const ai = records.filter((p) => p.categories?.some((c) => ['cs.LG', 'stat.ML', 'cs.AI'].includes(c))).length;
    expect(author?.aiScore).toBeGreaterThanOrEqual(ai / records.length);
  });
});
