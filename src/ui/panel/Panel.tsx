/**
 * The paper panel: authors (linked to the library's author view, with their corpus papers and frequent
 * co-authors), related work, topic tags, the save toggle, BibTeX and code links. It takes a paper as the
 * page shows it and an API object, so any site's overlay can reuse it. Everything from the page or the
 * corpus is rendered as text by Preact, never as HTML.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AuthorInfo, PagePaper, PanelData, PanelRequest, RelatedPaper, TopicTag } from '../../messaging/protocol';
import { CodeSection } from './Code';
import { Figures, type FiguresSource } from './Figures';
import { NoveltySection } from './Novelty';

export interface PanelApi {
  /** The panel's answer: for a corpus paper by id, or for the page's paper. */
  data(request: PanelRequest): Promise<PanelData>;
  /** Saves (`saved` true) or unsaves the paper; answers whether it is now saved. Safe to repeat. */
  setSaved(paper: PagePaper, saved: boolean): Promise<boolean>;
  /** The library page's URL for a view (`author=<key>`, `topic=<id>`), shown as the link's address. */
  libraryUrl(view: string): string;
  /** Opens that view (a page cannot navigate to an extension page itself). */
  openLibrary(view: string): void;
  copyText(text: string): Promise<void>;
  /** Whether panels start collapsed, and remembering the user's choice. */
  collapsed(): Promise<boolean>;
  setCollapsed(collapsed: boolean): void;
}

export interface PanelProps {
  /** The paper as the page shows it: shown at once, before the answer, and saved by the Save toggle. */
  readonly paper: PagePaper;
  /** What to ask for; `{ paper }` by default (a corpus paper is better asked for by id). */
  readonly request?: PanelRequest;
  readonly api: PanelApi;
  /** Set when the panel was opened from a listing chip: shows a Close button, and Escape closes it. */
  readonly onClose?: () => void;
  /** Called once the panel shows its data (or its error): benches and tests wait for it. */
  readonly onReady?: () => void;
  /** The paper's figures and tables (arXiv abs and HTML pages): shown last, as Figures.tsx says. */
  readonly figures?: FiguresSource;
}

