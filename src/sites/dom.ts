/** Small DOM reading helpers shared by adapters. They take the node they read; no globals. */

/** Visible text of an element with whitespace collapsed; `skip` removes descendants first (e.g. labels). */
export function textOf(el: Element | null | undefined, skip?: string): string {
  if (!el) return '';
  // Read in place, skipping the labels, rather than cloned: a listing reads 2,000 of these.
  const text = skip && el.querySelector(skip) ? textSkipping(el, skip) : (el.textContent ?? '');
  return text.replace(/\s+/g, ' ').trim();
}

/** The text under `el`, leaving out the elements that match `skip` (and what is inside them). */
function textSkipping(el: Element, skip: string): string {
  let out = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 || n.nodeType === 4) out += (n as CharacterData).data;
    else if (n.nodeType === 1 && !(n as Element).matches(skip)) out += textSkipping(n as Element, skip);
  }
  return out;
}

/** `<meta name=… content=…>` values, in document order. */
export function metaValues(doc: ParentNode, name: string): string[] {
  return Array.from(doc.querySelectorAll(`meta[name="${name}"]`))
    .map((m) => (m.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Category codes in a Subjects line: "Machine Learning (cs.LG); Optimization (math.OC)" → cs.LG, math.OC. */
export function categoriesIn(subjects: string): string[] {
  const out: string[] = [];
  for (const m of subjects.matchAll(/\(([a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?)\)/g))
    if (m[1] && !out.includes(m[1])) out.push(m[1]);
  return out;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `YYYY-MM-DD` from the date forms arXiv pages show ("16 Jan 2025", "1999/01/01", "2025-01-16"). */
export function isoDate(text: string): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  let m = /(\d{4})[/-](\d{1,2})[/-](\d{1,2})/.exec(text);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})/.exec(text);
  const month = m ? MONTHS.indexOf((m[2] ?? '').toLowerCase()) : -1;
  if (m && month >= 0) return `${m[3]}-${pad(month + 1)}-${pad(Number(m[1]))}`;
  return undefined;
}

/** Author names from a list of links, dropping arXiv's stray "and " before the last name in old records. */
export function authorNames(links: readonly Element[]): string[] {
  return links.map((a) => textOf(a).replace(/^and\s+/i, '')).filter(Boolean);
}
