/**
 * The accessibility check for the e2e suite: axe-core run in the page over the whole document, or over
 * Paperlens's hosts on a website, failing on serious and critical violations. axe descends into open
 * shadow roots (it works on the flattened tree), which is where content scripts render; the spec's first
 * test proves that on a page broken on purpose inside a shadow root.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Finding {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  /** Each failing node: its target (one selector per shadow root crossed) and what is wrong. */
  readonly nodes: readonly { readonly target: string; readonly why: string }[];
}

/**
 * Serious and critical violations on `page`. `within` limits the audit to elements matching a CSS
 * selector in the light DOM (Paperlens's hosts on a website, whose own markup is not ours to judge),
 * with everything inside their shadow roots.
 */
export async function seriousViolations(page: Page, within?: string): Promise<Finding[]> {
  // Evaluated as a script by the DevTools protocol: extension pages' CSP does not apply, as it would to a
  // <script> tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<AxeResults> } }).axe;
    const context = sel ? { include: Array.from(document.querySelectorAll(sel)) } : document;
    return axe.run(context, { resultTypes: ['violations'] });
  }, within);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), why: n.failureSummary ?? '' })),
    }));
}
