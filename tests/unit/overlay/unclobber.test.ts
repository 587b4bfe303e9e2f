/**
 * unclobber (src/overlay/unclobber.ts) on a page with `<form id="chrome">`: it repairs the content
 * script's `chrome` and `browser` where it can, never throws where it can't, and always gives the page its
 * ids and names back. Each case hands it a stand-in for the content script's global.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { unclobber } from '../../../src/overlay/unclobber';

function clobberingPage() {
  const { document } = parseHTML(
    '<html><body><form id="chrome"><input name="runtime"><input id="storage"></form><p id="x">text</p></body></html>',
  );
  const form = document.getElementById('chrome') as unknown as Element;
  return { doc: document as unknown as Document, form };
}

/** The page's ids and names, as the page should see them after unclobber. */
const attributes = (doc: Document) =>
  Array.from(doc.querySelectorAll('[id], [name]')).map((e) => `${e.getAttribute('id')}|${e.getAttribute('name')}`);

const realApi = { runtime: { id: 'paperlens' } };

describe('unclobber', () => {
  it('pins the APIs the browser installed on the clobbering element (the page element found under `chrome`)', () => {
    const { doc, form } = clobberingPage();
    // As Chrome does: the extension APIs installed as own properties of the element `chrome` named.
    Object.defineProperty(form, 'runtime', { value: realApi.runtime, enumerable: true, configurable: true });
    // `chrome` as the window's named property: the element, while it carries the name.
    const global: Record<string, unknown> = {};
    Object.defineProperty(global, 'chrome', {
      get: () => doc.querySelector('[id="chrome"], [name="chrome"]') ?? undefined,
      configurable: true,
    });
    const before = attributes(doc);
    unclobber(doc, global);
    expect(global.chrome).not.toBe(form);
    expect((global.chrome as typeof realApi).runtime).toBe(realApi.runtime);
    expect(Object.getOwnPropertyDescriptor(global, 'browser')).toMatchObject({ value: undefined });
    expect(attributes(doc)).toEqual(before);
  });

  it('does not throw where `chrome` is non-configurable (older Chromium), and keeps the browser’s own API', () => {
    const { doc } = clobberingPage();
    const global: Record<string, unknown> = {};
    Object.defineProperty(global, 'chrome', { value: realApi, configurable: false, writable: false });
    // The case itself: redefining the property is what threw "Cannot redefine property: chrome".
    expect(() => Object.defineProperty(global, 'chrome', { value: {}, configurable: true })).toThrow(
      /Cannot redefine property: chrome/,
    );
    const before = attributes(doc);
    expect(() => unclobber(doc, global)).not.toThrow();
    expect(global.chrome).toBe(realApi);
    // `browser` is still repaired, and the page keeps its ids and names.
    expect(Object.getOwnPropertyDescriptor(global, 'browser')).toMatchObject({ value: undefined, configurable: true });
    expect(attributes(doc)).toEqual(before);
  });

  it('gives the page its attributes back even when reading the global throws', () => {
    const { doc } = clobberingPage();
    const global = {};
    Object.defineProperty(global, 'chrome', {
      get() {
        throw new Error('hostile getter');
      },
      configurable: false,
    });
    const before = attributes(doc);
    expect(() => unclobber(doc, global)).not.toThrow();
    expect(attributes(doc)).toEqual(before);
  });

  it('touches nothing on a page without such elements', () => {
    const { document } = parseHTML('<html><body><p id="x">text</p></body></html>');
    const global: Record<string, unknown> = { chrome: realApi };
    unclobber(document as unknown as Document, global);
    expect(Object.keys(global)).toEqual(['chrome']);
    expect(global.chrome).toBe(realApi);
  });
});
