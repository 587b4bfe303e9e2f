/**
 * The theme setting (auto / light / dark) for styles written with `@media (prefers-color-scheme: dark)`.
 * `themedCss` rewrites each such block so that it applies when the scope carries
 * `data-pl-theme="dark"`, or when the browser prefers dark and the scope is not `data-pl-theme="light"`.
 * Pure: it only rewrites text.
 */
export type Theme = 'auto' | 'light' | 'dark';
export const THEME_ATTR = 'data-pl-theme';

const DARK_MEDIA = '@media (prefers-color-scheme: dark)';

/** Prefixes every selector of a rule list (no nested at-rules) with `prefix`. */
function scoped(rules: string, prefix: (sel: string) => string): string {
  return rules.replace(/([^{}]+)\{([^{}]*)\}/g, (_m, sels: string, body: string) => {
    const list = sels
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(prefix)
      .join(', ');
    return `${list} { ${body.trim()} }\n`;
  });
}

export function themedCss(css: string, scope: ':host' | ':root'): string {
  const dark = scope === ':host' ? `:host([${THEME_ATTR}="dark"])` : `:root[${THEME_ATTR}="dark"]`;
  const notLight = scope === ':host' ? `:host(:not([${THEME_ATTR}="light"]))` : `:root:not([${THEME_ATTR}="light"])`;
  // `:root` itself takes the attribute; anything else is a descendant of the scope.
  const under = (scopeSel: string) => (sel: string) =>
    sel === ':root' ? scopeSel : sel.startsWith(':root') ? scopeSel + sel.slice(5) : `${scopeSel} ${sel}`;
  let out = '';
  let at = 0;
  for (;;) {
    const start = css.indexOf(DARK_MEDIA, at);
    if (start < 0) break;
    const open = css.indexOf('{', start);
    let depth = 1;
    let i = open + 1;
    for (; i < css.length && depth > 0; i++) {
      if (css[i] === '{') depth++;
      else if (css[i] === '}') depth--;
    }
    const inner = css.slice(open + 1, i - 1);
    out += css.slice(at, start);
    out += scoped(inner, under(dark));
    out += `${DARK_MEDIA} {\n${scoped(inner, under(notLight))}}`;
    at = i;
  }
  return out + css.slice(at);
}
