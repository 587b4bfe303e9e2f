/**
 * Upgrading the extension on a profile with data (issue 9). "Previous" here is NOT an older release: it is
 * today's code built with a lower manifest version (0.0.1). Its data is then rewritten as schema version 1
 * stored it (the papers' IndexedDB indexes, no engine index; see `asVersion1`), with an imported paper
 * added, the installed corpus marked as an older corpus version and one bundled paper missing, so the
 * current build runs the real v1 → v2 upgrade in real Chromium. Both builds share a manifest `key`
 * (PAPERLENS_MANIFEST_KEY, read by wxt.config.ts) so Chrome gives them the same extension id, and the
 * second build starts on the first one's profile, as an update does. What must survive: the reading list
 * with its notes, learned and imported papers; and the bundled corpus must be brought up to date.
 */
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launch, ROOT, type Session } from '../../src/cli/browser';
import { expect, panelFor, test } from './harness';

const OUT = process.env.PAPERLENS_OUT ?? '.output';
const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
const KEY = der.toString('base64');
/** Chrome's id for a key: the first 32 hex digits of its SHA-256, written with the letters a–p. */
const ID = [...createHash('sha256').update(der).digest('hex').slice(0, 32)]
  .map((h) => String.fromCharCode(97 + Number.parseInt(h, 16)))
  .join('');

function build(name: string, version?: string): string {
  const out = join(OUT, name);
  const r = spawnSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      PAPERLENS_OUT: out,
      PAPERLENS_MANIFEST_KEY: KEY,
      ...(version ? { PAPERLENS_MANIFEST_VERSION: version } : {}),
    },
  });
  if (r.status !== 0) throw new Error(`build ${name} failed:\n${r.stdout}\n${r.stderr}`);
  return join(ROOT, out, 'chrome-mv3');
}

const message = async (page: Page, type: string, data: unknown) =>
  (await page.evaluate(`chrome.runtime.sendMessage(${JSON.stringify({ type, data })})`)) as {
    ok: boolean;
    value: never;
    error?: string;
  };

/**
 * Rewrites the profile's database as schema version 1 stored it: the same stores with the papers'
 * IndexedDB indexes (by-source, by-author, by-year, by-category), papers with their derived fields
 * (sources, authorKeys, year) and no engine index. Adds an imported paper, marks the installed corpus as an
 * older version and drops one bundled paper. The extension's own connection closes on the version change.
 */
