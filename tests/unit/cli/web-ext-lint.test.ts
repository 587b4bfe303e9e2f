import { describe, expect, it } from 'vitest';
import { judgeLint, type LintReport } from '../../../src/cli/web-ext-lint';

const files: Record<string, string> = {
  // Preact's renderer, minified as in the bundles.
  'content-scripts/arxiv.js': `${'x'.repeat(100)}b.__html==t.innerHTML)||(t.innerHTML=b.__html),e.__k=[]`,
  // Code of ours writing HTML: must fail.
  'popup.js': `${'y'.repeat(50)}el.innerHTML=userText;`,
};
const read = (f: string) => files[f] ?? '';
const unsafe = (file: string, column: number) =>
  ({ code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file, line: 1, column }) as const;

describe('web-ext lint, as npm test reads it', () => {
  it('allows only Preact’s own innerHTML path', () => {
    const report: LintReport = { errors: [], warnings: [unsafe('content-scripts/arxiv.js', 130)], notices: [] };
    expect(judgeLint(report, read)).toMatchObject({ ok: true, failing: [] });
  });

  it('fails on an innerHTML write of ours, on any other warning and on any error', () => {
    const ours = unsafe('popup.js', 52);
    const other = { code: 'MANIFEST_FIELD_UNSUPPORTED', message: 'x', file: 'manifest.json' };
    const error = { code: 'JSON_INVALID', message: 'bad' };
    const r = judgeLint({ errors: [error], warnings: [ours, other], notices: [] }, read);
    expect(r.ok).toBe(false);
    expect(r.failing).toEqual([error, ours, other]);
  });
});
