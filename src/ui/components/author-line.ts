/**
 * A long author list cut to the first few names for one line of a result, keeping any name the query
 * matched ("Percy Liang, Rishi Bommasani, Tony Lee, … Ben Adlam et al."). Works on highlight segments
 * of the comma-joined names, so highlights survive the cut. Pure.
 */
import type { TextSegment } from '../../messaging/types';

/** Splits segments of "A, B, C" into one segment list per name. */
function byName(segments: readonly TextSegment[]): TextSegment[][] {
  const names: TextSegment[][] = [[]];
  for (const s of segments) {
    const parts = s.text.split(', ');
    parts.forEach((text, i) => {
      if (i > 0) names.push([]);
      if (text) names[names.length - 1]?.push({ text, match: s.match });
    });
  }
  return names.filter((n) => n.length > 0);
}

export function shortAuthorLine(segments: readonly TextSegment[], keep = 3): TextSegment[] {
  const names = byName(segments);
  if (names.length <= keep + 1) return [...segments];
  const later = names
    .slice(keep)
    .filter((n) => n.some((s) => s.match))
    .slice(0, 2);
  const out: TextSegment[] = [];
  names.slice(0, keep).forEach((name, i) => {
    if (i > 0) out.push({ text: ', ', match: false });
    out.push(...name);
  });
  for (const name of later) out.push({ text: ', … ', match: false }, ...name);
  out.push({ text: ' et al.', match: false });
  return out;
}
