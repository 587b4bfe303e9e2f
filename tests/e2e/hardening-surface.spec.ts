/**
 * The extension's surface as built (issue 9): the manifest, what pages can reach, the code it ships, and
 * which messages a content script may send.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { EXTENSION_DIR } from '../../src/cli/browser';
import { expect, panelFor, test } from './harness';

function builtFiles(dir = EXTENSION_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? builtFiles(path) : [path];
  });
}

const manifest = () => JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

/** The id of Paperlens's content-script world in the page `cdp` is attached to (an isolated world). */
async function contentScriptWorld(cdp: CDPSession): Promise<number> {
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  // Chrome names a content script's isolated world after the extension.
  const ours = () => contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Paperlens');
  await expect.poll(() => ours() !== undefined).toBe(true);
  return ours()?.id ?? -1;
}

test.describe('surface', () => {
  test('the built manifest: no web-accessible resources, the default CSP, the permissions the code uses', () => {
    const m = manifest();
    // Nothing a web page can load from the extension (library links go through the background).
    expect(m.web_accessible_resources).toBeUndefined();
    // MV3's default policy (script-src 'self'): no remote code, no eval.
    expect(m.content_security_policy).toBeUndefined();
    expect(m.permissions.sort()).toEqual([
      'activeTab',
      'alarms',
      'contextMenus',
      'scripting',
      'storage',
      'unlimitedStorage',
    ]);
    expect(m.host_permissions).not.toContain('<all_urls>');
    expect(m.host_permissions).not.toContain('*://*/*');
  });

  test('the built files load no remote code and evaluate no strings', () => {
    const files = builtFiles().filter((f) => /\.(js|html)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//i);
      expect(text, file).not.toMatch(/importScripts\(\s*["'`]https?:/);
      expect(text, file).not.toMatch(/import\(\s*["'`]https?:/);
      expect(text, file).not.toMatch(/new Function\(|[^.\w]eval\(/);
    }
  });

  test('a content script may send the overlay messages but not read the reading list, export, restore or reset', async ({
    session,
  }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    await panelFor(page, '2210.16859');
    const cdp = await session.context.newCDPSession(page);
    const world = await contentScriptWorld(cdp);
    const ask = async (type: string, data: unknown) => {
      const r = await cdp.send('Runtime.evaluate', {
        expression: `chrome.runtime.sendMessage(${JSON.stringify({ type, data })})`,
        contextId: world,
        awaitPromise: true,
        returnByValue: true,
      });
      return r.result.value as { ok: boolean; error?: string };
    };
    expect((await ask('badges/recognise', { entries: [{ id: '2210.16859' }] })).ok).toBe(true);
    for (const [type, data] of [
      ['readingList/list', {}],
      ['backup/export', {}],
      ['backup/import', { backup: {}, apply: true }],
      ['corpus/resetBundled', {}],
      ['corpus/removeImport', { importId: 'x' }],
      ['readingList/remove', { ids: ['2210.16859'] }],
    ] as const) {
      const r = await ask(type, data);
      expect(r.ok, type).toBe(false);
      expect(r.error, type).toMatch(/only to Paperlens pages/);
    }
    // A malformed payload gets a clear error, not a crash.
    expect(await ask('panel/data', { paper: { id: 'nope' } })).toEqual({
      ok: false,
      error: 'paper must have id, title, authors and url (and bounded optional fields)',
    });
    // The extension's own pages may read the list.
    const popup = await session.extensionPage('popup.html');
    const list = (await popup.evaluate("chrome.runtime.sendMessage({ type: 'readingList/list', data: {} })")) as {
      ok: boolean;
    };
    expect(list.ok).toBe(true);
    await cdp.detach();
    await popup.close();
    await page.close();
  });
});
