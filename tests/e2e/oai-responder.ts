/**
 * A local arXiv OAI-PMH responder for the end-to-end tests: Playwright routing of
 * `https://oaipmh.arxiv.org/**` (the service worker's requests included), answering from the recorded
 * responses (tests/support/oai.ts), with faults scripted per request: a 503 with Retry-After, a cut
 * connection, another body, or an answer held back until the test releases it.
 *
 * The routed answers carry CORS headers: automation cannot answer the browser's permission prompt, so
 * the extension runs without the oaipmh.arxiv.org host permission here, as a cross-origin fetch.
 */
import type { BrowserContext, Page, Route } from '@playwright/test';
import { oaiFixture, recordedFile } from '../support/oai';

export const OAI_ROUTE = 'https://oaipmh.arxiv.org/**';
/** The day the recorded windows start (tests/support/oai.ts). */
export const START = '2026-11-23';

export interface Fault {
  readonly status?: number;
  readonly retryAfter?: string;
  readonly body?: string;
  /** Fail the request as a cut connection. */
  readonly cut?: boolean;
  /** Answer only once this settles (a request in flight while the test stops the worker). */
  readonly hold?: Promise<unknown>;
}

export class OaiResponder {
  /** Every request that reached the responder, with the wall time it arrived. */
  readonly asked: { url: URL; at: number }[] = [];
  /** What to answer instead of the recording, one entry per request in order (undefined: the recording). */
  readonly script: (Fault | undefined)[] = [];

  private readonly handler = async (route: Route) => {
    const url = new URL(route.request().url());
    this.asked.push({ url, at: Date.now() });
    const fault = this.script.shift();
    if (fault?.hold) await fault.hold;
    if (fault?.cut) return route.abort('connectionreset').catch(() => undefined);
    const headers: Record<string, string> = {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'retry-after',
      ...(fault?.retryAfter ? { 'retry-after': fault.retryAfter } : {}),
    };
    return route
      .fulfill({
        status: fault?.status ?? 200,
        headers,
        contentType: 'text/xml; charset=utf-8',
        body: fault?.body ?? (fault?.status && fault.status !== 200 ? '' : oaiFixture(recordedFile(url))),
      })
      .catch(() => undefined); // The worker that asked may be gone (stopped by the test).
  };

  async attach(context: BrowserContext): Promise<void> {
    await context.route(OAI_ROUTE, this.handler);
  }

  async detach(context: BrowserContext): Promise<void> {
    await context.unroute(OAI_ROUTE, this.handler);
  }

  /** The query of request `i`, as an object. */
  params(i: number): Record<string, string> {
    return Object.fromEntries(this.asked[i]?.url.searchParams ?? []);
  }

  /** Gaps between the starts of consecutive requests, in ms. */
  gaps(): number[] {
    return this.asked.slice(1).map((a, i) => a.at - (this.asked[i]?.at ?? 0));
  }
}

/**
 * Stands in for the user's answer to the browser's permission prompt for oaipmh.arxiv.org (which
 * automation cannot click): `permissions.request` answers `grant` on this page.
 */
export async function answerPermissionPrompt(page: Page, grant: boolean): Promise<void> {
  await page.evaluate((g) => {
    type Perms = { request: (o: unknown, cb?: (x: boolean) => void) => Promise<boolean> };
    const answer = (_o: unknown, cb?: (x: boolean) => void) => {
      cb?.(g);
      return Promise.resolve(g);
    };
    const scope = globalThis as unknown as { chrome?: { permissions: Perms }; browser?: { permissions: Perms } };
    for (const api of [scope.chrome, scope.browser]) if (api?.permissions) api.permissions.request = answer;
  }, grant);
}

/** Chooses categories and the start day on a page's harvest form, allows arXiv, and clicks `action`. */
export async function build(page: Page, add: string[], action = 'build-from-arxiv', remove: string[] = []) {
  for (const code of remove) await page.locator(`[data-chosen-category="${code}"] button`).click();
  for (const code of add) {
    await page.locator('[data-field="category-search"]').fill(code);
    await page.locator(`[data-category-choice="${code}"]`).check();
  }
  await page.locator('[data-field="harvest-start"]').fill(START);
  await answerPermissionPrompt(page, true);
  await page.locator(`[data-action="${action}"]`).click();
}

export const progress = (page: Page) => page.locator('[data-section="harvest-progress"]');
