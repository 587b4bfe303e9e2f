/**
 * The listing chip: one small button per entry saying whether the paper is saved or in the corpus, its
 * top topics and how many related corpus papers there are (that count may arrive after the rest). Activating it (click, Enter, Space) expands
 * the full panel under the entry. Text only, never HTML.
 */
import { RELATED_COUNT_CAP } from '../../messaging/overlay';
import type { ChipData } from '../../messaging/protocol';

export interface ChipProps {
  readonly title: string;
  /** Undefined while the background has not answered. */
  readonly data: ChipData | undefined;
  readonly expanded: boolean;
  readonly onToggle: () => void;
}

export function Chip({ title, data, expanded, onToggle }: ChipProps) {
  const state = !data ? 'loading' : data.saved ? 'saved' : data.inCorpus ? 'corpus' : 'new';
  const related = data?.relatedCount;
  const shown = related === undefined ? '' : related > RELATED_COUNT_CAP ? `${RELATED_COUNT_CAP}+` : String(related);
  // The name is the chip's visible text with the rest said around it, off screen (a screen reader reads
  // "Paperlens, in your corpus: Scaling laws, 3 related; details for <title>, collapsed"): a name that
  // does not contain what is shown confuses those who speak the label to voice control.
  const status = !data ? 'looking up' : data.saved ? 'saved' : data.inCorpus ? 'in your corpus' : 'not in your corpus';
  return (
    <button
      type="button"
      class="pl-chip"
      data-chip-state={state}
      aria-expanded={expanded ? 'true' : 'false'}
      onClick={onToggle}
    >
      <span class="pl-sr">{`Paperlens, ${status}: `}</span>
      <span class="pl-chip-mark" aria-hidden="true">
        {state === 'saved' ? '★' : state === 'corpus' ? '●' : '○'}
      </span>
      {data?.topics.map((t, i) => (
        <span key={t.id} class="pl-chip-topic" data-topic={t.id} title={t.why}>
          {t.label}
          {/* Commas for the ear, inside each item so a screen reader does not pause before them. */}
          {(i < data.topics.length - 1 || (related ?? 0) > 0) && <span class="pl-sr">,</span>}
        </span>
      ))}
      {related !== undefined && related > 0 && (
        <span
          class="pl-chip-related"
          data-related-count={related}
          title={`${shown} related paper${related === 1 ? '' : 's'} in your corpus (sharing at least two of this paper's distinctive words, or an author); the panel lists the closest`}
        >{`${shown} related`}</span>
      )}
      <span class="pl-sr">{`${data && related === undefined ? '; counting related papers' : ''}; details for ${title}`}</span>
    </button>
  );
}
