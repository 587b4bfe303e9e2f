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
  const label = !data
    ? 'Paperlens: looking up'
    : `Paperlens: ${data.saved ? 'saved' : data.inCorpus ? 'in your corpus' : 'not in your corpus'}; ${related === undefined ? 'counting related papers' : `${shown} related`}; ${expanded ? 'hide' : 'show'} details for ${title}`;
  return (
    <button
      type="button"
      class="pl-chip"
      data-chip-state={state}
      aria-expanded={expanded ? 'true' : 'false'}
      aria-label={label}
      onClick={onToggle}
    >
      <span class="pl-chip-mark" aria-hidden="true">
        {state === 'saved' ? '★' : state === 'corpus' ? '●' : '○'}
      </span>
      {data?.topics.map((t) => (
        <span key={t.id} class="pl-chip-topic" data-topic={t.id} title={t.why}>
          {t.label}
        </span>
      ))}
      {related !== undefined && related > 0 && (
        <span
          class="pl-chip-related"
          data-related-count={related}
          title={`${shown} related paper${related === 1 ? '' : 's'} in your corpus (sharing at least two of this paper's distinctive words, or an author); the panel lists the closest`}
        >{`${shown} related`}</span>
      )}
    </button>
  );
}
