/**
 * The panel's code links: every link the corpus and the page know, each saying where it was found
 * (the abstract, the comments, Hugging Face's repository field, Papers with Code, the corpus record).
 * Links open in a new tab without a referrer: the repository learns nothing of the page.
 */
import { CODE_SOURCE_LABEL, type CodeLink } from '../../core/code';

export function CodeSection({ links }: { links: readonly CodeLink[] | undefined }) {
  return (
    <div class="pl-section" data-section="code">
      <h3>Code</h3>
      {!links ? (
        <p class="pl-empty">…</p>
      ) : links.length === 0 ? (
        <p class="pl-empty">No code links known for this paper.</p>
      ) : (
        <ul class="pl-code">
          {links.map((l) => (
            <li key={l.url}>
              <a href={l.url} rel="noopener noreferrer" target="_blank" data-code-link data-code-source={l.source}>
                {l.url.replace(/^https?:\/\/(www\.)?/, '')}
              </a>{' '}
              <span class="pl-meta">from {CODE_SOURCE_LABEL[l.source]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
