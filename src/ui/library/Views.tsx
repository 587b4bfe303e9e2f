/** The author, topic and paper views the overlay links to (`#author=`, `#topic=`, `#paper=`). */
import { useEffect, useState } from 'preact/hooks';
import { paperUrl } from '../../core/ids';
import type { Paper, PaperId } from '../../core/paper';
import type { ReadingListEntry, ReadingStatus } from '../../db/schema';
import { send } from '../../messaging/client';
import type { AuthorView as Author, PaperRow } from '../../messaging/library';
import type { RelatedPaper, TopicTag } from '../../messaging/protocol';
import { AuthorNovelty } from './AuthorNovelty';
import { message, PaperLink } from './shared';

function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [T | undefined, string, () => void] {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState('');
  const [n, setN] = useState(0);
  // A reload keeps the old value on screen (an editor stays mounted with what the user is typing).
  useEffect(() => {
    load().then(setValue, (e: unknown) => setError(message(e)));
  }, [...deps, n]);
  return [value, error, () => setN((x) => x + 1)];
}

function PaperTable({ rows }: { readonly rows: readonly PaperRow[] }) {
  return (
    <table>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-paper-id={r.id}>
            <td>
              <PaperLink id={r.id} title={r.title} />
            </td>
            <td class="pl-muted">
              {r.authors.join(', ')}
              {r.authorCount > 3 ? ' et al.' : ''}
            </td>
            <td class="pl-muted">{r.year ?? ''}</td>
            <td>{r.saved ? 'saved' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuthorView({ authorKey }: { readonly authorKey: string }) {
  const [r, error] = useLoad(() => send('library/author', { key: authorKey }), [authorKey]);
  if (error) return <p class="pl-error">{error}</p>;
  if (!r) return <p class="pl-muted">Loading…</p>;
  const a: Author | null = r.author;
  if (!a) return <p class="pl-muted">No author “{authorKey}” in the corpus.</p>;
  return (
    <section data-view="author" data-author-key={a.key}>
      <h2>{a.name}</h2>
      {a.nameForms.length > 1 && (
        <p class="pl-muted">Also written {a.nameForms.filter((n) => n !== a.name).join(', ')}</p>
      )}
      <p data-section="summary">
        {a.papers.length} papers in the corpus
        {a.years ? `, ${a.years.first}–${a.years.last}` : ''}
        {a.organisations.length ? ` · ${a.organisations.join(', ')}` : ''}
      </p>
      {a.stats && (
        <p data-section="stats">
          {a.stats.hIndex !== undefined && `h-index ${a.stats.hIndex} · `}
          {a.stats.citations !== undefined && `${a.stats.citations} citations · `}
          {a.stats.papers !== undefined && `${a.stats.papers} papers · `}
          <span class="pl-muted">source: {a.stats.source}</span>
        </p>
      )}
      <AuthorNovelty author={a} />
      <h3>Topics</h3>
      <p data-section="topics">
        {a.topics.map((t) => (
          <a key={t.id} class="pl-tag" href={`#topic=${encodeURIComponent(t.id)}`} data-topic={t.id}>
            {t.label} ({t.count})
          </a>
        ))}
      </p>
      <h3>Co-authors</h3>
      <p data-section="coauthors">
        {a.coauthors.map((c, i) => (
          <span key={c.key}>
            {i ? ', ' : ''}
            <a href={`#author=${encodeURIComponent(c.key)}`}>{c.name}</a> ({c.count})
          </span>
        ))}
      </p>
      <h3>Papers</h3>
      <PaperTable rows={a.papers} />
    </section>
  );
}

export function TopicView({ topic }: { readonly topic: string }) {
  const [r, error] = useLoad(() => send('library/topic', { id: topic }), [topic]);
  if (error) return <p class="pl-error">{error}</p>;
  if (!r) return <p class="pl-muted">Loading…</p>;
  return (
    <section data-view="topic" data-topic={topic}>
      <h2>{r.label}</h2>
      <p class="pl-muted">{r.papers.length} papers with this topic</p>
      <PaperTable rows={r.papers.slice(0, 1000)} />
    </section>
  );
}

function EntryEditor({ entry, onSaved }: { readonly entry: ReadingListEntry; readonly onSaved: () => void }) {
  const [notes, setNotes] = useState(entry.notes);
  const [tags, setTags] = useState(entry.tags.join(', '));
  const [error, setError] = useState('');
  const save = (patch: Parameters<typeof send<'readingList/update'>>[1]['patch']) =>
    send('readingList/update', { id: entry.paperId, patch }).then(onSaved, (e: unknown) => setError(message(e)));
  return (
    <div data-section="entry" class="pl-entry">
      {error && <p class="pl-error">{error}</p>}
      <label>
        Status{' '}
        <select
          value={entry.status}
          onChange={(e) => void save({ status: (e.target as HTMLSelectElement).value as ReadingStatus })}
        >
          <option value="to-read">to read</option>
          <option value="reading">reading</option>
          <option value="read">read</option>
        </select>
      </label>{' '}
      <label>
        Priority{' '}
        <select
          value={entry.priority}
          onChange={(e) => void save({ priority: Number((e.target as HTMLSelectElement).value) as 1 | 2 | 3 })}
        >
          <option value={1}>high</option>
          <option value={2}>normal</option>
          <option value={3}>low</option>
        </select>
      </label>
      <p class="pl-muted">
        Saved {entry.addedAt.slice(0, 10)}
        {entry.readAt ? ` · read ${entry.readAt.slice(0, 10)}` : ''}
      </p>
      <label>
        Tags (comma-separated)
        <input
          value={tags}
          onInput={(e) => setTags((e.target as HTMLInputElement).value)}
          onBlur={() => void save({ tags: tags.split(',') })}
        />
      </label>
      <label>
        Notes
        <textarea
          rows={6}
          value={notes}
          onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)}
          onBlur={() => notes !== entry.notes && void save({ notes })}
        />
      </label>
      <button type="button" onClick={() => void save({ notes, tags: tags.split(',') })}>
        Save notes and tags
      </button>
    </div>
  );
}

export function PaperView({ id }: { readonly id: string }) {
  const [r, error, reload] = useLoad(() => send('library/paper', { id: id as PaperId }), [id]);
  if (error) return <p class="pl-error">{error}</p>;
  if (!r) return <p class="pl-muted">Loading…</p>;
  const p: Paper | null = r.paper;
  const entry = r.entry;
  const title = p?.title ?? entry?.title ?? id;
  const authors = p ? p.authors : (entry?.authors ?? []).map((name) => ({ name, key: name }));
  const save = () =>
    send('readingList/toggle', {
      paper: {
        id: id as PaperId,
        title,
        authors: authors.map((a) => a.name),
        url: paperUrl(id as PaperId),
      },
      saved: !entry,
    }).then(reload, reload);
  return (
    <section data-view="paper" data-paper-id={id}>
      <h2>{title}</h2>
      <p data-section="authors">
        {authors.map((a, i) => (
          <span key={`${a.key}-${i}`}>
            {i ? ', ' : ''}
            <a href={`#author=${encodeURIComponent(a.key)}`} data-author={a.key}>
              {a.name}
            </a>
          </span>
        ))}
      </p>
      <p class="pl-muted">
        {p?.published ?? ''} {p?.categories?.join(' ') ?? ''}{' '}
        {paperUrl(id as PaperId) && (
          <a href={paperUrl(id as PaperId)} target="_blank" rel="noreferrer">
            arXiv:{id}
          </a>
        )}
      </p>
      {!p && <p class="pl-muted">This paper is not in the corpus; the reading list keeps its title and authors.</p>}
      {p?.abstract && <p class="pl-abstract">{p.abstract}</p>}
      <button type="button" data-action="save" aria-pressed={entry ? 'true' : 'false'} onClick={() => void save()}>
        {entry ? 'Saved — remove' : 'Save to reading list'}
      </button>
      {entry && <EntryEditor key={entry.paperId} entry={entry} onSaved={reload} />}
      {r.topics.length > 0 && (
        <p data-section="topics">
          {r.topics.map((t: TopicTag) => (
            <a key={t.id} class="pl-tag" title={t.why} href={`#topic=${encodeURIComponent(t.id)}`} data-topic={t.id}>
              {t.label}
            </a>
          ))}
        </p>
      )}
      <h3>Related work</h3>
      <ol data-section="related">
        {r.related.map((x: RelatedPaper) => (
          <li key={x.id} data-paper-id={x.id}>
            <PaperLink id={x.id} title={x.title} /> <span class="pl-muted">— {x.reason}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
