/** Highlight segments as text, the matches in <mark>: never HTML. */
import type { TextSegment } from '../../messaging/protocol';

export function Highlighted({ segments }: { readonly segments: readonly TextSegment[] }) {
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}
