/**
 * The oldest browsers supported (src/compat.ts), audited against MDN's browser-compat-data: every manifest
 * key and permission of the built extension, every extension API the source calls (`browser.<ns>.<member>`)
 * and the web features of FEATURES found in the built code (libraries included). The newest of them that is
 * not feature-detected must be exactly the declared floor, for Chrome, Firefox and Firefox for Android.
 * Runs on the builds (`npm test` makes both) and starts no browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT } from '../../src/cli/browser';
import { DETECTED, OLDEST } from '../../src/compat';

type Target = keyof typeof OLDEST;
const BUILD: Record<Target, string> = { chrome: 'chrome-mv3', firefox: 'firefox-mv2', firefox_android: 'firefox-mv2' };
const OUT = join(ROOT, process.env.PAPERLENS_OUT ?? '.output');

interface Compat {
  __compat?: { support: Record<string, { version_added: string | boolean } | { version_added: string | boolean }[]> };
  [key: string]: unknown;
}
const bcd = createRequire(import.meta.url)('@mdn/browser-compat-data') as Compat;

/**
 * Web features someone may reach for, by MDN path, and how each shows in built code. Those found count
 * towards the floors; the rest are here so that using one later moves the audit.
 */
const FEATURES: readonly [string, RegExp][] = [
  ['api.AbortSignal.throwIfAborted', /\.throwIfAborted\(/],
  ['api.AbortSignal.timeout_static', /AbortSignal\.timeout\(/],
  ['api.AbortSignal.any_static', /AbortSignal\.any\(/],
  ['javascript.builtins.Object.hasOwn', /\bObject\.hasOwn\(/],
  ['javascript.builtins.Array.at', /\.at\(/],
  ['javascript.builtins.Array.findLast', /\.findLast(Index)?\(/],
  ['javascript.builtins.Array.toSorted', /\.to(Sorted|Reversed|Spliced)\(/],
  ['javascript.builtins.Array.fromAsync', /Array\.fromAsync\(/],
  ['javascript.builtins.Object.groupBy', /(Object|Map)\.groupBy\(/],
  ['javascript.builtins.Promise.withResolvers', /Promise\.withResolvers\(/],
  ['javascript.builtins.Set.union', /\.(union|intersection|symmetricDifference|isSubsetOf)\(/],
  ['javascript.builtins.String.matchAll', /\.matchAll\(/],
  ['javascript.builtins.Intl.Segmenter', /Intl\.Segmenter/],
  ['api.structuredClone', /\bstructuredClone\(/],
  ['api.Crypto.randomUUID', /\.randomUUID\(/],
  ['api.queueMicrotask', /\bqueueMicrotask\(/],
  ['api.Scheduler.yield', /scheduler\.yield\(/],
  ['api.TextDecoderStream', /\bTextDecoderStream\b/],
  ['api.TransformStream', /\bTransformStream\b/],
  ['api.Blob.stream', /\.stream\(\)/],
  ['api.IntersectionObserver', /\bIntersectionObserver\b/],
  ['api.Window.requestIdleCallback', /\brequestIdleCallback\b/],
  ['api.ShadowRoot.adoptedStyleSheets', /\badoptedStyleSheets\b/],
  ['api.CSSStyleSheet.replaceSync', /\.replaceSync\(/],
  ['api.Clipboard.writeText', /clipboard\.writeText\(/],
  ['api.HTMLElement.showPopover', /\.showPopover\(/],
  ['api.HTMLDialogElement.showModal', /\.showModal\(/],
  ['webextensions.api.scripting.RegisteredContentScript.persistAcrossSessions', /persistAcrossSessions/],
  ['css.selectors.focus-visible', /:focus-visible/],
  ['css.selectors.has', /:has\(/],
  ['css.types.color.color-mix', /color-mix\(/],
  ['css.at-rules.container', /@container/],
  ['css.at-rules.layer', /@layer\b/],
  ['css.properties.color-scheme', /color-scheme:/],
  ['css.at-rules.media.prefers-color-scheme', /prefers-color-scheme/],
];

/** Manifest keys MDN has no entry for, and why they need none. */
const NOT_IN_MDN: Readonly<Record<string, string>> = {
  minimum_chrome_version: 'Chrome has honoured it since its first extensions',
};
/** Extension namespaces MDN files under another name. */
const MDN_NAMESPACE: Readonly<Record<string, string>> = { contextMenus: 'menus' };

function node(path: string): Compat | undefined {
  let o: unknown = bcd;
  for (const k of path.split('.')) o = (o as Record<string, unknown> | undefined)?.[k];
  return o as Compat | undefined;
}

/** The version that brought `path` to `target`: a number, or undefined where it never arrived. */
function since(path: string, target: Target): number | undefined {
  const support = node(path)?.__compat?.support[target];
  if (!support) throw new Error(`browser-compat-data has no ${target} data for ${path}`);
  const first = Array.isArray(support) ? (support.find((s) => !('alternative_name' in s)) ?? support[0]) : support;
  const v = first?.version_added;
  if (v === false || v === undefined) return undefined;
  if (v === true) return 1;
  return Number.parseFloat(v.replace('≤', ''));
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p, ext) : ext.test(name) ? [p] : [];
  });
}

/** What the build for `target` uses, as MDN paths. */
function used(target: Target, builtCode: string): Set<string> {
  const dir = join(OUT, BUILD[target]);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const out = new Set<string>();
  for (const key of Object.keys(manifest)) {
    if (key in NOT_IN_MDN) continue;
    if (!node(`webextensions.manifest.${key}`)) throw new Error(`unknown manifest key ${key}: add it to the audit`);
    out.add(`webextensions.manifest.${key}`);
  }
  for (const p of [
    ...((manifest.permissions as string[]) ?? []),
    ...((manifest.optional_permissions as string[]) ?? []),
  ])
    if (!p.includes(':')) out.add(`webextensions.manifest.permissions.${p}`);
  const gecko = (manifest.browser_specific_settings as { gecko?: object } | undefined)?.gecko ?? {};
  for (const key of Object.keys(gecko))
    if (node(`webextensions.manifest.browser_specific_settings.gecko.${key}`))
      out.add(`webextensions.manifest.browser_specific_settings.gecko.${key}`);
  // Extension APIs, read from the source (the build's names are minified): `browser.ns.member`.
  const sources = [join(ROOT, 'entrypoints'), join(ROOT, 'src')]
    .flatMap((d) => filesUnder(d, /\.tsx?$/))
    .filter((f) => !relative(ROOT, f).startsWith('src/cli'));
  for (const file of sources)
    for (const [, ns = '', member = ''] of readFileSync(file, 'utf8').matchAll(/\bbrowser\.(\w+)\??\.(\w+)/g)) {
      const space = MDN_NAMESPACE[ns] ?? ns;
      const path = `webextensions.api.${space}`;
      if (!node(path)) throw new Error(`${relative(ROOT, file)}: unknown extension API browser.${ns}`);
      out.add(node(`${path}.${member}`)?.__compat ? `${path}.${member}` : path);
    }
  for (const [path, pattern] of FEATURES) if (pattern.test(builtCode)) out.add(path);
  return out;
}

function builtCode(target: Target): string {
  return filesUnder(join(OUT, BUILD[target]), /\.(js|css|html)$/)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

/** The newest of `paths` on `target`, leaving out the detected ones; and what `target` lacks entirely. */
function floor(paths: Iterable<string>, target: Target) {
  let version = 0;
  let setBy: string[] = [];
  const absent: string[] = [];
  for (const path of paths) {
    if (path in DETECTED) continue;
    const v = since(path, target);
    if (v === undefined) absent.push(path);
    else if (v > version) [version, setBy] = [v, [path]];
    else if (v === version) setBy.push(path);
  }
  return { version, setBy, absent };
}

test.describe('the oldest browsers supported', () => {
  for (const target of Object.keys(OLDEST) as Target[]) {
    test(`${target} ${OLDEST[target].version}: the newest feature used without a check is ${OLDEST[target].setBy}`, () => {
      const found = floor(used(target, builtCode(target)), target);
      expect(found.version, `set by ${found.setBy.join(', ')}`).toBe(OLDEST[target].version);
      expect(found.setBy).toContain(OLDEST[target].setBy);
      // Features a browser lacks altogether: Chrome ignores Firefox's settings; Firefox for Android has no
      // keyboard commands or context menus (those features are missing there, the rest works).
      const allowedAbsent: readonly string[] = (
        {
          chrome: ['webextensions.manifest.browser_specific_settings'],
          firefox: [],
          firefox_android: [
            'webextensions.manifest.commands',
            'webextensions.manifest.permissions.contextMenus',
            'webextensions.api.menus.create',
            'webextensions.api.menus.onClicked',
            'webextensions.api.commands.onCommand',
          ],
        } as Record<Target, string[]>
      )[target];
      expect(found.absent.filter((p) => !allowedAbsent.includes(p))).toEqual([]);
    });
  }

  test('each feature-detected entry is used, and the build checks for it', () => {
    const code = builtCode('chrome');
    for (const path of Object.keys(DETECTED)) {
      const pattern = FEATURES.find(([p]) => p === path)?.[1];
      expect(pattern, `${path} needs a pattern in FEATURES`).toBeDefined();
      expect(pattern?.test(code), `${path} is no longer used: remove it from DETECTED`).toBe(true);
    }
  });

  test('the audit notices a newer feature (the check itself works)', () => {
    const paths = used('chrome', `${builtCode('chrome')}\nconst x = list.toSorted();`);
    expect(floor(paths, 'chrome')).toMatchObject({ version: 110, setBy: ['javascript.builtins.Array.toSorted'] });
  });
});
