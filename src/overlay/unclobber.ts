/**
 * DOM clobbering reaches content scripts. When a page has an element named or id'd `chrome`
 * (`<form id="chrome">`), Chrome finds that element under `chrome` as it sets up the content script's
 * isolated world and installs the extension APIs onto it; a control named `runtime` inside the form then
 * shadows `chrome.runtime`, and the extension API polyfill throws "This script should only be loaded in
 * a browser extension" before any of our code runs (found by tests/e2e/hardening-pages.spec.ts).
 * `browser` can be clobbered the same way.
 *
 * Imported first by every content-script entry, this takes the page's names off those elements (and
 * their descendants) for a moment, reads the real APIs, pins them on this world's global as own
 * properties (which win over the window's named properties), and puts every attribute back,
 * synchronously. Pages without such elements are not touched.
 *
 * It never throws: everything it does is a repair, and a content script that dies here shows nothing at
 * all. Some Chromium releases (150 among them) install `chrome` on the isolated world's global as a
 * non-configurable property, where `Object.defineProperty` throws "Cannot redefine property: chrome".
 * There the browser's own property already wins over the page's named elements, so a non-configurable
 * property is kept as it is (see `pin`).
 */
const NAMES = ['chrome', 'browser'] as const;

export function unclobber(doc: Document, global: object = globalThis): void {
  const taken: [Element, 'id' | 'name', string][] = [];
  try {
    const selector = NAMES.flatMap((n) => [`[id="${n}"]`, `[name="${n}"]`]).join(',');
    const clobbers = Array.from(doc.querySelectorAll(selector));
    if (clobbers.length === 0) return;
    const g = global as Record<string, unknown>;
    const before = new Map<string, unknown>(NAMES.map((n) => [n, g[n]]));
    // Every id and name on and inside those elements: a form's controls shadow the form's own properties.
    for (const el of clobbers.flatMap((c) => [c, ...Array.from(c.querySelectorAll('[id], [name]'))]))
      for (const attr of ['id', 'name'] as const) {
        const value = el.getAttribute(attr);
        if (value === null) continue;
        taken.push([el, attr, value]);
        el.removeAttribute(attr);
      }
    for (const name of NAMES) {
      try {
        const element = before.get(name);
        // The real global where there is one; else the APIs the browser installed on the page's element;
        // else undefined (Chrome has no `browser`), so the element is not taken for an API either.
        const value = g[name] ?? (isElement(element) ? apisOn(element) : undefined);
        pin(g, name, value);
      } catch {
        // A hostile page can make a read throw; the scripts then run as they would have without this.
      }
    }
  } catch {
    // As above: never let a repair stop the content script.
  } finally {
    for (const [el, attr, value] of taken) el.setAttribute(attr, value);
  }
}

const isElement = (x: unknown): x is Element =>
  typeof x === 'object' && x !== null && (x as { nodeType?: unknown }).nodeType === 1;

/**
 * Makes `value` this world's own `name`. A non-configurable own property cannot be redefined, and needs
 * not be: it is the browser's own, and an own property of the global already shadows the page's elements.
 */
function pin(g: Record<string, unknown>, name: string, value: unknown): void {
  if (Object.getOwnPropertyDescriptor(g, name)?.configurable === false) return;
  Object.defineProperty(g, name, { value, configurable: true, writable: true });
}

/** The extension APIs the browser installed on a clobbering element, as a plain object. */
function apisOn(el: Element): object | undefined {
  const own = Object.getOwnPropertyDescriptors(el);
  return 'runtime' in own ? Object.defineProperties({}, own) : undefined;
}

if (typeof document !== 'undefined') unclobber(document);
