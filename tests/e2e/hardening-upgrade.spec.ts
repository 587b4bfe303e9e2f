/**
 * Upgrading the extension on a profile with data (issue 9). "Previous" here is NOT an older release: it is
 * today's code built with a lower manifest version (0.0.1), whose installed corpus is then marked as an
 * older corpus version with one bundled paper missing. Both builds share a manifest `key`
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

/** Runs `fn` in the extension's origin on its IndexedDB (the profile's data as a build left it). */
async function inDatabase(page: Page, fn: string): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('paperlens');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['papers', 'meta'], 'readwrite');
      (${fn})(tx);
      tx.oncomplete = () => { db.close(); resolve(undefined); };
      tx.onerror = () => reject(tx.error);
    };
  })`);
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
      // An imported paper, and the installed corpus made older: another version, one bundled paper missing.
      await inDatabase(
        ext,
        `(tx) => {
          tx.objectStore('papers').put({ id: '2501.00001', arxivId: '2501.00001', title: 'An Imported Paper',
            authors: [{ name: 'Ada Lovelace', key: 'lovelace|a' }], sources: ['imported'], authorKeys: ['lovelace|a'], year: 0,
            provenance: [{ kind: 'imported', importId: 'imp-1', file: 'mine.bib', at: '2026-01-01T00:00:00.000Z' }] });
          tx.objectStore('papers').delete('2310.07765');
          tx.objectStore('meta').put('older-corpus', 'corpusVersion');
        }`,
      );
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
