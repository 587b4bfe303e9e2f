/**
 * The popup: search as you type over the whole corpus (ranked, highlighted, filtered), the papers on the
 * current tab, recent saves. Keys: ↓ from the search box moves the focus into the results and ↑/↓ move
 * it between them (↑ from the first goes back to the box); Enter opens the first result from the box, or
 * the focused one; Ctrl/Cmd+S saves the focused result (the first, from the box), and so does "s" in the
 * list. The results are a plain list of links and buttons, so a screen reader reads each for what it is.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { paperUrl } from '../../core/ids';
import type { PaperId } from '../../core/paper';
import type { ReadingListEntry } from '../../db/schema';
import { send } from '../../messaging/client';
import type { CorpusStatus, SearchFilters, SearchHit } from '../../messaging/protocol';
import { showBadges } from '../badge/inject';
import { shortAuthorLine } from '../components/author-line';
import { Highlighted } from '../components/Highlighted';
import { activeTab, papersOn, scanTab, type TabPaper } from './tab-papers';

function urlOf(id: string): string {
  // A paper with no page on the web opens in the library.
  return paperUrl(id as PaperId) || browser.runtime.getURL(`/library.html#paper=${encodeURIComponent(id)}`);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface FilterForm {
  yearFrom: string;
  yearTo: string;
  category: string;
  author: string;
  saved: '' | 'saved' | 'unsaved';
}
const NO_FILTERS: FilterForm = { yearFrom: '', yearTo: '', category: '', author: '', saved: '' };

function filtersOf(f: FilterForm): SearchFilters | undefined {
  const out: { -readonly [K in keyof SearchFilters]: SearchFilters[K] } = {};
  const yf = Number(f.yearFrom);
  const yt = Number(f.yearTo);
  if (yf) out.yearFrom = yf;
  if (yt) out.yearTo = yt;
  if (f.category.trim()) out.categories = f.category.split(/[,\s]+/).filter(Boolean);
  if (f.author.trim()) out.authors = [f.author.trim()];
  if (f.saved) out.saved = f.saved === 'saved';
  return Object.keys(out).length ? out : undefined;
}

export function Popup() {
  const [query, setQuery] = useState('');
  const [form, setForm] = useState<FilterForm>(NO_FILTERS);
  const [showFilters, setShowFilters] = useState(false);
  const [hits, setHits] = useState<SearchHit[]>([]);
  /** The query whose results are shown (`data-query` on the results: tests and benches wait on it). */
  const [shown, setShown] = useState('');
  const [total, setTotal] = useState(0);
  const [status, setStatus] = useState<CorpusStatus | null>(null);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const [tabPapers, setTabPapers] = useState<TabPaper[] | null>(null);
  const [recent, setRecent] = useState<ReadingListEntry[]>([]);
  const [scanNote, setScanNote] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Each keystroke bumps the generation; an answer to an older query is dropped.
  const generation = useRef(0);
  const inFlight = useRef(false);
  const queued = useRef<{ query: string; filters: SearchFilters | undefined; gen: number } | undefined>(undefined);

  const loadRecent = () =>
    send('readingList/list', {}).then(
      (r) => setRecent(r.entries.slice(0, 5)),
      (e: unknown) => setError(message(e)),
    );

  useEffect(() => {
    input.current?.focus();
    send('corpus/status', {}).then(setStatus, (e: unknown) => setError(message(e)));
    void loadRecent();
    // The tab's own URL first (instant), then what a read of the page adds, where the page may be read.
    void activeTab().then(async (tab) => {
      if (!tab?.url || tab.url.startsWith(browser.runtime.getURL('/'))) return setTabPapers([]);
      setTabPapers(await papersOn(tab.url, undefined));
      if (tab.id !== undefined && /^https?:/.test(tab.url)) {
        const scan = await scanTab(tab.id);
        if (scan) setTabPapers(await papersOn(tab.url, scan));
      }
    });
  }, []);

  const filters = filtersOf(form);
  const filterKey = JSON.stringify(filters ?? {});
  // A layout effect: it runs as soon as the keystroke's render is done. An effect would wait for the next
  // animation frame (up to 16 ms per keystroke, before the search is even asked for).
  useLayoutEffect(() => {
    const g = ++generation.current;
    if (!query.trim()) {
      setHits([]);
      setShown('');
      setTotal(0);
      return;
    }
    const run = (q: string, f: SearchFilters | undefined, gen: number) => {
      inFlight.current = true;
      send('search/query', { query: q, limit: 20, ...(f ? { filters: f } : {}) })
        .then(
          (r) => {
            if (gen !== generation.current) return;
            setHits(r.hits);
            setShown(q);
            setTotal(r.total);
            setSelected(0);
            setError('');
          },
          (e: unknown) => gen === generation.current && setError(message(e)),
        )
        .finally(() => {
          inFlight.current = false;
          const next = queued.current;
          queued.current = undefined;
          if (next && next.gen === generation.current) run(next.query, next.filters, next.gen);
        });
    };
    // One search at a time: keys typed while one runs are coalesced into the latest query, so a burst of
    // typing costs two searches, not one per key queued behind each other in the background.
    if (inFlight.current) queued.current = { query, filters, gen: g };
    else run(query, filters, g);
  }, [query, filterKey]);

  const open = (id: string) => {
    void browser.tabs.create({ url: urlOf(id) });
    window.close();
  };

  const toggleSave = async (hit: Pick<SearchHit, 'id' | 'title' | 'authors' | 'saved'>) => {
    try {
      const r = await send('readingList/toggle', {
        paper: { id: hit.id, title: hit.title, authors: hit.authors, url: urlOf(hit.id) },
        saved: !hit.saved,
      });
      setHits((hs) => hs.map((h) => (h.id === hit.id ? { ...h, saved: r.saved } : h)));
      setTabPapers((ps) => (ps ? ps.map((p) => (p.id === hit.id ? { ...p, saved: r.saved } : p)) : ps));
      void loadRecent();
    } catch (e) {
      setError(message(e));
    }
  };

  /** Moves the keyboard focus to a result's title link (or, for -1, back to the search box). */
  const focusHit = (i: number) => {
    if (i < 0) return input.current?.focus();
    setSelected(i);
    document.querySelector<HTMLElement>(`#pl-hit-${i} .pl-title`)?.focus();
  };

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as Element | null;
    const row = target?.closest?.('[data-section="results"] [data-paper-id]');
    const at = row ? hits.findIndex((h) => h.id === row.getAttribute('data-paper-id')) : -1;
    const inBox = target === input.current;
    // A bare "s" saves only in the list: in the search box and the filters it is a letter.
    const hit = at >= 0 ? hits[at] : inBox ? hits[selected] : undefined;
    if (e.key === 'ArrowDown' && (inBox || at >= 0) && hits.length) {
      focusHit(inBox ? 0 : Math.min(at + 1, hits.length - 1));
      e.preventDefault();
    } else if (e.key === 'ArrowUp' && at >= 0) {
      focusHit(at - 1);
      e.preventDefault();
    } else if (e.key === 'Enter' && inBox && hit) {
      // From a result, Enter is the link's own.
      open(hit.id);
    } else if (hit && e.key === 's' && (e.ctrlKey || e.metaKey || (at >= 0 && !e.altKey))) {
      e.preventDefault();
      void toggleSave(hit);
    }
  };

  // Keys work wherever the focus is in the popup (the box or the list).
  const keyHandler = useRef(onKey);
  keyHandler.current = onKey;
  useEffect(() => {
    const on = (e: KeyboardEvent) => keyHandler.current(e);
    document.addEventListener('keydown', on);
    return () => document.removeEventListener('keydown', on);
  }, []);

  const scanPage = async () => {
    const tab = await activeTab();
    if (tab?.id === undefined) return;
    const scan = await scanTab(tab.id);
    if (!scan) return setScanNote('This page cannot be read (open the popup from the page’s toolbar button).');
    void showBadges(tab.id);
    const found = await papersOn(tab.url, scan, 50);
    setTabPapers(found);
    setScanNote(`${found.length} paper${found.length === 1 ? '' : 's'} found on this page.`);
  };

  const field = (k: keyof FilterForm) => (e: Event) =>
    setForm((f) => ({ ...f, [k]: (e.target as HTMLInputElement).value }));

  return (
    <div>
      <div class="pl-bar">
        <h1>Paperlens</h1>
        <span class="pl-muted">{status ? `${status.papers} papers · ${status.saved} saved` : ''}</span>
        <span style={{ flex: 1 }} />
        <a href={browser.runtime.getURL('/welcome.html')} target="_blank" rel="noreferrer" data-action="open-welcome">
          Grow corpus
        </a>
        <a href={browser.runtime.getURL('/library.html')} target="_blank" rel="noreferrer">
          Library
        </a>
      </div>
      <div style={{ padding: '0.6em 1em 0.2em' }}>
        <input
          ref={input}
          type="search"
          placeholder="Search titles, authors, abstracts…"
          aria-label="Search the corpus"
          aria-controls="pl-results"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        <button
          type="button"
          class="pl-link-button"
          aria-expanded={showFilters}
          onClick={() => setShowFilters((s) => !s)}
        >
          Filters{filters ? ' (on)' : ''}
        </button>
        {showFilters && (
          <div class="pl-filters" data-section="filters">
            <input
              aria-label="From year"
              placeholder="from"
              size={5}
              value={form.yearFrom}
              onInput={field('yearFrom')}
            />
            <input aria-label="To year" placeholder="to" size={5} value={form.yearTo} onInput={field('yearTo')} />
            <input
              aria-label="Category"
              placeholder="cs.LG"
              size={8}
              value={form.category}
              onInput={field('category')}
            />
            <input aria-label="Author" placeholder="author" size={12} value={form.author} onInput={field('author')} />
            <select aria-label="Saved" value={form.saved} onChange={field('saved')}>
              <option value="">all</option>
              <option value="saved">saved</option>
              <option value="unsaved">unsaved</option>
            </select>
          </div>
        )}
      </div>
      {error && <p class="pl-error">{error}</p>}
      {/* Said by a screen reader as the results change. */}
      <p class="pl-sr" role="status">
        {query.trim() ? `${total} result${total === 1 ? '' : 's'}` : ''}
      </p>
      <ul class="pl-list" data-section="results" data-query={shown} aria-label="Results" id="pl-results">
        {hits.map((hit, i) => (
          <li
            key={hit.id}
            id={`pl-hit-${i}`}
            class="pl-item"
            data-paper-id={hit.id}
            data-selected={i === selected ? 'true' : 'false'}
            onMouseEnter={() => setSelected(i)}
          >
            <a
              class="pl-title"
              href={urlOf(hit.id)}
              onFocus={() => setSelected(i)}
              onClick={(e) => {
                e.preventDefault();
                open(hit.id);
              }}
            >
              {hit.highlights ? <Highlighted segments={hit.highlights.title} /> : hit.title}
            </a>
            <div class="pl-meta">
              {hit.highlights ? (
                <Highlighted segments={shortAuthorLine(hit.highlights.authors)} />
              ) : (
                shortAuthorLine([{ text: hit.authors.join(', '), match: false }])
                  .map((s) => s.text)
                  .join('')
              )}
              {hit.year ? ` · ${hit.year}` : ''}
            </div>
            <button
              type="button"
              data-action="save"
              aria-pressed={hit.saved ? 'true' : 'false'}
              title="Save (Ctrl+S)"
              onClick={() => void toggleSave(hit)}
            >
              {hit.saved ? 'Saved' : 'Save'}
              <span class="pl-sr">{`: ${hit.title}`}</span>
            </button>
          </li>
        ))}
      </ul>
      {query.trim() && hits.length === 0 && !error && <p class="pl-item pl-muted">No papers match “{query}”.</p>}
      {total > hits.length && <p class="pl-item pl-muted">{total - hits.length} more…</p>}
      {!query.trim() && (
        <>
          <section data-section="tab" aria-label="On this page">
            <h2 class="pl-sub">
              On this page{' '}
              <button type="button" onClick={() => void scanPage()}>
                Scan this page
              </button>
            </h2>
            {scanNote && <p class="pl-muted pl-item">{scanNote}</p>}
            {tabPapers?.length === 0 && !scanNote && <p class="pl-muted pl-item">No papers recognised on this tab.</p>}
            {tabPapers?.map((p) => (
              <div class="pl-item" data-paper-id={p.id} key={p.id}>
                <a
                  class="pl-title"
                  href={urlOf(p.id)}
                  onClick={(e) => {
                    e.preventDefault();
                    open(p.id);
                  }}
                >
                  {p.title}
                </a>
                <div class="pl-meta">
                  {p.authors.slice(0, 3).join(', ')}
                  {p.inCorpus ? '' : ' · not in the corpus'}
                </div>
                <button
                  type="button"
                  data-action="save"
                  aria-pressed={p.saved ? 'true' : 'false'}
                  onClick={() => void toggleSave(p)}
                >
                  {p.saved ? 'Saved' : 'Save'}
                </button>
              </div>
            ))}
          </section>
          {recent.length > 0 && (
            <section data-section="recent" aria-label="Recent saves">
              <h2 class="pl-sub">Recent saves</h2>
              {recent.map((e) => (
                <div class="pl-item" data-paper-id={e.paperId} key={e.paperId}>
                  <a
                    class="pl-title"
                    href={urlOf(e.paperId)}
                    onClick={(ev) => {
                      ev.preventDefault();
                      open(e.paperId);
                    }}
                  >
                    {e.title}
                  </a>
                  <div class="pl-meta">
                    {e.status} · {e.addedAt.slice(0, 10)}
                  </div>
                </div>
              ))}
            </section>
          )}
        </>
      )}
    </div>
  );
}
