/** The library page: the reading list (and, in time, author, topic and paper views). */
import { useEffect, useState } from 'preact/hooks';
import type { ReadingListEntry } from '../../db/schema';
import { send } from '../../messaging/client';

export function Library() {
  const [entries, setEntries] = useState<ReadingListEntry[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    send('readingList/list', {}).then(
      (r) => setEntries(r.entries),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  return (
    <div>
      <div class="pl-bar">
        <h1>Paperlens library</h1>
        <span class="pl-muted">{entries ? `${entries.length} saved` : ''}</span>
      </div>
      <main>
        <h2>Reading list</h2>
        {error && <p class="pl-error">{error}</p>}
        {entries && entries.length === 0 && (
          <p class="pl-muted">Nothing saved yet. Press “Save” on a paper’s panel on arXiv to add it here.</p>
        )}
        {entries && entries.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>Title</th>
                <th>Authors</th>
                <th>Status</th>
                <th>Added</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.paperId} data-reading-list-item="" data-paper-id={e.paperId}>
                  <td>
                    {e.paperId.startsWith('title:') ? (
                      e.title
                    ) : (
                      <a href={`https://arxiv.org/abs/${e.paperId}`} target="_blank" rel="noreferrer">
                        {e.title}
                      </a>
                    )}
                  </td>
                  <td>
                    {e.authors.slice(0, 3).join(', ')}
                    {e.authors.length > 3 ? ' et al.' : ''}
                  </td>
                  <td>{e.status}</td>
                  <td>{e.addedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
