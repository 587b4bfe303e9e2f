/**
 * The badge sites, end to end in Node: each adapter reads its fixture page (linkedom), the badge runner
 * asks the real background handler (`badges/recognise`, with the bundled corpus in fake-indexeddb and the
 * engine, exactly as the extension's background answers), and the badges on the page are exactly the
 * corpus papers the page shows: every one of them, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { createHandlers, type Handlers } from '../../../src/background/handlers';
import { installBundle } from '../../../src/background/install';
import { validateBundle } from '../../../src/corpus/bundle';
import { openDatabase } from '../../../src/db/database';
import { BadgeRunner } from '../../../src/overlay/badges';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import type { BadgeSiteAdapter } from '../../../src/sites/badge-adapter';
import { generic } from '../../../src/sites/generic';
import { BADGE_ADAPTERS, badgeAdapterFor } from '../../../src/sites/registry';
import { SCHOLAR_HOSTS } from '../../../src/sites/scholar';
import type { PanelApi } from '../../../src/ui/panel/Panel';

let handlers: Handlers;

beforeAll(async () => {
  const bundle = validateBundle(
    JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')),
  );
  if (!bundle.ok) throw new Error(bundle.error);
  const db = await openDatabase({ factory: new IDBFactory() });
  await installBundle(db, bundle.value);
  const dbFn = async () => db;
  handlers = createHandlers({
    db: dbFn,
    engine: new EngineService(dbFn),
    settings: async () => DEFAULT_SETTINGS,
    now: () => new Date('2026-11-23T10:00:00Z'),
  });
});

const page = (path: string) =>
  parseHTML(readFileSync(new URL(`../../fixtures/pages/${path}`, import.meta.url), 'utf8'))
    .document as unknown as Document;

/** The ids of the badges the runner puts on the fixture page, answered by the background handler. */
async function badged(adapter: BadgeSiteAdapter, path: string, href: string): Promise<string[]> {
  const doc = page(path);
  const runner = new BadgeRunner({
    adapter,
    url: new URL(href),
    api: {} as PanelApi,
    recogniser: async (entries) => (await handlers['badges/recognise']({ entries })).papers,
  });
  await runner.scan(doc);
  const ids = Array.from(doc.querySelectorAll('paperlens-badge[data-paperlens="badge"]')).map(
    (b) => b.getAttribute('data-paper-id') ?? '',
  );
  runner.stop();
  return ids.sort();
}

const CASES: [string, string, string, string[]][] = [
  [
    'scholar-results',
    'scholar.google.com/scholar__q=neural_scaling_laws.html',
    'https://scholar.google.com/scholar?q=neural+scaling+laws',
    ['2210.16859', '2402.01092', '2405.00592', '2409.17858', '2502.05074'],
  ],
  [
    'scholar-profile',
    'scholar.google.com/citations__user=AbCdEfGAAAAJ_hl=en.html',
    'https://scholar.google.com/citations?user=AbCdEfGAAAAJ&hl=en',
    ['1812.04754', '2104.00008', '2106.10165'],
  ],
  [
    'semantic-scholar-paper',
    'www.semanticscholar.org/paper/A-Solvable-Model-of-Neural-Scaling-Laws-Maloney-Roberts/5b3b4c2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c.html',
    'https://www.semanticscholar.org/paper/A-Solvable-Model-of-Neural-Scaling-Laws-Maloney-Roberts/5b3b4c2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c',
    ['2210.16859'],
  ],
  [
    'semantic-scholar-list',
    'www.semanticscholar.org/author/Alexander-Atanasov/2301.html',
    'https://www.semanticscholar.org/author/Alexander-Atanasov/2301',
    ['2111.00034', '2212.12147', '2405.00592', '2410.04642'],
  ],
  [
    'openreview-forum',
    'openreview.net/forum__id=Zx1Kw9bTqA.html',
    'https://openreview.net/forum?id=Zx1Kw9bTqA',
    ['2409.17858'],
  ],
  [
    'openreview-venue',
    'openreview.net/group__id=ICLR.cc_2025_Conference.html',
    'https://openreview.net/group?id=ICLR.cc/2025/Conference',
    ['2403.17887', '2410.04642'],
  ],
  ['huggingface-list', 'huggingface.co/papers.html', 'https://huggingface.co/papers', ['2309.14322', '2404.01413']],
  [
    'huggingface-paper',
    'huggingface.co/papers/2210.16859.html',
    'https://huggingface.co/papers/2210.16859',
    ['2210.16859'],
  ],
  ['alphaxiv-paper', 'www.alphaxiv.org/abs/2402.01092.html', 'https://www.alphaxiv.org/abs/2402.01092', ['2402.01092']],
  [
    'paperswithcode-paper',
    'paperswithcode.com/paper/get-rich-quick-exact-solutions-reveal-how.html',
    'https://paperswithcode.com/paper/get-rich-quick-exact-solutions-reveal-how',
    ['2406.06158'],
  ],
  [
    'dblp',
    'dblp.org/pid/117/9999.html.html',
    'https://dblp.org/pid/117/9999.html',
    ['2011.03321', '2202.04167', '2206.10566'],
  ],
  [
    'catalyzex-author',
    'www.catalyzex.com/author/Daniel%20A.%20Roberts.html',
    'https://www.catalyzex.com/author/Daniel%20A.%20Roberts',
    ['2106.10165', '2403.17887', '2404.01413'],
  ],
];

