/**
 * The extension asks only for what it uses: every permission in wxt.config.ts maps to the code that needs
 * it, and our code evaluates no strings as code. (The built manifest, its web-accessible resources and the
 * built files are checked in tests/e2e/hardening-surface.spec.ts, where the build exists.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [{ path, text: readFileSync(join(ROOT, path), 'utf8') }] : [];
  });
}

const CODE = [...sources('src'), ...sources('entrypoints')];
const uses = (pattern: RegExp) => CODE.filter((f) => pattern.test(f.text)).map((f) => f.path);

/** Each permission, and the code that needs it (at least one file must match). */
const NEEDS: Record<string, { why: string; pattern: RegExp }> = {
  storage: {
    why: 'settings and sync (storage.local, storage.sync)',
    pattern: /wxt\/utils\/storage|browser\.storage\./,
  },
  unlimitedStorage: {
    why: 'the corpus in IndexedDB (100k papers and their search index exceed the default quota)',
    pattern: /openDB</,
  },
  contextMenus: { why: '"Save to Paperlens" on arXiv links', pattern: /browser\.contextMenus\.create\(/ },
  activeTab: {
    why: 'the popup reads and scans the active tab with no standing host permission',
    pattern: /tabs\.query\(\{ active: true[\s\S]*scripting\.executeScript\(/,
  },
  alarms: {
    why: 'the harvest wakes a stopped service worker to carry on, and runs the daily update',
    pattern: /browser\.alarms\.create\(/,
  },
  scripting: {
    why: 'executeScript for the popup scan; registerContentScripts for sites the user turns on',
    pattern: /browser\.scripting\.(executeScript|registerContentScripts)\(/,
  },
};

describe('the manifest asks only for what is used', () => {
  const config = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
  const permissions = JSON.parse(
    (/permissions: (\[[^\]]*\])/.exec(config)?.[1] ?? '[]').replace(/'/g, '"'),
  ) as string[];

  it('lists the permissions this test knows (a new one needs a reason here)', () => {
    expect(permissions.sort()).toEqual(Object.keys(NEEDS).sort());
  });

  for (const [permission, { why, pattern }] of Object.entries(NEEDS))
    it(`${permission}: ${why}`, () => {
      expect(uses(pattern), `no code uses ${permission}`).not.toEqual([]);
    });

  it('asks for no permission it could do without (tabs, webRequest, cookies, history, <all_urls> granted up front)', () => {
    for (const p of ['tabs', 'webRequest', 'cookies', 'history', 'downloads', 'clipboardRead', '<all_urls>'])
      expect(permissions).not.toContain(p);
  });
});

describe('no code from strings', () => {
  it('our code has no eval, new Function or string timers', () => {
    const bad = CODE.filter((f) =>
      /(^|[^.\w])eval\(|new Function\(|set(Timeout|Interval)\(\s*['"`]/m.test(
        f.text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''),
      ),
    ).map((f) => f.path);
    expect(bad).toEqual([]);
  });

  it('our UI never renders page text as HTML (no dangerouslySetInnerHTML, no innerHTML writes)', () => {
    // What ships: src/cli is Node tooling (its web-ext lint reader names these very patterns).
    const shipped = CODE.filter((f) => !f.path.startsWith('src/cli/'));
    const bad = shipped
      .filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML\(/.test(f.text))
      .map((f) => f.path);
    expect(shipped.length).toBeGreaterThan(50);
    expect(bad).toEqual([]);
  });
});
