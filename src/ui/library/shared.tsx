/** Small pieces the library views share. */
import type { PaperId } from '../../core/paper';
import { send } from '../../messaging/client';
import type { ExportFormat } from '../../messaging/library';
import { downloadText } from '../components/download';

export const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
  ris: 'RIS',
  csv: 'CSV',
  markdown: 'Markdown',
};

export async function exportPapers(ids: readonly PaperId[], format: ExportFormat): Promise<void> {
  const r = await send('library/export', { ids: [...ids], format });
  downloadText(r.text, r.filename, r.mime);
}

export function PaperLink({ id, title }: { readonly id: string; readonly title: string }) {
  return <a href={`#paper=${encodeURIComponent(id)}`}>{title}</a>;
}

export function ExportPicker({ onExport, label }: { onExport: (f: ExportFormat) => void; label: string }) {
  return (
    <select
      aria-label={label}
      value=""
      onChange={(e) => {
        const v = (e.target as HTMLSelectElement).value as ExportFormat | '';
        (e.target as HTMLSelectElement).value = '';
        if (v) onExport(v);
      }}
    >
      <option value="">{label}…</option>
      {Object.entries(FORMAT_LABELS).map(([k, v]) => (
        <option key={k} value={k}>
          {v}
        </option>
      ))}
    </select>
  );
}

/** Rows fill the window below the page's bars. */
export const listHeight = () => Math.max(320, window.innerHeight - 190);
