/**
 * The one place Paperlens calls fetch(): listed in src/privacy.ts, used only by "Update from arXiv".
 * `credentials: 'omit'` so no arXiv cookie travels with the request.
 */
import type { FetchText } from './arxiv';

export const fetchText: FetchText = async (url, signal) => {
  const res = await fetch(url, { credentials: 'omit', cache: 'no-store', ...(signal ? { signal } : {}) });
  return { status: res.status, text: await res.text() };
};
