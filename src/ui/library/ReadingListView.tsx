/** The reading list as a sortable, filterable table with bulk actions. Rows are virtualised. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PaperId } from '../../core/paper';
import type { ReadingListEntry, ReadingStatus } from '../../db/schema';
import { send } from '../../messaging/client';
import { VirtualList } from '../components/VirtualList';
import { ExportPicker, exportPapers, listHeight, message, PaperLink } from './shared';

type Sort = 'added' | 'title' | 'status' | 'priority' | 'read';
const STATUS_ORDER: Record<ReadingStatus, number> = { reading: 0, 'to-read': 1, read: 2 };
const SORTS: Record<Sort, (a: ReadingListEntry, b: ReadingListEntry) => number> = {
  added: (a, b) => b.addedAt.localeCompare(a.addedAt),
  title: (a, b) => a.title.localeCompare(b.title),
  status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.addedAt.localeCompare(a.addedAt),
  priority: (a, b) => a.priority - b.priority || b.addedAt.localeCompare(a.addedAt),
  read: (a, b) => (b.readAt ?? '').localeCompare(a.readAt ?? ''),
};

/** Filters and sorts entries: pure, tested in Node. */
export function visibleEntries(
  entries: readonly ReadingListEntry[],
  opts: { text: string; status: ReadingStatus | ''; tag: string; sort: Sort },
): ReadingListEntry[] {
  const text = opts.text.trim().toLowerCase();
  const tag = opts.tag.trim().toLowerCase();
  return entries
    .filter(
      (e) =>
        (!opts.status || e.status === opts.status) &&
        (!tag || e.tags.some((t) => t.toLowerCase() === tag)) &&
        (!text ||
          e.title.toLowerCase().includes(text) ||
          e.notes.toLowerCase().includes(text) ||
          e.authors.some((a) => a.toLowerCase().includes(text))),
    )
    .sort(SORTS[opts.sort]);
}

export function ReadingListView() {
  const [entries, setEntries] = useState<ReadingListEntry[] | null>(null);
  const [error, setError] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<ReadingStatus | ''>('');
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState<Sort>('added');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkTag, setBulkTag] = useState('');

  const load = () =>
    send('readingList/list', {}).then(
      (r) => setEntries(r.entries),
      (e: unknown) => setError(message(e)),
    );
  useEffect(() => {
    void load();
  }, []);

  const shown = useMemo(
    () => visibleEntries(entries ?? [], { text, status, tag, sort }),
    [entries, text, status, tag, sort],
  );
  const tags = useMemo(() => [...new Set((entries ?? []).flatMap((e) => e.tags))].sort(), [entries]);
  const ids = [...selected] as PaperId[];
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      await load();
    } catch (e) {
      setError(message(e));
    }
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  if (entries && entries.length === 0)
    return (
      <p class="pl-muted">
        Nothing saved yet. Press “Save” on a paper’s panel on arXiv, or in the popup, to add it here.
      </p>
    );
  return (
    <div>
      {error && <p class="pl-error">{error}</p>}
      <div class="pl-toolbar">
        <input
          type="search"
          aria-label="Filter the reading list"
          placeholder="Filter…"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus((e.target as HTMLSelectElement).value as ReadingStatus | '')}
        >
          <option value="">any status</option>
          <option value="to-read">to read</option>
          <option value="reading">reading</option>
          <option value="read">read</option>
        </select>
        <select aria-label="Tag" value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
          <option value="">any tag</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select
          aria-label="Sort by"
          value={sort}
          onChange={(e) => setSort((e.target as HTMLSelectElement).value as Sort)}
        >
          <option value="added">newest saved</option>
          <option value="title">title</option>
          <option value="status">status</option>
          <option value="priority">priority</option>
          <option value="read">recently read</option>
        </select>
        <span class="pl-muted">
          {shown.length} of {entries?.length ?? 0}
        </span>
      </div>
      <div class="pl-toolbar" data-section="bulk">
        <label>
          <input
            type="checkbox"
            aria-label="Select all shown"
            checked={shown.length > 0 && shown.every((e) => selected.has(e.paperId))}
            onChange={(e) =>
              setSelected((e.target as HTMLInputElement).checked ? new Set(shown.map((x) => x.paperId)) : new Set())
            }
          />{' '}
          {selected.size} selected
        </label>
        <select
          aria-label="Set status of selected"
          disabled={!selected.size}
          value=""
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value as ReadingStatus;
            if (v) void act(() => send('readingList/updateMany', { ids, patch: { status: v } }));
          }}
        >
          <option value="">set status…</option>
          <option value="to-read">to read</option>
          <option value="reading">reading</option>
          <option value="read">read</option>
        </select>
        <input
          aria-label="Tag to add"
          placeholder="tag"
          size={10}
          value={bulkTag}
          onInput={(e) => setBulkTag((e.target as HTMLInputElement).value)}
        />
        <button
          type="button"
          disabled={!selected.size || !bulkTag.trim()}
          onClick={() => void act(() => send('readingList/updateMany', { ids, patch: { addTags: [bulkTag] } }))}
        >
          Tag
        </button>
        <button
          type="button"
          disabled={!selected.size}
          onClick={() =>
            void act(async () => {
              await send('readingList/remove', { ids });
              setSelected(new Set());
            })
          }
        >
          Remove
        </button>
        <ExportPicker
          label={selected.size ? 'Export selected' : 'Export shown'}
          onExport={(f) =>
            void exportPapers(selected.size ? ids : shown.map((e) => e.paperId), f).catch((e: unknown) =>
              setError(message(e)),
            )
          }
        />
      </div>
      <div class="pl-row pl-head" aria-hidden="true">
        <span />
        <span>Title</span>
        <span>Authors</span>
        <span>Status</span>
        <span>Tags</span>
        <span>Added</span>
      </div>
      {entries && (
        <VirtualList
          label="Reading list"
          items={shown}
          rowHeight={34}
          height={listHeight()}
          row={(e) => (
            <div class="pl-row" data-reading-list-item="" data-paper-id={e.paperId}>
              <input
                type="checkbox"
                aria-label={`Select ${e.title}`}
                checked={selected.has(e.paperId)}
                onChange={() => toggle(e.paperId)}
              />
              <span class="pl-cell" title={e.title}>
                <PaperLink id={e.paperId} title={e.title} />
              </span>
              <span class="pl-cell pl-muted">
                {e.authors.slice(0, 2).join(', ')}
                {e.authors.length > 2 ? ' et al.' : ''}
              </span>
              <select
                aria-label="Status"
                data-field="status"
                value={e.status}
                onChange={(ev) =>
                  void act(() =>
                    send('readingList/update', {
                      id: e.paperId,
                      patch: { status: (ev.target as HTMLSelectElement).value as ReadingStatus },
                    }),
                  )
                }
              >
                <option value="to-read">to read</option>
                <option value="reading">reading</option>
                <option value="read">read</option>
              </select>
              <span class="pl-cell pl-muted">{e.tags.join(', ')}</span>
              <span class="pl-cell pl-muted">{e.addedAt.slice(0, 10)}</span>
            </div>
          )}
        />
      )}
    </div>
  );
}
