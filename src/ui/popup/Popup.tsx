/** The popup: search as you type over the whole corpus, the cursor already in the box. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../../messaging/client';
import type { CorpusStatus, SearchHit } from '../../messaging/protocol';

function hitUrl(hit: SearchHit): string {
  return hit.id.startsWith('title:')
    ? browser.runtime.getURL(`/library.html#paper=${encodeURIComponent(hit.id)}`)
    : `https://arxiv.org/abs/${hit.id}`;
}

export function Popup() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [total, setTotal] = useState(0);
  const [status, setStatus] = useState<CorpusStatus | null>(null);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Each keystroke bumps the generation; an answer to an older query is dropped.
  const generation = useRef(0);

  useEffect(() => {
    input.current?.focus();
    send('corpus/status', {}).then(setStatus, (e: unknown) => setError(String(e)));
  }, []);

  useEffect(() => {
    const g = ++generation.current;
    if (!query.trim()) {
      setHits([]);
      setTotal(0);
      return;
    }
    send('search/query', { query, limit: 20 }).then(
      (r) => {
        if (g !== generation.current) return;
        setHits(r.hits);
        setTotal(r.total);
        setSelected(0);
        setError('');
      },
      (e: unknown) => g === generation.current && setError(e instanceof Error ? e.message : String(e)),
    );
  }, [query]);

  const open = (hit: SearchHit) => {
    void browser.tabs.create({ url: hitUrl(hit) });
    window.close();
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      setSelected((s) => Math.min(s + 1, hits.length - 1));
      e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      setSelected((s) => Math.max(s - 1, 0));
      e.preventDefault();
    } else if (e.key === 'Enter' && hits[selected]) {
      open(hits[selected]);
    }
  };

  return (
    <div style={{ width: '420px' }}>
      <div class="pl-bar">
        <h1>Paperlens</h1>
        <span class="pl-muted">{status ? `${status.papers} papers · ${status.saved} saved` : ''}</span>
        <span style={{ flex: 1 }} />
        <a href={browser.runtime.getURL('/library.html')} target="_blank" rel="noreferrer">
          Library
        </a>
      </div>
      <div style={{ padding: '0.6em 1em' }}>
        <input
          ref={input}
          type="search"
          placeholder="Search titles, authors…"
          aria-label="Search the corpus"
          aria-controls="pl-results"
          aria-activedescendant={hits[selected] ? `pl-hit-${selected}` : undefined}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          onKeyDown={onKey}
        />
      </div>
      {error && <p class="pl-error">{error}</p>}
      <div class="pl-list" data-section="results" aria-label="Results" role="listbox" id="pl-results">
        {hits.map((hit, i) => (
          <div
            key={hit.id}
            tabIndex={-1}
            id={`pl-hit-${i}`}
            class="pl-item"
            role="option"
            data-paper-id={hit.id}
            aria-selected={i === selected ? 'true' : 'false'}
          >
            <a
              class="pl-title"
              href={hitUrl(hit)}
              onClick={(e) => {
                e.preventDefault();
                open(hit);
              }}
            >
              {hit.title}
            </a>
            <div class="pl-meta">
              {hit.authors.slice(0, 3).join(', ')}
              {hit.authors.length > 3 ? ' et al.' : ''}
              {hit.year ? ` · ${hit.year}` : ''}
              {hit.saved ? ' · saved' : ''}
            </div>
          </div>
        ))}
      </div>
      {query.trim() && hits.length === 0 && !error && <p class="pl-item pl-muted">No papers match “{query}”.</p>}
      {total > hits.length && <p class="pl-item pl-muted">{total - hits.length} more…</p>}
    </div>
  );
}
