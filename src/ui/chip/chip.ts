/**
 * The listing chip: one small button per entry saying whether the paper is saved or in the corpus, its
 * top topics and how many related corpus papers there are (that count arrives after the rest).
 * Activating it (click, Enter, Space) expands the full panel under the entry.
 *
 * Plain DOM, not Preact: a listing draws 2,000 of these, and a chip is a button with a few spans, so it
 * is cloned from one template and filled with `textContent` (page text is text, never HTML).
 */
import { RELATED_COUNT_CAP } from '../../messaging/overlay';
import type { ChipData } from '../../messaging/protocol';

export interface ChipView {
  /** The entry's title, for the accessible name. */
  readonly title: string;
  /** Undefined while the background has not answered. */
  readonly data: ChipData | undefined;
  /** Related corpus papers; undefined while they are being counted (or when counting failed). */
  readonly related: number | undefined;
  readonly expanded: boolean;
}

const templates = new WeakMap<Document, HTMLButtonElement>();

function template(doc: Document): HTMLButtonElement {
  let t = templates.get(doc);
  if (!t) {
    t = doc.createElement('button');
    t.type = 'button';
    t.className = 'pl-chip';
    const mark = doc.createElement('span');
    mark.className = 'pl-chip-mark';
    mark.setAttribute('aria-hidden', 'true');
    t.append(mark);
    templates.set(doc, t);
  }
  return t;
}

const stateOf = (data: ChipData | undefined) =>
  !data ? 'loading' : data.saved ? 'saved' : data.inCorpus ? 'corpus' : 'new';

/** A new chip button in `doc`; `onToggle` runs on activation. Draw it with `drawChip`. */
export function createChip(doc: Document, onToggle: () => void): HTMLButtonElement {
  const button = template(doc).cloneNode(true) as HTMLButtonElement;
  button.addEventListener('click', onToggle);
  return button;
}

/** Shows `view` on a chip button made by `createChip`. */
export function drawChip(button: HTMLButtonElement, view: ChipView): void {
  const { data, related, expanded, title } = view;
  const state = stateOf(data);
  const shown = related === undefined ? '' : related > RELATED_COUNT_CAP ? `${RELATED_COUNT_CAP}+` : String(related);
  button.dataset.chipState = state;
  button.setAttribute('aria-expanded', expanded ? 'true' : 'false');
  // The name is the chip's visible text with the rest said around it, off screen (a screen reader reads
  // "Paperlens, in your corpus: Scaling laws, 3 related; details for <title>, collapsed"): a name that
  // does not contain what is shown confuses those who speak the label to voice control.
  const doc = button.ownerDocument;
  const hidden = (text: string) => {
    const span = doc.createElement('span');
    span.className = 'pl-sr';
    span.textContent = text;
    return span;
  };
  const status = !data ? 'looking up' : data.saved ? 'saved' : data.inCorpus ? 'in your corpus' : 'not in your corpus';
  const mark = button.querySelector('.pl-chip-mark') as HTMLElement;
  mark.textContent = state === 'saved' ? '★' : state === 'corpus' ? '●' : '○';
  while (mark.nextSibling) mark.nextSibling.remove();
  while (mark.previousSibling) mark.previousSibling.remove();
  mark.before(hidden(`Paperlens, ${status}: `));
  const topics = data?.topics ?? [];
  topics.forEach((t, i) => {
    const span = doc.createElement('span');
    span.className = 'pl-chip-topic';
    span.dataset.topic = t.id;
    span.title = t.why;
    span.textContent = t.label;
    // Commas for the ear, inside each item so a screen reader does not pause before them.
    if (i < topics.length - 1 || (related ?? 0) > 0) span.append(hidden(','));
    button.append(span);
  });
  if (data?.code) {
    const span = doc.createElement('span');
    span.className = 'pl-chip-code';
    span.title = `${data.code} code link${data.code === 1 ? '' : 's'} known (the panel lists them)`;
    const icon = doc.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = '</>';
    span.append(
      icon,
      ` ${data.code}`,
      hidden(` code link${data.code === 1 ? '' : 's'}${(related ?? 0) > 0 ? ',' : ''}`),
    );
    button.append(span);
  }
  if (related !== undefined && related > 0) {
    const span = doc.createElement('span');
    span.className = 'pl-chip-related';
    span.dataset.relatedCount = String(related);
    span.title = `${shown} related paper${related === 1 ? '' : 's'} in your corpus (sharing at least two of this paper's distinctive words, or an author); the panel lists the closest`;
    span.textContent = `${shown} related`;
    button.append(span);
  }
  button.append(hidden(`${data && related === undefined ? '; counting related papers' : ''}; details for ${title}`));
}
