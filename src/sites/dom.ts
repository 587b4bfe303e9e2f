/** Small DOM reading helpers shared by adapters. They take the node they read; no globals. */

/** Visible text of an element with whitespace collapsed; `skip` removes descendants first (e.g. labels). */
export function textOf(el: Element | null | undefined, skip?: string): string {
  if (!el) return '';
  let text: string;
  if (skip) {
    const clone = el.cloneNode(true) as Element;
    for (const s of Array.from(clone.querySelectorAll(skip))) s.remove();
    text = clone.textContent ?? '';
  } else {
    text = el.textContent ?? '';
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** `<meta name=… content=…>` values, in document order. */
export function metaValues(doc: ParentNode, name: string): string[] {
  return Array.from(doc.querySelectorAll(`meta[name="${name}"]`))
    .map((m) => (m.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
