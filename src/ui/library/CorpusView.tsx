/**
 * The whole corpus as a table: the background sorts and filters, the page asks for the window of rows in
 * view (pages of 200), so 100k papers scroll like 100.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaperId } from '../../core/paper';
import { send } from '../../messaging/client';
import type { CorpusSort, PaperRow } from '../../messaging/library';
import { VirtualList } from '../components/VirtualList';
import { ExportPicker, exportPapers, listHeight, message, PaperLink } from './shared';

const PAGE = 200;

export function CorpusView() {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<CorpusSort>('year');
  const [saved, setSaved] = useState<'' | 'saved' | 'unsaved'>('');
  const [hasCode, setHasCode] = useState(false);
  const [total, setTotal] = useState(0);
  const [rows, setRows] = useState<(PaperRow | null)[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState('');
  const pages = useRef(new Set<number>());
  const generation = useRef(0);
  const req = () => ({ query, sort, ...(saved ? { saved: saved === 'saved' } : {}), ...(hasCode ? { hasCode } : {}) });

  const fetchPage = (page: number, g: number) => {
    if (pages.current.has(page)) return;
    pages.current.add(page);
    send('library/corpus', { ...req(), offset: page * PAGE, limit: PAGE }).then(
      (r) => {
        if (g !== generation.current) return;
        setTotal(r.total);
        setRows((old) => {
          const next = old.length === r.total ? [...old] : Array.from({ length: r.total }, (_, i) => old[i] ?? null);
          r.rows.forEach((row, i) => {
            next[page * PAGE + i] = row;
          });
          return next;
        });
      },
      (e: unknown) => setError(message(e)),
    );
  };

  useEffect(() => {
    const g = ++generation.current;
    pages.current = new Set();
    setRows([]);
    fetchPage(0, g);
  }, [query, sort, saved, hasCode]);

  const ids = [...selected] as PaperId[];
  return (
    <div>
      {error && <p class="pl-error">{error}</p>}
      <div class="pl-toolbar">
        <input
          type="search"
          aria-label="Search the corpus"
          placeholder="Search the corpus…"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        <select
          aria-label="Sort by"
          value={sort}
          onChange={(e) => setSort((e.target as HTMLSelectElement).value as CorpusSort)}
          disabled={!!query.trim()}
        >
          <option value="year">newest</option>
          <option value="title">title</option>
          <option value="first-author">first author</option>
          <option value="category">category</option>
        </select>
        <select
          aria-label="Saved"
          value={saved}
          onChange={(e) => setSaved((e.target as HTMLSelectElement).value as '' | 'saved' | 'unsaved')}
        >
          <option value="">saved or not</option>
          <option value="saved">saved</option>
          <option value="unsaved">not saved</option>
        </select>
        <label>
          <input
            type="checkbox"
            data-filter="has-code"
            checked={hasCode}
            onChange={(e) => setHasCode((e.target as HTMLInputElement).checked)}
          />{' '}
          has code
        </label>
        <span class="pl-muted">{total} papers</span>
      </div>
      <div class="pl-toolbar">
        <span>{selected.size} selected</span>
        <button
          type="button"
          disabled={!selected.size}
          onClick={() =>
            void send('readingList/add', { ids }).then(
              () => {
                setSelected(new Set());
                pages.current = new Set();
                fetchPage(0, generation.current);
              },
              (e: unknown) => setError(message(e)),
            )
          }
        >
          Save to reading list
        </button>
        <ExportPicker
          label="Export selected"
          onExport={(f) => void exportPapers(ids, f).catch((e: unknown) => setError(message(e)))}
        />
      </div>
      <VirtualList
        label="Corpus"
        items={rows}
        rowHeight={34}
        height={listHeight()}
        onRange={(first, last) => {
          for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) fetchPage(p, generation.current);
        }}
        row={(r) =>
          r ? (
            <div class="pl-row pl-corpus-row" data-corpus-item="" data-paper-id={r.id}>
              <input
                type="checkbox"
                aria-label={`Select ${r.title}`}
                checked={selected.has(r.id)}
                onChange={() =>
                  setSelected((s) => {
                    const n = new Set(s);
                    if (n.has(r.id)) n.delete(r.id);
                    else n.add(r.id);
                    return n;
                  })
                }
              />
              <span class="pl-cell" title={r.title}>
                <PaperLink id={r.id} title={r.title} />
              </span>
              <span class="pl-cell pl-muted">
                {r.authors.slice(0, 2).join(', ')}
                {r.authorCount > 2 ? ' et al.' : ''}
              </span>
              <span class="pl-cell pl-muted">{r.year ?? ''}</span>
              <span class="pl-cell pl-muted">{r.category ?? ''}</span>
              <span class="pl-cell">{r.saved ? 'saved' : ''}</span>
            </div>
          ) : (
            <div class="pl-row pl-muted">…</div>
          )
        }
      />
    </div>
  );
}
