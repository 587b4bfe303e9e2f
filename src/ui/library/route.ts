/**
 * The library page's hash routes, the links the overlay and popup make: `#author=<key>`, `#topic=<id>`,
 * `#paper=<id>`, and the tabs `#list` (default), `#corpus`, `#backup`. Pure.
 */
export type Route =
  | { readonly view: 'list' | 'corpus' | 'backup' }
  | { readonly view: 'author' | 'topic' | 'paper'; readonly key: string };

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const eq = h.indexOf('=');
  const name = eq < 0 ? h : h.slice(0, eq);
  let value = '';
  try {
    value = eq < 0 ? '' : decodeURIComponent(h.slice(eq + 1));
  } catch {
    return { view: 'list' };
  }
  if ((name === 'author' || name === 'topic' || name === 'paper') && value) return { view: name, key: value };
  if (name === 'corpus' || name === 'backup') return { view: name };
  return { view: 'list' };
}

export function routeHash(r: Route): string {
  return 'key' in r ? `#${r.view}=${encodeURIComponent(r.key)}` : `#${r.view}`;
}
