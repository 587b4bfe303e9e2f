/**
 * arXiv's HTML versions for the end-to-end tests: a route for `https://arxiv.org/html/**` that answers
 * documents and fetches from the fixture pages (404 where there is none, as arXiv answers for a paper
 * without an HTML version), images with a 1×1 PNG so thumbnails load, and records every request, so a
 * test can say what was asked and when.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Route } from '@playwright/test';
import { fixturePath } from '../../src/cli/browser';
import type { Session } from './harness';

const HTML_ROUTE = 'https://arxiv.org/html/**';
/** A 1×1 transparent PNG, so thumbnails load as real images. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The floats of the fixture https://arxiv.org/html/2503.04567v1 (and of its abs page's HTML version), in order. */
export const FIXTURE_FLOATS = [
  { id: 'S1.F1', kind: 'figure', label: 'Figure 1' },
  { id: 'S2.F2', kind: 'figure', label: 'Figure 2' },
  { id: 'S2.T1', kind: 'table', label: 'Table 1' },
  { id: 'alg1', kind: 'figure', label: 'Algorithm 1' },
  { id: 'S2.F3', kind: 'figure', label: 'Figure 3' },
  { id: 'S2.F4', kind: 'figure', label: 'Figure 4' },
  { id: 'S2.F5.fig1', kind: 'figure', label: 'Figure 5' },
  { id: 'S2.T2', kind: 'table', label: 'Table 2' },
  { id: 'A1.F6', kind: 'figure', label: 'Figure 6' },
] as const;

export interface Asked {
  readonly url: string;
  readonly type: string;
}

/** Answers arxiv.org/html for this test and records what was asked; `fail` cuts the next n non-image requests. */
export async function answerHtml(session: Session, options: { fail?: number } = {}) {
  const asked: Asked[] = [];
  let fail = options.fail ?? 0;
  const handler = async (route: Route) => {
    const req = route.request();
    asked.push({ url: req.url(), type: req.resourceType() });
    if (req.resourceType() === 'image') return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
    if (fail > 0) {
      fail--;
      return route.abort('internetdisconnected');
    }
    const exact = fixturePath(new URL(req.url()));
    const file = existsSync(exact) ? exact : exact.replace(/v\d+\.html$/, '.html');
    if (!existsSync(file)) return route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(file) });
  };
  await session.context.route(HTML_ROUTE, handler);
  return {
    asked,
    /** Requests for pages (documents and fetches), not images. */
    pages: () => asked.filter((a) => a.type !== 'image').map((a) => a.url),
    done: () => session.context.unroute(HTML_ROUTE, handler),
  };
}