async function asVersion1(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const db = await req(indexedDB.open('paperlens'));
    const tx = db.transaction(['papers', 'readingList', 'imports', 'meta']);
    const [papers, entries, imports, metaKeys, metaValues] = await Promise.all([
      req(tx.objectStore('papers').getAll()), req(tx.objectStore('readingList').getAll()),
      req(tx.objectStore('imports').getAll()), req(tx.objectStore('meta').getAllKeys()), req(tx.objectStore('meta').getAll()),
    ]);
    db.close();
    await req(indexedDB.deleteDatabase('paperlens'));
    const open = indexedDB.open('paperlens', 1);
    open.onupgradeneeded = () => {
      const d = open.result;
      const p = d.createObjectStore('papers', { keyPath: 'id' });
      p.createIndex('by-source', 'sources', { multiEntry: true });
      p.createIndex('by-author', 'authorKeys', { multiEntry: true });
      p.createIndex('by-year', 'year');
      p.createIndex('by-category', 'categories', { multiEntry: true });
      const l = d.createObjectStore('readingList', { keyPath: 'paperId' });
      l.createIndex('by-status', 'status');
      l.createIndex('by-added', 'addedAt');
      l.createIndex('by-tag', 'tags', { multiEntry: true });
      d.createObjectStore('imports', { keyPath: 'id' });
      d.createObjectStore('meta');
    };
    const v1 = await req(open);
    const w = v1.transaction(['papers', 'readingList', 'imports', 'meta'], 'readwrite');
    const v1Paper = ({ doc, topics, ...p }) => ({ ...p, sources: [...new Set(p.provenance.map((q) => q.kind))].sort(),
      authorKeys: [...new Set(p.authors.map((a) => a.key))], year: Number((p.published || '').slice(0, 4)) || 0 });
    for (const p of papers) if (p.id !== '2310.07765') w.objectStore('papers').put(v1Paper(p));
    w.objectStore('papers').put({ id: '2501.00001', arxivId: '2501.00001', title: 'An Imported Paper',
      authors: [{ name: 'Ada Lovelace', key: 'lovelace|a' }], sources: ['imported'], authorKeys: ['lovelace|a'], year: 0,
      provenance: [{ kind: 'imported', importId: 'imp-1', file: 'mine.bib', at: '2026-01-01T00:00:00.000Z' }] });
    for (const e of entries) w.objectStore('readingList').put(e);
    for (const r of imports) w.objectStore('imports').put(r);
    metaKeys.forEach((k, i) => { if (k === 'corpusVersion') w.objectStore('meta').put('older-corpus', k); });
    await new Promise((res, rej) => { w.oncomplete = res; w.onerror = () => rej(w.error); });
    v1.close();
  })()`);
}

test.describe('upgrade', () => {
  test.describe.configure({ timeout: 180_000 });

  test('from "previous" (today’s code as version 0.0.1 with an older corpus) to the current build: the reading list, notes, learned and imported papers survive, the corpus is updated', async () => {
    const previous = build('upgrade-previous', '0.0.1');
    const current = build('upgrade-current');
    const profileDir = mkdtempSync(join(tmpdir(), 'paperlens-upgrade-'));
    const bundled = JSON.parse(readFileSync(join(ROOT, 'data/corpus.json'), 'utf8')) as { corpusVersion: string };
    let session: Session | undefined;
    try {
      // The previous build: save papers, write notes, learn a page, import a paper.
      session = await launch({ extensionDir: previous, profileDir });
      expect(session.extensionId).toBe(ID);
      const abs = await session.open('https://arxiv.org/abs/hep-th/9901001');
      await (await panelFor(abs, 'hep-th/9901001')).locator('[data-action="save"]').click();
      const ext = await session.extensionPage('popup.html');
      expect(await ext.evaluate('chrome.runtime.getManifest().version')).toBe('0.0.1');
      expect((await message(ext, 'readingList/add', { ids: ['2210.16859'] })).ok).toBe(true);
      await expect
        .poll(async () => ((await message(ext, 'readingList/list', {})).value as { entries: unknown[] }).entries.length)
        .toBe(2);
      expect(
        (
          await message(ext, 'readingList/update', {
            id: '2210.16859',
            patch: { notes: 'Notes from 0.0.1 ✓', addTags: ['old'] },
          })
        ).ok,
      ).toBe(true);
      // The data as schema version 1 kept it, with an imported paper, an older corpus, a bundled paper missing.
      await asVersion1(ext);
      expect(session.escaped, 'requests that tried to reach the network').toEqual([]);
      await session.close({ keepProfile: true });

      // The current build on the same profile, with the same id.
      session = await launch({ extensionDir: current, profileDir });
      expect(session.extensionId).toBe(ID);
      const page = await session.extensionPage('popup.html');
      expect(await page.evaluate('chrome.runtime.getManifest().version')).toBe('0.1.0');
      const { entries } = (await message(page, 'readingList/list', {})).value as {
        entries: { paperId: string; notes: string; tags: string[]; title: string }[];
      };
      expect(entries.map((e) => e.paperId).sort()).toEqual(['2210.16859', 'hep-th/9901001']);
      expect(entries.find((e) => e.paperId === '2210.16859')).toMatchObject({
        notes: 'Notes from 0.0.1 ✓',
        tags: ['old'],
      });
      const learned = (await message(page, 'library/paper', { id: 'hep-th/9901001' })).value as {
        paper: { provenance: { kind: string }[] } | null;
      };
      expect(learned.paper?.provenance.map((p) => p.kind)).toContain('learned');
      const imported = (await message(page, 'library/paper', { id: '2501.00001' })).value as {
        paper: { title: string } | null;
      };
      expect(imported.paper?.title).toBe('An Imported Paper');
      const status = (await message(page, 'corpus/status', {})).value as { corpusVersion: string; imported: number };
      expect(status.corpusVersion).toBe(bundled.corpusVersion);
      expect(status.imported).toBe(1);
      const restored = (await message(page, 'library/paper', { id: '2310.07765' })).value as { paper: unknown };
      expect(restored.paper).not.toBeNull();
      // The library page shows the list.
      const library = await session.extensionPage('library.html');
      await expect(library.locator('[data-reading-list-item][data-paper-id]')).toHaveCount(2);
      expect(session.escaped, 'requests that tried to reach the network').toEqual([]);
    } finally {
      await session?.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
