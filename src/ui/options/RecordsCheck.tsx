/**
 * Damaged records: shown only when some stored paper or reading-list entry cannot be read (reads skip
 * them), with a way to recover. Repair removes damaged papers (a bundled one returns with "Reset bundled
 * corpus") and rebuilds damaged reading-list entries from what is still valid in them.
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import { errorText } from './format';

export function RecordsCheck({ onChanged }: { onChanged: () => void }) {
  const [bad, setBad] = useState<{ papers: number; entries: number } | null>(null);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const check = () => send('corpus/integrity', {}).then(setBad, (e: unknown) => setError(errorText(e)));
  useEffect(() => void check(), []);

  async function repair() {
    try {
      const r = await send('corpus/repair', {});
      setDone(
        `Removed ${r.removedPapers} damaged paper${r.removedPapers === 1 ? '' : 's'}; ` +
          `rebuilt ${r.repairedEntries} reading-list entr${r.repairedEntries === 1 ? 'y' : 'ies'}` +
          (r.removedEntries ? `, removed ${r.removedEntries} beyond repair.` : '.'),
      );
      await check();
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const total = bad ? bad.papers + bad.entries : 0;
  if (!total && !done && !error) return null;
  return (
    <section data-section="unreadable">
      {error && <p class="pl-error">{error}</p>}
      {total > 0 && (
        <p class="pl-error" data-unreadable={total}>
          {total} record{total === 1 ? '' : 's'} could not be read ({bad?.papers ?? 0} in the corpus,{' '}
          {bad?.entries ?? 0} in the reading list) and {total === 1 ? 'is' : 'are'} skipped.{' '}
          <button type="button" data-action="repair-records" onClick={() => void repair()}>
            Repair
          </button>
        </p>
      )}
      {done && <p data-repaired>{done}</p>}
    </section>
  );
}
