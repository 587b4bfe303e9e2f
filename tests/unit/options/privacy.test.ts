import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FETCH_CALL_SITES, REQUESTS } from '../../../src/privacy';
import { OPTIONAL_ORIGINS, SITES } from '../../../src/sites/permissions';
import config from '../../../wxt.config';

const ROOT = new URL('../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) return sources(relative(ROOT, path));
    return /\.(ts|tsx)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

// src/cli is Node tooling (the test harness, corpus builders), never shipped in the extension.
const shipped = [...sources('src'), ...sources('entrypoints')].filter((f) => !f.startsWith('src/cli/'));
/** fetch(, XMLHttpRequest, sendBeacon, WebSocket and EventSource: every way a page or worker sends a request. */
const REQUEST_API = /\bfetch\s*\(|XMLHttpRequest|sendBeacon|new\s+WebSocket|new\s+EventSource/;
/** The code of a file without its comments (which may talk about fetch() without calling it). */
const code = (f: string) =>
  readFileSync(join(ROOT, f), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('privacy: every request Paperlens can make is listed', () => {
  it('lists every file that can send a request', () => {
    const callers = shipped.filter((f) => REQUEST_API.test(code(f)));
    const unlisted = callers.filter((f) => !FETCH_CALL_SITES.has(f));
    expect(unlisted, 'files that send requests but are not in src/privacy.ts').toEqual([]);
  });

  it('names only call sites that exist and still send requests', () => {
    for (const site of FETCH_CALL_SITES) expect(REQUEST_API.test(code(site)), `${site} in src/privacy.ts`).toBe(true);
  });

  it('says for each request where it goes, when and what it carries', () => {
    for (const r of REQUESTS) {
      expect(r.to).toMatch(/^https:\/\//);
      expect(r.when.length).toBeGreaterThan(20);
      expect(r.sends.length).toBeGreaterThan(10);
    }
    expect(new Set(REQUESTS.map((r) => r.id)).size).toBe(REQUESTS.length);
  });
});

describe('site permissions', () => {
  // The manifest as WXT will be handed it, for Chrome (MV3) and Firefox (MV2).
  type Manifest = {
    host_permissions?: string[];
    optional_host_permissions?: string[];
    optional_permissions?: string[];
  };
  const manifestFor = (browser: string, manifestVersion: 2 | 3) =>
    (config.manifest as (env: { browser: string; manifestVersion: 2 | 3 }) => Manifest)({ browser, manifestVersion });
  const chrome = manifestFor('chrome', 3);
  const optional = (chrome.optional_host_permissions ?? []).join(' ');
  const required = (chrome.host_permissions ?? []).join(' ');

  it('declares the optional origins for Firefox too, where MV2 keeps them in optional_permissions', () => {
    expect(manifestFor('firefox', 2).optional_permissions).toEqual([...OPTIONAL_ORIGINS]);
  });

  it('declares every optional origin in the manifest, and grants none of them at install', () => {
    for (const origin of OPTIONAL_ORIGINS) {
      expect(optional.split(' '), origin).toContain(origin);
      expect(required.split(' '), origin).not.toContain(origin);
    }
  });

  it('grants at install exactly the required sites', () => {
    for (const s of SITES.filter((x) => x.kind === 'required'))
      for (const o of s.origins) expect(required.split(' ')).toContain(o);
    expect(new Set(SITES.map((s) => s.id)).size).toBe(SITES.length);
  });
});