describe('badge site adapters on their fixtures', () => {
  for (const [id, path, href, expected] of CASES) {
    it(`${id}: badges every corpus paper on ${path.split('/')[0]} and nothing else`, async () => {
      const adapter = badgeAdapterFor(new URL(href));
      expect(adapter?.id).toBe(id);
      if (adapter) expect(await badged(adapter, path, href)).toEqual(expected);
    });
  }

  it('every badge adapter has a fixture case', () => {
    expect(BADGE_ADAPTERS.map((a) => a.id).filter((id) => !CASES.some((c) => c[0] === id))).toEqual([
      'alphaxiv-feed',
      'paperswithcode-list',
      'catalyzex-paper',
    ]);
  });

  it('reads Scholar authors from the "authors - venue" line and keeps the truncated title', () => {
    const url = new URL('https://scholar.google.com/scholar?q=x');
    const found = badgeAdapterFor(url)?.extract(page('scholar.google.com/scholar__q=neural_scaling_laws.html'), url);
    expect(found?.[0]?.authors).toEqual(['A Maloney', 'DA Roberts', 'J Sully']);
    expect(found?.find((f) => f.title.startsWith('Two-point'))?.title).toMatch(/linear …$/);
    // The [CITATION] label is not part of the title.
    expect(found?.map((f) => f.title)).toContain('A dynamical model of neural scaling laws');
  });

  it('runs on Scholar country domains too', () => {
    for (const host of SCHOLAR_HOSTS)
      expect(badgeAdapterFor(new URL(`https://${host}/scholar?q=x`))?.id, host).toBe('scholar-results');
  });
});

describe('generic recogniser', () => {
  const GENERIC: [string, string, string[]][] = [
    [
      'aggregator.example.com/author/daniel-a-roberts.html',
      'profile with category + date lines',
      ['2104.00008', '2210.16859', '2310.07765'],
    ],
    [
      'aggregator.example.com/collaborating/alexander-atanasov.html',
      '"collaborating authors" page',
      ['2212.12147', '2502.05074'],
    ],
    ['aggregator.example.com/feed.html', 'listing with title then "authors · org"', ['2309.14322', '2408.07852']],
    [
      'example.org/~someone/publications.html',
      'personal page with many papers outside the corpus',
      ['2008.06786', '2111.08234', '2303.05420'],
    ],
    [
      'www.catalyzex.com/author/Daniel%20A.%20Roberts.html',
      'CatalyzeX author page',
      ['2106.10165', '2403.17887', '2404.01413'],
    ],
  ];
  for (const [path, what, expected] of GENERIC) {
    it(`finds exactly the corpus papers on a ${what}`, async () => {
      expect(await badged(generic, path, `https://${path.replace(/\.html$/, '')}`)).toEqual(expected);
    });
  }

  it('never claims a page by URL (it runs only where the user asked)', () => {
    expect(generic.matches(new URL('https://example.org/'))).toBe(false);
  });
});
