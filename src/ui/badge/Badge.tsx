/**
 * The badge beside a recognised title on a site other than arXiv: it appears only for corpus papers, says
 * whether the paper is saved, and opens the full panel under the title (click, Enter, Space; Escape or
 * the badge again closes it). Text only, never HTML.
 */
export interface BadgeProps {
  /** The corpus title (what the badge recognised), for the accessible name. */
  readonly title: string;
  readonly saved: boolean;
  /** Code links known for the paper (0: no icon). */
  readonly code?: number;
  readonly expanded: boolean;
  readonly onToggle: () => void;
}

export function Badge({ title, saved, code = 0, expanded, onToggle }: BadgeProps) {
  const codeText = code ? `${code} code link${code === 1 ? '' : 's'}; ` : '';
  return (
    <button
      type="button"
      class="pl-badge"
      data-badge-state={saved ? 'saved' : 'corpus'}
      aria-expanded={expanded ? 'true' : 'false'}
      aria-label={`Paperlens: ${saved ? 'saved' : 'in your corpus'}; ${codeText}${expanded ? 'hide' : 'show'} details for ${title}`}
      onClick={(e) => {
        // The badge may sit inside the title's link: opening the panel must not follow it.
        e.preventDefault();
        e.stopPropagation();
        onToggle();
      }}
    >
      <span class="pl-badge-mark" aria-hidden="true">
        {saved ? '★' : '●'}
      </span>
      Paperlens
      {code > 0 && (
        <span class="pl-badge-code" data-code-count={String(code)} title={`${code} code link${code === 1 ? '' : 's'}`}>
          <span aria-hidden="true">{'</>'}</span> {code}
        </span>
      )}
    </button>
  );
}
