/**
 * The one place Paperlens calls fetch(): listed in src/privacy.ts, used by "Update from arXiv" (in the
 * options page), "Build from arXiv" (the harvest, in the background) and an abs panel's "Figures" (in
 * the arXiv content script, a same-site request to arxiv.org/html). `credentials: 'omit'` so no
 * arXiv cookie travels with the request.
 */
import type { FetchText } from './arxiv';

export const fetchText: FetchText = async (url, signal) => {
  const res = await fetch(url, { credentials: 'omit', cache: 'no-store', ...(signal ? { signal } : {}) });
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after'), url: res.url };
};
