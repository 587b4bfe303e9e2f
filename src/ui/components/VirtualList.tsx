/**
 * A list that renders only the rows in view (plus a few either side), so thousands of rows scroll
 * smoothly. Rows have one fixed height; the list scrolls inside its own box.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  readonly items: readonly T[];
  readonly rowHeight: number;
  /** Height of the scrolling box in pixels. */
  readonly height: number;
  readonly overscan?: number;
  readonly row: (item: T, index: number) => ComponentChildren;
  readonly label?: string;
  /** Called with the first and last index in view (to fetch pages of a remote list). */
  readonly onRange?: (first: number, last: number) => void;
}

/** Which rows to render for a scroll position: pure, so it is tested in Node. */
export function visibleRange(
  count: number,
  scrollTop: number,
  rowHeight: number,
  height: number,
  overscan: number,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { first, last };
}

export function VirtualList<T>({ items, rowHeight, height, overscan = 6, row, label, onRange }: VirtualListProps<T>) {
  const [top, setTop] = useState(0);
  const { first, last } = visibleRange(items.length, top, rowHeight, height, overscan);
  onRange?.(first, last);
  const shown: ComponentChildren[] = [];
  for (let i = first; i <= last; i++) {
    const item = items[i];
    if (item === undefined) continue;
    shown.push(
      <div
        key={i}
        style={{ position: 'absolute', top: `${i * rowHeight}px`, left: 0, right: 0, height: `${rowHeight}px` }}
      >
        {row(item, i)}
      </div>,
    );
  }
  return (
    <section
      class="pl-virtual"
      aria-label={label}
      style={{ height: `${height}px`, overflowY: 'auto', position: 'relative' }}
      onScroll={(e) => setTop((e.currentTarget as HTMLElement).scrollTop)}
    >
      <div style={{ height: `${items.length * rowHeight}px`, position: 'relative' }}>{shown}</div>
    </section>
  );
}
