/**
 * Importing a file: picker or drop, optional category filter, progress with cancel, the final report.
 * The import runs here, in the page (see src/options/import-runner.ts for why), and the background is
 * told afterwards so its engine reloads.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ImportReport } from '../../corpus/importers';
import { openDatabase } from '../../db/database';
import type { ImportRecord } from '../../db/schema';
import { isHarvestImport } from '../../harvest/state';
import { send } from '../../messaging/client';
import { type ImportProgress, newImportId, runImport } from '../../options/import-runner';
import { bytesText, errorText, formatName, parseCategoryList } from './format';

const LOCK = 'paperlens-import:';
/** Records read between the import's word to the background (see `onProgress`). */
const TELL_EVERY = 20_000;

type State =
  | { kind: 'idle' }
  | { kind: 'running'; importId: string; file: string; progress: ImportProgress | undefined; abort: AbortController }
  | { kind: 'done'; report: ImportReport; ms: number }
  | { kind: 'stopped'; file: string; message: string; cancelled: boolean };

export function ImportSection({
  imports,
  onChanged,
  title = 'Import papers',
}: {
  imports: readonly ImportRecord[];
  onChanged: () => void;
  /** The section's heading (the welcome page numbers its three ways). */
  title?: string;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  // Imports running in some options tab hold a Web Lock named after them; the browser releases it when
  // that tab closes, so a 'partial' record without its lock was interrupted.
  const [held, setHeld] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    navigator.locks
      ?.query()
      .then((q) =>
        setHeld(new Set((q.held ?? []).flatMap((l) => (l.name?.startsWith(LOCK) ? [l.name.slice(LOCK.length)] : [])))),
      )
      .catch(() => {});
  }, [imports]);
  const [categories, setCategories] = useState('');
  const [dragging, setDragging] = useState(false);
  const running = state.kind === 'running';

  async function start(file: File, resume?: ImportRecord) {
    if (running) return;
    if (resume && resume.file !== file.name) {
      setState({
        kind: 'stopped',
        file: file.name,
        cancelled: false,
        message: `To resume the import of ${resume.file}, choose that same file (you chose ${file.name}).`,
      });
      return;
    }
    const abort = new AbortController();
    const importId = resume?.id ?? newImportId(new Date());
    setState({ kind: 'running', importId, file: file.name, progress: undefined, abort });
    const t0 = performance.now();
    let told = 0;
    const db = await openDatabase();
    const locked = <T,>(f: () => Promise<T>): Promise<T> =>
      navigator.locks ? (navigator.locks.request(LOCK + importId, f) as Promise<T>) : f();
    try {
      const report = await locked(() =>
        runImport(db, file, {
          importId,
          categories: parseCategoryList(categories),
          signal: abort.signal,
          onProgress: (progress) => {
            setState((s) => (s.kind === 'running' ? { ...s, progress } : s));
            // Now and then the background hears of the batches landed: it merges them while the import
            // runs (after 2 s without requests), so a long import leaves tens of segments, not hundreds.
            if (progress.read - told >= TELL_EVERY) {
              told = progress.read;
              void send('corpus/changed', {}).catch(() => {});
            }
          },
        }),
      );
      setState({ kind: 'done', report, ms: performance.now() - t0 });
    } catch (e) {
      const cancelled = abort.signal.aborted;
      setState({
        kind: 'stopped',
        file: file.name,
        cancelled,
        message: cancelled
          ? `Import of ${file.name} cancelled. The papers written so far are kept and consistent; resume or remove it below.`
          : errorText(e),
      });
    } finally {
      db.close();
      await send('corpus/changed', {}).catch(() => {});
      onChanged();
    }
  }

  const pick = (resume?: ImportRecord) => (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void start(file, resume);
  };

  // A harvest's record is 'partial' while it runs; the harvest panel resumes it, not a file.
  const interrupted = imports.filter(
    (r) =>
      r.state === 'partial' &&
      !isHarvestImport(r.id) &&
      !held.has(r.id) &&
      !(state.kind === 'running' && state.importId === r.id),
  );

  return (
    <section data-section="import">
      <h2>{title}</h2>
      <p class="pl-muted">
        arXiv API or RSS responses, OAI-PMH, the arXiv metadata snapshot or arXiv JSON lines (id/title/abstract), or
        BibTeX. Files are read here, on your machine.
      </p>
      <label
        class={`pl-drop${dragging ? ' pl-drop-over' : ''}`}
        data-section="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer?.files[0];
          if (file) void start(file);
        }}
      >
        <span>Drop a file here, or choose one: </span>
        <input type="file" data-action="import-file" disabled={running} onChange={pick()} />
      </label>
      <p>
        <label>
          Only these categories (snapshot files):{' '}
          <input
            type="text"
            data-field="import-categories"
            placeholder="e.g. cs.LG, stat.ML, hep-th"
            value={categories}
            disabled={running}
            onInput={(e) => setCategories((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </p>
      {state.kind === 'running' && <Progress state={state} />}
      {state.kind === 'done' && <Report report={state.report} ms={state.ms} />}
      {state.kind === 'stopped' && (
        <p class="pl-error" data-section="import-error" data-cancelled={String(state.cancelled)}>
          {state.message}
        </p>
      )}
      {interrupted.length > 0 && (
        <div data-section="interrupted-imports">
          <h3>Interrupted imports</h3>
          <ul class="pl-list">
            {interrupted.map((r) => (
              <li class="pl-item" key={r.id} data-import-id={r.id}>
                <strong>{r.file}</strong>{' '}
                <span class="pl-meta">
                  stopped after {r.added + r.merged} papers ({formatName(r.format)},{' '}
                  {r.at.slice(0, 16).replace('T', ' ')})
                </span>{' '}
                <label class="pl-button">
                  Resume (choose the file again){' '}
                  <input type="file" data-action="resume-import" disabled={running} onChange={pick(r)} />
                </label>{' '}
                <RemoveButton importId={r.id} disabled={running} onChanged={onChanged} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Progress({ state }: { state: Extract<State, { kind: 'running' }> }) {
  const p = state.progress;
  return (
    <div data-section="import-progress" aria-live="polite">
      <progress max={p?.total || 1} value={p?.bytes ?? 0} /> <span data-stat="progress-read">{p ? p.read : 0}</span>{' '}
      records read
      {p ? ` (${bytesText(p.bytes)} of ${bytesText(p.total)}, ${formatName(p.format)})` : ` from ${state.file}`}
      {p && p.rejected > 0 ? `, ${p.rejected} rejected` : ''}{' '}
      <button type="button" data-action="cancel-import" onClick={() => state.abort.abort()}>
        Cancel
      </button>
    </div>
  );
}

function Report({ report, ms }: { report: ImportReport; ms: number }) {
  return (
    <div data-section="import-report">
      <p>
        Imported <strong>{report.file}</strong> ({formatName(report.format)}) in {(ms / 1000).toFixed(1)} s.
      </p>
      <table style={{ width: 'auto' }}>
        <tbody>
          <tr>
            <th>Read</th>
            <td data-stat="read">{report.read}</td>
          </tr>
          <tr>
            <th>Added</th>
            <td data-stat="added">{report.added}</td>
          </tr>
          <tr>
            <th>Merged with papers already known</th>
            <td data-stat="merged">{report.merged}</td>
          </tr>
          <tr>
            <th>Rejected</th>
            <td data-stat="rejected">{report.rejected}</td>
          </tr>
        </tbody>
      </table>
      {report.error && <p class="pl-error">Reading stopped early: {report.error}</p>}
      {report.rejections.length > 0 && (
        <details open={report.rejections.length <= 20}>
          <summary>Rejected records</summary>
          <ul data-section="rejections">
            {report.rejections.slice(0, 500).map((r, i) => (
              <li key={i} data-rejection={r.where}>
                {r.where}: {r.reason}
              </li>
            ))}
            {report.rejections.length > 500 && <li>… and {report.rejections.length - 500} more</li>}
          </ul>
        </details>
      )}
    </div>
  );
}

export function RemoveButton({
  importId,
  disabled,
  onChanged,
}: {
  importId: string;
  disabled?: boolean;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <>
      <button
        type="button"
        data-action="remove-import"
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true);
          try {
            await send('corpus/removeImport', { importId });
            onChanged();
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Removing…' : 'Remove'}
      </button>
      {error && <span class="pl-error"> {error}</span>}
    </>
  );
}
