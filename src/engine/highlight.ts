/**
 * Highlights as data, never HTML: a text cut into segments, each marked matched or not. The UI renders
 * them as it likes (and cannot be tricked into injecting markup from a title). Pure.
 */
import { normaliseTitle, stem } from './normalize';

export interface Segment {
  readonly text: string;
  readonly match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/**
 * The search term of one word of text. A plain ASCII word normalises to itself in lower case, so it skips
 * `normaliseTitle` (its Unicode passes were most of the cost of a result list's snippets).
 */
function termOf(w: string): string {
  return stem(ASCII_WORD.test(w) ? w.toLowerCase() : normaliseTitle(w));
}

/** Cuts `text` into segments, marking the words whose search term is in `matched`. */
export function highlight(text: string, matched: ReadonlySet<string>): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const at = m.index ?? 0;
    if (!matched.has(termOf(m[0]))) continue;
    if (at > last) pushSeg(out, text.slice(last, at), false);
    pushSeg(out, m[0], true);
    last = at + m[0].length;
  }
  if (last < text.length) pushSeg(out, text.slice(last), false);
  return out;
}

/**
 * A window of about `width` characters around the first matched word, cut at word boundaries, with "…"
 * where text was cut. For abstracts in a result list.
 */
export function snippet(text: string, matched: ReadonlySet<string>, width = 240): Segment[] {
  if (text.length <= width) return highlight(text, matched);
  // Only the first matched word places the window: no need to segment the whole abstract.
  let first = -1;
  for (const m of text.matchAll(WORD))
    if (matched.has(termOf(m[0]))) {
      first = m.index ?? 0;
      break;
    }
  let start = Math.max(0, first - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  start = start === 0 ? 0 : text.indexOf(' ', start) + 1;
  const cut = text.lastIndexOf(' ', end);
  end = end === text.length || cut <= start ? end : cut;
  const inner = highlight(text.slice(start, end), matched);
  if (start > 0) inner.unshift({ text: '…', match: false });
  if (end < text.length) inner.push({ text: '…', match: false });
  return inner;
}

function pushSeg(out: Segment[], text: string, match: boolean): void {
  const prev = out[out.length - 1];
  if (prev && prev.match === match) out[out.length - 1] = { text: prev.text + text, match };
  else out.push({ text, match });
}
