/**
 * The one place Paperlens calls fetch(): listed in src/privacy.ts, used by "Update from arXiv" (in the
 * options page) and "Build from arXiv" (the harvest, in the background). `credentials: 'omit'` so no
 * arXiv cookie travels with the request.
 */
import type { FetchText } from './arxiv';

export const fetchText: FetchText = async (url, signal) => {
  const res = await fetch(url, { credentials: 'omit', cache: 'no-store', ...(signal ? { signal } : {}) });
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
};
