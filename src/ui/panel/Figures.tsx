/**
 * The panel's "Figures and tables" section: on an arXiv HTML page, the page's own floats, each a link
 * that jumps to it; on an abs page, a "Figures" button that fetches the paper's HTML version (only
 * then) and lists the same, each a link into that version. Thumbnails are the page's own image URLs
 * (an <img> of a URL the page already loaded costs no new request); a table shows its first cells.
 * Everything shown is text from the extractor (src/sites/arxiv-figures.ts), rendered by Preact.
 *
 * DOM contract: `[data-section="figures"]` holds one `[data-figure]` (the float's id) per figure or
 * table, in document order, with `data-kind="figure"|"table"`; `data-figures-state` is
 * `idle|loading|ready|none|error`, and the abs page's button is `[data-action="figures"]`.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PaperFigure } from '../../sites/arxiv-figures';

/** What a source answers: the list, or why there is none. */
export type FiguresAnswer =
  | {
      readonly kind: 'figures';
      readonly figures: readonly PaperFigure[];
      /** Floats on the page in all (more than `figures` when the list was cut at the limit). */
      readonly total: number;
      /** Where the floats are: '' for this page (links jump in place), else the HTML version's address. */
      readonly pageUrl: string;
    }
  /** No HTML version (arXiv answered 404), or one without a LaTeXML document. */
  | { readonly kind: 'none'; readonly message: string }
  /** Offline, a timeout, another HTTP status: worth trying again. */
  | { readonly kind: 'error'; readonly message: string };

export type FiguresSource =
  /** The page is the HTML version: its floats are read at once, and a link moves the page to one. */
  | { readonly from: 'page'; readonly answer: FiguresAnswer; jump(target: string): void }
  /** An abs page: nothing is asked for until the user clicks. */
  | { readonly from: 'html-version'; load(): Promise<FiguresAnswer> };

type Phase = { phase: 'idle' } | { phase: 'loading' } | { phase: 'done'; answer: FiguresAnswer };

export function Figures({ source }: { source: FiguresSource }) {
  const [state, setState] = useState<Phase>(
    source.from === 'page' ? { phase: 'done', answer: source.answer } : { phase: 'idle' },
  );
  const result = useRef<HTMLDivElement>(null);
  const asked = useRef(false);

  // After a click, the focus goes to what the click brought (the button it was on is gone).
  useLayoutEffect(() => {
    if (state.phase === 'done' && asked.current) result.current?.focus();
  }, [state.phase]);

  const load = async () => {
    if (source.from !== 'html-version' || state.phase === 'loading') return;
    asked.current = true;
    setState({ phase: 'loading' });
    let answer: FiguresAnswer;
    try {
      answer = await source.load();
    } catch (e) {
      answer = {
        kind: 'error',
        message: `Could not read the HTML version: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    setState({ phase: 'done', answer });
  };

  const answer = state.phase === 'done' ? state.answer : undefined;
  const stateName = answer ? (answer.kind === 'figures' ? 'ready' : answer.kind) : state.phase;
  return (
    <div class="pl-section" data-section="figures" data-figures-state={stateName}>
      <h3>Figures and tables</h3>
      {state.phase === 'idle' && (
        <p class="pl-fig-ask">
          <button type="button" data-action="figures" onClick={() => void load()}>
            Figures
          </button>{' '}
          <span class="pl-meta">lists them from the paper's HTML version, fetched from arxiv.org when you click</span>
        </p>
      )}
      {state.phase === 'loading' && (
        <p class="pl-empty" role="status">
          Fetching the HTML version from arxiv.org…
        </p>
      )}
      {answer && (
        <div ref={result} tabIndex={-1} class="pl-fig-result">
          {answer.kind === 'figures' ? (
            <FigureList answer={answer} jump={source.from === 'page' ? source.jump : undefined} />
          ) : (
            <p class={answer.kind === 'error' ? 'pl-error' : 'pl-empty'} role="status">
              {answer.message}{' '}
              {answer.kind === 'error' && (
                <button type="button" data-action="figures" onClick={() => void load()}>
                  Try again
                </button>
              )}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function FigureList({
  answer,
  jump,
}: {
  answer: Extract<FiguresAnswer, { kind: 'figures' }>;
  jump: ((target: string) => void) | undefined;
}) {
  if (answer.figures.length === 0) return <p class="pl-empty">This paper has no figures or tables.</p>;
  const hrefOf = (target: string) => {
    if (!answer.pageUrl) return `#${target}`;
    const url = new URL(answer.pageUrl);
    url.hash = target;
    return url.href;
  };
  return (
    <>
      <ol class="pl-figures" aria-label="Figures and tables">
        {answer.figures.map((f, i) => (
          <li key={`${i}:${f.target}`} data-figure={f.target} data-kind={f.kind}>
            {f.target ? (
              <a
                class="pl-fig"
                href={hrefOf(f.target)}
                onClick={(e) => {
                  // On the HTML page the link moves the page (and the focus) to the float; modified clicks
                  // and the abs page's links into the HTML version keep the browser's own behaviour.
                  if (!jump || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  jump(f.target);
                }}
              >
                <FigureText figure={f} />
              </a>
            ) : (
              <span class="pl-fig">
                <FigureText figure={f} />
              </span>
            )}
            {f.cells && <Cells figure={f} cells={f.cells} />}
          </li>
        ))}
      </ol>
      {answer.total > answer.figures.length && (
        <p class="pl-meta">
          The first {answer.figures.length} of {answer.total.toLocaleString('en')} figures and tables.
        </p>
      )}
    </>
  );
}

function FigureText({ figure }: { figure: PaperFigure }) {
  const [broken, setBroken] = useState(false);
  return (
    <>
      {figure.image && !broken && (
        // The label and caption name the link; the picture repeats them.
        <img
          class="pl-fig-thumb"
          src={figure.image}
          alt=""
          loading="lazy"
          decoding="async"
          onError={() => setBroken(true)}
        />
      )}
      <span class="pl-fig-text">
        <span class="pl-fig-label">{figure.label}</span>
        {figure.caption && (
          <>
            {': '}
            {/* Isolated: a caption's right-to-left text cannot reorder the label beside it. */}
            <bdi class="pl-fig-caption">{figure.caption}</bdi>
          </>
        )}
      </span>
    </>
  );
}

function Cells({ figure, cells }: { figure: PaperFigure; cells: readonly (readonly string[])[] }) {
  const [head, ...body] = figure.headerRow ? cells : [undefined, ...cells];
  return (
    <table class="pl-cells" aria-label={`First cells of ${figure.label}`}>
      {head && (
        <thead>
          <tr>
            {head.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {body.map((row, r) => (
          <tr key={r}>
            {(row ?? []).map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