type State = { phase: 'loading' } | { phase: 'ready'; data: PanelData } | { phase: 'error'; message: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function Panel({ paper, request: ask, api, onClose, onReady, figures }: PanelProps) {
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [collapsed, setCollapsed] = useState<boolean | undefined>(onClose ? false : undefined);
  const [savedRelated, setSavedRelated] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>();
  const [copied, setCopied] = useState(false);
  const root = useRef<HTMLElement>(null);

  // Asked for during the first render, not in an effect: effects wait for the next frame, and a
  // background tab may not paint for a while.
  const [request] = useState(() => {
    const data = api.data(ask ?? { paper });
    // An inline panel (from a chip) always opens expanded; the page panel remembers its state.
    const folded = onClose ? Promise.resolve(false) : api.collapsed().catch(() => false);
    return Promise.all([data, folded]);
  });

  useLayoutEffect(() => {
    let live = true;
    request.then(
      ([d, c]) => {
        if (!live) return;
        setCollapsed(c);
        setState({ phase: 'ready', data: d });
      },
      (e: unknown) => live && setState({ phase: 'error', message: message(e) }),
    );
    return () => {
      live = false;
    };
  }, [request]);

  // Layout effect: runs as soon as the data is in the DOM, so "ready" is not held back by painting.
  useLayoutEffect(() => {
    if (state.phase !== 'loading') onReady?.();
  }, [state.phase, onReady]);

  // Layout effect: an inline panel takes focus as soon as it is in the DOM, so Escape reaches it even
  // before the page paints (effects wait for a frame, which a busy or background tab may not give soon).
  useLayoutEffect(() => {
    if (onClose) root.current?.focus();
  }, [onClose]);

  const ready = state.phase === 'ready' ? state.data : undefined;
  const saved = ready?.saved ?? false;

  const onSave = async () => {
    if (!ready || busy) return;
    setBusy(true);
    setSaveError(undefined);
    try {
      const now = await api.setSaved(paper, !saved);
      setState({ phase: 'ready', data: { ...ready, saved: now } });
    } catch (e) {
      // The rest of the panel stays: only the save failed, and the button shows the state as it was.
      setSaveError(`Could not ${saved ? 'unsave' : 'save'} the paper: ${message(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const onSaveRelated = async (r: RelatedPaper) => {
    const want = !(savedRelated[r.id] ?? r.saved);
    setSaveError(undefined);
    try {
      const now = await api.setSaved({ id: r.id, title: r.title, authors: r.authors, url: r.url || paper.url }, want);
      setSavedRelated((s) => ({ ...s, [r.id]: now }));
    } catch (e) {
      setSaveError(`Could not ${want ? 'save' : 'unsave'} “${r.title}”: ${message(e)}`);
    }
  };

  const onCopy = async () => {
    if (!ready) return;
    await api.copyText(ready.bibtex);
    setCopied(true);
  };

  const toggleCollapsed = () => {
    const next = !collapsed;
    setCollapsed(next);
    if (!onClose) api.setCollapsed(next);
  };

  const openView = (view: string) => (e: MouseEvent) => {
    // Modified clicks keep the browser's own behaviour (which a page cannot do for extension URLs anyway).
    e.preventDefault();
    api.openLibrary(view);
  };

  return (
    <section
      class="pl-panel"
      aria-label={`Paperlens: ${paper.title}`}
      ref={root}
      tabIndex={onClose ? -1 : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) {
          e.stopPropagation();
          onClose();
        }
      }}
      data-state={state.phase}
    >
      <div class="pl-head">
        <button
          type="button"
          class="pl-fold"
          data-action="collapse"
          aria-expanded={collapsed ? 'false' : 'true'}
          aria-label={collapsed ? 'Show Paperlens details' : 'Hide Paperlens details'}
          onClick={toggleCollapsed}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        <span class="pl-brand">Paperlens</span>
        <span class="pl-status" data-corpus-state={ready ? String(ready.inCorpus) : state.phase}>
          {state.phase === 'loading'
            ? 'Looking up…'
            : ready
              ? ready.inCorpus
                ? 'In your corpus'
                : 'Not in your corpus yet'
              : ''}
        </span>
        <span class="pl-spacer" />
        <button
          type="button"
          data-action="save"
          aria-pressed={saved ? 'true' : 'false'}
          disabled={busy || !ready}
          onClick={onSave}
        >
          {/* The star is decoration: a screen reader says "Save, toggle button, pressed". */}
          <span aria-hidden="true">{saved ? '★' : '☆'}</span> {saved ? 'Saved' : 'Save'}
        </button>
        <button type="button" data-action="copy-bibtex" disabled={!ready} onClick={onCopy}>
          {copied ? 'Copied' : 'Copy BibTeX'}
        </button>
        {onClose && (
          <button type="button" data-action="close" aria-label="Close the Paperlens panel" onClick={onClose}>
            ✕
          </button>
        )}
      </div>
      <div class="pl-body" hidden={collapsed === true}>
        <p class="pl-paper-title" data-section="title">
          {paper.title}
        </p>
        {state.phase === 'error' && <p class="pl-error">{state.message}</p>}
        {saveError && (
          <p class="pl-error" role="alert" data-section="save-error">
            {saveError}
          </p>
        )}
        <Authors paper={paper} authors={ready?.authors} api={api} openView={openView} />
        <div class="pl-section" data-section="related">
          <h3>Related work in your corpus</h3>
          {!ready ? (
            <p class="pl-empty">…</p>
          ) : ready.related.length === 0 ? (
            <p class="pl-empty">No related papers in your corpus yet.</p>
          ) : (
            <ol class="pl-related">
              {ready.related.map((r) => {
                const isSaved = savedRelated[r.id] ?? r.saved;
                return (
                  <li key={r.id} data-paper-id={r.id}>
                    {r.url ? (
                      <a href={r.url} class="pl-rel-title">
                        {r.title}
                      </a>
                    ) : (
                      <span class="pl-rel-title">{r.title}</span>
                    )}{' '}
                    <span class="pl-meta">
                      {r.year ? `(${r.year}) ` : ''}
                      {shortAuthors(r.authors)}
                    </span>{' '}
                    <button
                      type="button"
                      class="pl-small"
                      data-action="save-related"
                      aria-pressed={isSaved ? 'true' : 'false'}
                      aria-label={`${isSaved ? 'Unsave' : 'Save'} ${r.title}`}
                      onClick={() => void onSaveRelated(r)}
                    >
                      {isSaved ? '★' : '☆'}
                    </button>
                    <div class="pl-reason">{r.reason}</div>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
        <div class="pl-section" data-section="topics">
          <h3>Topics</h3>
          {ready && ready.topics.length > 0 ? (
            <ul class="pl-topics">
              {ready.topics.map((t: TopicTag) => (
                <li key={`${t.kind}:${t.id}`} data-topic={t.id}>
                  <a
                    class="pl-topic"
                    href={api.libraryUrl(`topic=${encodeURIComponent(t.id)}`)}
                    title={t.why}
                    onClick={openView(`topic=${encodeURIComponent(t.id)}`)}
                  >
                    {t.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="pl-empty">{ready ? 'No topics found.' : '…'}</p>
          )}
        </div>
        <CodeSection links={ready?.codeLinks} />
        <NoveltySection novelty={ready?.novelty} paperUrl={(id) => `https://arxiv.org/abs/${id}`} />
        {figures && <Figures source={figures} />}
      </div>
    </section>
  );
}

function Authors({
  paper,
  authors,
  api,
  openView,
}: {
  paper: PagePaper;
  authors: readonly AuthorInfo[] | undefined;
  api: PanelApi;
  openView: (view: string) => (e: MouseEvent) => void;
}) {
  // Before the data arrives the names come from the page, so the section never jumps.
  const list: readonly (AuthorInfo | { name: string; key?: undefined })[] =
    authors ?? paper.authors.map((name) => ({ name }));
  return (
    <div class="pl-section" data-section="authors">
      <h3>Authors</h3>
      <ul class="pl-authors">
        {list.map((a, i) => (
          <li key={`${i}:${a.name}`}>
            {a.key ? (
              <a
                data-author={a.name}
                href={api.libraryUrl(`author=${encodeURIComponent(a.key)}`)}
                onClick={openView(`author=${encodeURIComponent(a.key)}`)}
              >
                {a.name}
              </a>
            ) : (
              <span data-author={a.name}>{a.name}</span>
            )}
            {'corpusPapers' in a && <AuthorFacts info={a} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AuthorFacts({ info }: { info: AuthorInfo }) {
  const parts: string[] = [];
  if (info.corpusPapers > 0) parts.push(`${info.corpusPapers} in corpus`);
  if (info.topCoauthors.length) parts.push(`with ${info.topCoauthors.map((c) => `${c.name} (${c.count})`).join(', ')}`);
  const s = info.stats;
  const stats = s
    ? [
        s.hIndex !== undefined ? `h-index ${s.hIndex}` : '',
        s.citations !== undefined ? `${s.citations.toLocaleString('en')} citations` : '',
        s.papers !== undefined ? `${s.papers} papers` : '',
      ].filter(Boolean)
    : [];
  if (!parts.length && !stats.length) return null;
  return (
    <span class="pl-meta pl-author-facts" data-author-facts>
      {' '}
      {parts.join(' · ')}
      {stats.length > 0 && (
        <span data-author-stats title={`Figures from ${s?.source}`}>
          {parts.length ? ' · ' : ''}
          {stats.join(', ')} ({s?.source})
        </span>
      )}
    </span>
  );
}

function shortAuthors(names: readonly string[]): string {
  const surname = (n: string) => n.split(/\s+/).pop() ?? n;
  if (names.length === 0) return '';
  if (names.length <= 2) return names.map(surname).join(', ');
  return `${surname(names[0] as string)}, ${surname(names[1] as string)} et al.`;
}
