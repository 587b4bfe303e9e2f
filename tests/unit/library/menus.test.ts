import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { createHandlers } from '../../../src/background/handlers';
import { installBundle } from '../../../src/background/install';
import { PAPER_LINK_PATTERNS, savePaperById, toolbarButton } from '../../../src/background/menus';
import { arxivIdFromUrl } from '../../../src/core/ids';
import type { ArxivId } from '../../../src/core/paper';
import { validateBundle } from '../../../src/corpus/bundle';
import { openDatabase } from '../../../src/db/database';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')));

/** Chrome's match-pattern test for the http(s) patterns we use: scheme, host (with *. wildcard), path glob. */
function matches(pattern: string, url: string): boolean {
  const [, scheme, host, path] = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern) ?? [];
  const u = new URL(url);
  const hostOk = host?.startsWith('*.') ? u.hostname.endsWith(host.slice(1)) : u.hostname === host;
  const re = new RegExp(`^${(path ?? '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return u.protocol === `${scheme}:` && hostOk && re.test(u.pathname);
}

describe('context menu on links to papers', () => {
  const paperLinks = [
    'https://arxiv.org/abs/2210.16859',
    'https://arxiv.org/abs/2210.16859v2',
    'https://arxiv.org/pdf/2210.16859',
    'https://arxiv.org/pdf/2210.16859v1.pdf',
    'https://arxiv.org/html/2210.16859v1',
    'https://export.arxiv.org/abs/hep-th/9901001',
  ];
  it('shows on links to abs, pdf and html pages, and each such link names a paper', () => {
    for (const url of paperLinks) {
      expect(
        PAPER_LINK_PATTERNS.some((p) => matches(p, url)),
        url,
      ).toBe(true);
      expect(arxivIdFromUrl(new URL(url)), url).toBeDefined();
    }
  });
  it('does not show on other arXiv links', () => {
    for (const url of ['https://arxiv.org/list/cs.LG/new', 'https://arxiv.org/a/roberts_d_1', 'https://arxiv.org/'])
      expect(
        PAPER_LINK_PATTERNS.some((p) => matches(p, url)),
        url,
      ).toBe(false);
  });

  it('saves a corpus paper with its metadata, and a paper outside the corpus by the link’s text', async () => {
    const db = await openDatabase({ factory: new IDBFactory() });
    if (!bundle.ok) throw new Error(bundle.error);
    await installBundle(db, bundle.value);
    const dbFn = async () => db;
    const handlers = createHandlers({
      db: dbFn,
      engine: new EngineService(dbFn),
      settings: async () => DEFAULT_SETTINGS,
      now: () => new Date('2026-11-23T10:00:00Z'),
    });
    expect(await savePaperById(handlers, '2210.16859' as ArxivId)).toBe(true);
    expect((await db.get('readingList', '2210.16859'))?.authors).toContain('Daniel A. Roberts');
    // Saving again keeps it saved (the menu never unsaves).
    expect(await savePaperById(handlers, '2210.16859' as ArxivId)).toBe(true);
    expect(await db.count('readingList')).toBe(1);
    expect(await savePaperById(handlers, '2501.09876' as ArxivId, ' A Paper From a Link ')).toBe(true);
    expect((await db.get('readingList', '2501.09876'))?.title).toBe('A Paper From a Link');
  });
});

describe('the toolbar badge that says a save worked', () => {
  const button = (label: string) => ({ label, setBadgeText: async () => undefined });
  it('is on `action` in Manifest V3 (Chrome) and on `browserAction` in Manifest V2 (Firefox)', () => {
    const mv3 = button('action');
    const mv2 = button('browserAction');
    expect(toolbarButton({ action: mv3 })).toBe(mv3);
    // Firefox's MV2 build has no `action`: the badge threw there before.
    expect(toolbarButton({ browserAction: mv2 })).toBe(mv2);
    expect(toolbarButton({})).toBeUndefined();
  });
});
