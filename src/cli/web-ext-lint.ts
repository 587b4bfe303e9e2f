/**
 * Reading `web-ext lint --output json` for `npm test`: errors fail, and so does any warning the project's
 * own code causes. The one kind allowed is Preact's: its renderer supports `dangerouslySetInnerHTML` with
 * `node.innerHTML = props.__html`, which the linter flags in every bundle that holds Preact, although no
 * Paperlens code passes that prop (tests/unit/hardening/surface.test.ts fails if any does).
 */
export interface LintMessage {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface LintReport {
  readonly errors: readonly LintMessage[];
  readonly warnings: readonly LintMessage[];
  readonly notices: readonly LintMessage[];
}

/** Preact's own assignment, as minified: `t.innerHTML=b.__html`. */
const PREACT_INNER_HTML = /\.innerHTML=[\w$]+\.__html\b/;

/** Whether a warning is Preact's innerHTML path, judged from the flagged spot in the built file. */
export function isPreactInnerHtml(m: LintMessage, readFile: (file: string) => string): boolean {
  if (m.code !== 'UNSAFE_VAR_ASSIGNMENT' || !m.file || !m.line || m.column === undefined) return false;
  const line = readFile(m.file).split('\n')[m.line - 1] ?? '';
  return PREACT_INNER_HTML.test(line.slice(Math.max(0, m.column - 40), m.column + 40));
}

export function judgeLint(
  report: LintReport,
  readFile: (file: string) => string,
): { ok: boolean; allowed: LintMessage[]; failing: LintMessage[] } {
  const allowed = report.warnings.filter((w) => isPreactInnerHtml(w, readFile));
  const failing = [...report.errors, ...report.warnings.filter((w) => !allowed.includes(w))];
  return { ok: failing.length === 0, allowed, failing };
}

export const describeLint = (m: LintMessage) => `${m.code} ${m.file ?? ''}:${m.line ?? ''} ${m.message}`;
