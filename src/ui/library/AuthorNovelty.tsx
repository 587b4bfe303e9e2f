/**
 * An author's novelty and AI score, both Paperlens's own figures from the local corpus, each defined in
 * one sentence where it is shown (the seed's "Novelty" and "AI Score" are a site's figures whose method it
 * does not give; Paperlens never shows them as its own).
 */
import { AI_CATEGORIES, NOVELTY_DEFAULTS } from '../../engine/novelty';
import type { AuthorView } from '../../messaging/library';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const FIFTHS = ['0–20%', '20–40%', '40–60%', '60–80%', '80–100%'];

export function AuthorNovelty({ author }: { author: AuthorView }) {
  const n = author.novelty;
  const scored = n ? n.buckets.reduce((a, b) => a + b, 0) : 0;
  return (
    <div data-section="author-novelty">
      <h3>Novelty and AI score (Paperlens’s own)</h3>
      {n && scored > 0 ? (
        <>
          <p>
            Median novelty <strong data-novelty-median>{pct(n.median ?? 0)}</strong> over {scored} of {n.judged} papers
            {n.withheld ? ` (${n.withheld} withheld: too few earlier corpus papers, or no arXiv date)` : ''}.{' '}
            <span class="pl-muted">
              A paper’s novelty is the share of its distinctive title and abstract words that no corpus paper dated
              before it uses.
            </span>
          </p>
          <table class="pl-table" data-novelty-distribution>
            <caption class="pl-muted">Papers by novelty</caption>
            <thead>
              <tr>
                {FIFTHS.map((f) => (
                  <th key={f} scope="col">
                    {f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {n.buckets.map((b, i) => (
                  <td key={FIFTHS[i]}>{b}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </>
      ) : (
        <p class="pl-muted" data-novelty-reason>
          No novelty figure: {n ? `all ${n.judged} papers judged had it withheld` : 'no papers judged'} (a paper needs
          an arXiv date and at least {NOVELTY_DEFAULTS.minEarlier} earlier corpus papers in its primary category).
        </p>
      )}
      {author.aiScore !== undefined && (
        <p data-ai-score={String(Math.round(author.aiScore * 100))}>
          AI score <strong>{pct(author.aiScore)}</strong>{' '}
          <span class="pl-muted">
            (Paperlens’s own: the share of this author’s corpus papers listed in {AI_CATEGORIES.join(', ')}).
          </span>
        </p>
      )}
    </div>
  );
}
