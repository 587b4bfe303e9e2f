/**
 * Exports and the full backup. Import reads the file, asks the background what a restore would do
 * (validating everything first), shows that, and restores only when the user says so.
 */
import { useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import { downloadText } from '../components/download';
import { ExportPicker, exportPapers, message } from './shared';

export function BackupView() {
  const [error, setError] = useState('');
  const [pending, setPending] = useState<{ backup: unknown; summary: string; file: string } | null>(null);
  const [done, setDone] = useState('');

  const exportBackup = async () => {
    const { backup } = await send('backup/export', {});
    downloadText(
      `${JSON.stringify(backup, null, 1)}\n`,
      `paperlens-backup-${backup.exportedAt.slice(0, 10)}.json`,
      'application/json',
    );
  };

  const pick = async (file: File) => {
    setError('');
    setDone('');
    setPending(null);
    let backup: unknown;
    try {
      backup = JSON.parse(await file.text());
    } catch {
      return setError(`${file.name} is not a complete JSON file (it may be cut short): nothing was changed.`);
    }
    try {
      const r = await send('backup/import', { backup, apply: false });
      setPending({ backup, summary: r.summary, file: file.name });
    } catch (e) {
      setError(`${message(e)} — nothing was changed.`);
    }
  };

  const restore = async () => {
    if (!pending) return;
    try {
      const r = await send('backup/import', { backup: pending.backup, apply: true });
      setDone(`Restored from ${pending.file}: ${r.summary}.`);
      setPending(null);
    } catch (e) {
      setError(`${message(e)} — nothing was changed.`);
    }
  };

  return (
    <section data-view="backup">
      <h2>Export</h2>
      <p>
        <ExportPicker
          label="Export the reading list"
          onExport={(f) =>
            void send('readingList/list', {})
              .then((r) =>
                exportPapers(
                  r.entries.map((e) => e.paperId),
                  f,
                ),
              )
              .catch((e: unknown) => setError(message(e)))
          }
        />
      </p>
      <h2>Full backup</h2>
      <p class="pl-muted">
        The reading list with notes and tags, settings, and the papers your browsing and imports added. A restore adds
        and updates; it never deletes.
      </p>
      <p>
        <button
          type="button"
          data-action="backup"
          onClick={() => void exportBackup().catch((e: unknown) => setError(message(e)))}
        >
          Download a backup
        </button>
      </p>
      <label>
        Restore from a backup file{' '}
        <input
          type="file"
          accept=".json,application/json"
          data-action="restore-file"
          onChange={(e) => {
            const f = (e.target as HTMLInputElement).files?.[0];
            if (f) void pick(f);
          }}
        />
      </label>
      {error && (
        <p class="pl-error" role="alert">
          {error}
        </p>
      )}
      {pending && (
        <div data-section="restore-plan">
          <p>
            Restoring <b>{pending.file}</b> will do: {pending.summary}.
          </p>
          <button type="button" data-action="restore" onClick={() => void restore()}>
            Restore
          </button>{' '}
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      {done && (
        <p data-section="restored" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
