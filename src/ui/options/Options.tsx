/** The options page: what the corpus holds and, in time, imports, sites and privacy. */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { CorpusStatus } from '../../messaging/protocol';

export function Options() {
  const [status, setStatus] = useState<CorpusStatus | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    send('corpus/status', {}).then(setStatus, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <div>
      <div class="pl-bar">
        <h1>Paperlens settings</h1>
      </div>
      <main>
        <h2>Corpus</h2>
        {error && <p class="pl-error">{error}</p>}
        {status && (
          <table data-section="corpus-status" style={{ width: 'auto' }}>
            <tbody>
              <tr>
                <th>Papers</th>
                <td data-stat="papers">{status.papers}</td>
              </tr>
              <tr>
                <th>Bundled</th>
                <td data-stat="bundled">{status.bundled}</td>
              </tr>
              <tr>
                <th>Imported</th>
                <td data-stat="imported">{status.imported}</td>
              </tr>
              <tr>
                <th>Learned while browsing</th>
                <td data-stat="learned">{status.learned}</td>
              </tr>
              <tr>
                <th>Reading list</th>
                <td data-stat="saved">{status.saved}</td>
              </tr>
              <tr>
                <th>Bundled corpus version</th>
                <td>{status.corpusVersion ?? 'not installed'}</td>
              </tr>
            </tbody>
          </table>
        )}
        <h2>Privacy</h2>
        <p>
          Paperlens makes no network request of its own. Everything it knows lives in this browser, in the extension’s
          IndexedDB.
        </p>
      </main>
    </div>
  );
}
