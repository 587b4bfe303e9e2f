/**
 * The paper panel: authors, related work, topic tags and the save toggle. Everything from the page
 * is rendered as text by Preact (never as HTML).
 */
import { useEffect, useState } from 'preact/hooks';
import type { PagePaper } from '../../messaging/protocol';

export interface PanelApi {
  lookup(paper: PagePaper): Promise<{ inCorpus: boolean; saved: boolean }>;
  toggleSave(paper: PagePaper): Promise<boolean>;
}

type State =
  | { phase: 'loading' }
  | { phase: 'ready'; inCorpus: boolean; saved: boolean }
  | { phase: 'error'; message: string };

export function Panel({ paper, api }: { paper: PagePaper; api: PanelApi }) {
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.lookup(paper).then(
      (r) => live && setState({ phase: 'ready', ...r }),
      (e: unknown) => live && setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [paper, api]);

  const saved = state.phase === 'ready' && state.saved;
  const onSave = async () => {
    if (state.phase !== 'ready' || busy) return;
    setBusy(true);
    try {
      const now = await api.toggleSave(paper);
      setState({ ...state, saved: now });
    } catch (e) {
      setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="pl-panel" aria-label="Paperlens">
      <div class="pl-head">
        <span class="pl-brand">Paperlens</span>
        <span class="pl-status" data-corpus-state={state.phase === 'ready' ? String(state.inCorpus) : state.phase}>
          {state.phase === 'loading'
            ? 'Looking up…'
            : state.phase === 'error'
              ? ''
              : state.inCorpus
                ? 'In your corpus'
                : 'Not in your corpus yet'}
        </span>
        <span class="pl-spacer" />
        <button
          type="button"
          data-action="save"
          aria-pressed={saved ? 'true' : 'false'}
          disabled={busy}
          onClick={onSave}
        >
          {saved ? 'Saved' : 'Save'}
        </button>
      </div>
      <p class="pl-paper-title" data-section="title">
        {paper.title}
      </p>
      {state.phase === 'error' && <p class="pl-error">{state.message}</p>}
      <div class="pl-section" data-section="authors">
        <h3>Authors</h3>
        <ul class="pl-authors">
          {paper.authors.map((name) => (
            <li key={name} data-author={name}>
              {name}
            </li>
          ))}
        </ul>
      </div>
      <div class="pl-section" data-section="related">
        <h3>Related work</h3>
        <p class="pl-empty">No related papers in your corpus yet.</p>
      </div>
      <div class="pl-section" data-section="topics">
        <h3>Topics</h3>
        <p class="pl-empty">No topics yet.</p>
      </div>
    </section>
  );
}
