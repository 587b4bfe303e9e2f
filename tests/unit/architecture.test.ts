/**
 * Boundaries: the pure core (src/core, src/engine, src/corpus, src/sites, src/harvest) imports no browser API and
 * touches no browser global, so it runs in Node; entry points stay thin.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PURE_DIRS = ['src/core', 'src/engine', 'src/corpus', 'src/sites', 'src/harvest'];
const BROWSER_MODULES = /from ['"](wxt\/[^'"]*|webextension-polyfill|@wxt-dev\/[^'"]*|#imports|idb|preact[^'"]*)['"]/;
// Globals a pure module may not reach for. `doc`/`url` arrive as parameters instead (STYLE.md §4).
const BROWSER_GLOBALS =
  /(?<![\w.$'"`])(window|document|chrome|browser|indexedDB|localStorage|sessionStorage|navigator|location|DOMParser|XMLHttpRequest|fetch)\s*(\.|\(|\[)/;

function files(dir: string): string[] {
  const abs = join(ROOT, dir);
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return out;
  }
  for (const name of entries) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out = out.concat(files(relative(ROOT, p)));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

/** Strips comments and string contents so a word in a comment or a message does not count. */
function code(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, "''");
}

describe('architecture', () => {
  const pure = PURE_DIRS.flatMap(files);

  it('has pure modules to check', () => {
    expect(pure.length).toBeGreaterThan(3);
  });

  it.each(pure.map((f) => [relative(ROOT, f), f]))('%s imports no browser module', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source.match(BROWSER_MODULES)?.[0]).toBeUndefined();
  });

  it.each(pure.map((f) => [relative(ROOT, f), f]))('%s uses no browser global', (_name, file) => {
    const source = code(readFileSync(file, 'utf8'));
    expect(source.match(BROWSER_GLOBALS)?.[0]).toBeUndefined();
  });

  it('catches a browser import and a browser global (the checks themselves work)', () => {
    expect(BROWSER_MODULES.test("import { browser } from 'wxt/browser';")).toBe(true);
    expect(BROWSER_GLOBALS.test(code('const x = document.querySelector("a");'))).toBe(true);
    expect(BROWSER_GLOBALS.test(code('// document.querySelector in a comment'))).toBe(false);
    expect(BROWSER_GLOBALS.test(code('doc.querySelector("a")'))).toBe(false);
  });

  it('keeps entry points thin', () => {
    for (const file of files('entrypoints')) {
      const lines = readFileSync(file, 'utf8').split('\n').length;
      expect(lines, relative(ROOT, file)).toBeLessThan(80);
    }
  });
});
