/**
 * The panel's novelty: the share of the paper's distinctive words that no earlier corpus paper uses, with
 * the words that make it new, the words it shares (each with the earliest corpus paper using it) and the
 * number of earlier papers it was judged against; or, where the corpus is too small or the paper cannot
 * be dated, the reason no figure is shown. The figure is Paperlens's own, computed on this corpus.
 */
import type { NoveltyView } from '../../messaging/novelty';

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function NoveltySection({
  novelty,
  paperUrl,
}: {
  novelty: NoveltyView | undefined;
  /** Where an earlier paper's link goes (its arXiv page). */
  paperUrl: (id: string) => string;
}) {
  return (
    <div class="pl-section" data-section="novelty" data-novelty={novelty?.status ?? 'loading'}>
      <h3>Novelty in your corpus</h3>
      {!novelty ? (
        <p class="pl-empty">…</p>
      ) : novelty.status === 'withheld' ? (
        <p class="pl-empty" data-novelty-reason>
          No figure: {novelty.reason}
        </p>
      ) : (
        <>
          <p>
            <strong data-novelty-share={String(Math.round(novelty.share * 100))}>{pct(novelty.share)}</strong> new:{' '}
            {novelty.novel.length} of this paper’s {novelty.distinctive} distinctive title and abstract words appear in
            no corpus paper dated before it ({novelty.earlier.toLocaleString('en')} earlier papers
            {novelty.category
              ? `, ${novelty.earlierInCategory.toLocaleString('en')} of them in ${novelty.category}, its primary category`
              : ''}
            ). <span class="pl-meta">Paperlens’s own figure, from your local corpus.</span>
          </p>
          {novelty.novel.length > 0 && (
            <p data-novelty-new>
              <span class="pl-meta">New here: </span>
              {novelty.novel.join(', ')}
            </p>
          )}
          {novelty.shared.length > 0 && (
            <ul class="pl-novelty-shared" aria-label="Words used by earlier papers">
              {novelty.shared.map((s) => (
                <li key={s.word} data-novelty-shared={s.word}>
                  “{s.word}”, first in <a href={paperUrl(s.id)}>{s.title}</a>
                  {s.year ? ` (${s.year})` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
