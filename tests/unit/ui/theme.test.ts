import { describe, expect, it } from 'vitest';
import { themedCss } from '../../../src/ui/theme';

describe('the theme setting in stylesheets', () => {
  const css = `.a { color: black; }
@media (prefers-color-scheme: dark) {
  .a, .b { color: white; }
}
.c { margin: 0; }`;

  it('in a shadow root, dark applies when the host says dark, or the browser prefers dark and the host does not say light', () => {
    const out = themedCss(css, ':host');
    expect(out).toContain(':host([data-pl-theme="dark"]) .a, :host([data-pl-theme="dark"]) .b { color: white; }');
    expect(out).toContain(
      '@media (prefers-color-scheme: dark) {\n:host(:not([data-pl-theme="light"])) .a, :host(:not([data-pl-theme="light"])) .b { color: white; }',
    );
    expect(out.startsWith('.a { color: black; }')).toBe(true);
    expect(out.endsWith('.c { margin: 0; }')).toBe(true);
  });

  it('on a page, :root itself takes the attribute', () => {
    const out = themedCss(
      ':root { --x: 1; }\n@media (prefers-color-scheme: dark) {\n  :root { --x: 2; }\n  mark { background: #000; }\n}',
      ':root',
    );
    expect(out).toContain(':root[data-pl-theme="dark"] { --x: 2; }');
    expect(out).toContain(':root[data-pl-theme="dark"] mark { background: #000; }');
    expect(out).toContain(':root:not([data-pl-theme="light"]) { --x: 2; }');
  });

  it('leaves a stylesheet with no dark block alone', () => {
    expect(themedCss('.a { color: red; }', ':host')).toBe('.a { color: red; }');
  });
});
