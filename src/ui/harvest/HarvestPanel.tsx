/**
 * "Build from arXiv", on the welcome and options pages: choose categories and a start day, then follow
 * the harvest the background runs (records, requests left, the set and window in hand, a wait arXiv
 * asked for, the ETA) with pause, resume and cancel. Closing the page does not stop it; opening either
 * page again shows where it is.
 *
 * The host permission for oaipmh.arxiv.org is asked for on the click that starts the harvest (browsers
 * show the prompt only during a user gesture); without it nothing is requested.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { dayOf, EARLIEST_DATESTAMP, type MetadataFormat, MIN_INTERVAL_MS, OAI_ORIGINS } from '../../harvest/oai';
import { buildTasks, estimate } from '../../harvest/plan';
import { setsFor } from '../../harvest/taxonomy';
import { send } from '../../messaging/client';
import type { HarvestReply, HarvestView } from '../../messaging/harvest';
import { errorText } from '../options/format';
import { CategoryPicker } from './CategoryPicker';
import { clock, count, duration, plural } from './format';

const yearAgo = (now: number) => dayOf(now - 365 * 86_400_000);

export function HarvestPanel({
  startAction = 'build-from-arxiv',
  initialCategories = ['cs.LG'],
  onProgress,
}: {
  /** data-action of the start button (the welcome page's contract is `build-from-arxiv`). */
  startAction?: string;
  initialCategories?: readonly string[];
  /** Called when the harvest's state changes (the page refreshes its corpus figures). */
  onProgress?: (h: HarvestView | null) => void;
}) {
  const [reply, setReply] = useState<HarvestReply | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());
  const h = reply?.harvest ?? null;
  const active = h !== null && (h.status === 'running' || h.status === 'paused' || h.status === 'error');

  const refresh = () =>
    send('harvest/status', {}).then(
      (r) => {
        setReply(r);
        setNow(Date.now());
      },
      (e: unknown) => setMessage(errorText(e)),
    );
  useEffect(() => {
    void refresh();
    // Started or changed from another page (welcome ↔ settings): look again when this one is shown.
    const onShow = () => document.visibilityState === 'visible' && void refresh();
    document.addEventListener('visibilitychange', onShow);
    return () => document.removeEventListener('visibilitychange', onShow);
  }, []);
  // Progress once a second while it runs; nothing while it is idle (no background chatter).
  useEffect(() => {
    if (h?.status !== 'running') return;
    const t = setInterval(() => void refresh(), 1000);
    return () => clearInterval(t);
  }, [h?.status]);
  useEffect(() => onProgress?.(h), [h?.status, h?.totals.read, h?.totals.added]);

  async function act(run: () => Promise<HarvestReply>) {
    setBusy(true);
    setMessage('');
    try {
      setReply(await run());
      setNow(Date.now());
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function start(categories: string[], start: string, format: MetadataFormat, daily: boolean) {
    // Asked from the click itself: the browser shows its prompt only during a user gesture.
    const granted = await browser.permissions.request({ origins: [...OAI_ORIGINS] }).catch(() => false);
    if (!granted) {
      setMessage('Paperlens was not given access to oaipmh.arxiv.org, so nothing was asked of arXiv.');
      return;
    }
    await act(() => send('harvest/start', { categories, start, format, daily }));
  }

  async function cancel() {
    await act(() => send('harvest/cancel', {}));
    // Nothing is scheduled any more: give the permission back.
    await browser.permissions.remove({ origins: [...OAI_ORIGINS] }).catch(() => false);
  }

  return (
    <div class="pl-harvest" data-section="harvest">
      {reply?.unreadable && (
        <p class="pl-error" role="alert">
          The saved harvest could not be read ({reply.unreadable}). Its papers are kept; start a new harvest below.
        </p>
      )}
      {h && (active ? <Progress h={h} now={now} /> : <Finished h={h} now={now} />)}
      {h && active && (
        <p class="pl-actions">
          {h.status === 'running' ? (
            <button
              type="button"
              data-action="harvest-pause"
              disabled={busy}
              onClick={() => void act(() => send('harvest/pause', {}))}
            >
              Pause
            </button>
          ) : (
            <button
              type="button"
              data-action="harvest-resume"
              disabled={busy}
              onClick={() => void act(() => send('harvest/resume', {}))}
            >
              Resume
            </button>
          )}{' '}
          <button type="button" data-action="harvest-cancel" disabled={busy} onClick={() => void cancel()}>
            Cancel the harvest
          </button>
        </p>
      )}
      {h && (h.status === 'done' || h.daily) && (
        <p>
          <label>
            <input
              type="checkbox"
              data-action="harvest-daily"
              checked={h.daily}
              disabled={busy}
              onChange={(e) => {
                const daily = (e.currentTarget as HTMLInputElement).checked;
                void act(() => send('harvest/daily', { daily }));
              }}
            />{' '}
            Update these categories once a day
          </label>
          {h.nextUpdateAt !== undefined && (
            <span class="pl-meta" data-stat="harvest-next-update">
              {' '}
              · next update {clock(h.nextUpdateAt, now)}
            </span>
          )}
        </p>
      )}
      {message && (
        <p class="pl-error" role="alert" data-section="harvest-message">
          {message}
        </p>
      )}
      {!active && (
        <StartForm
          action={startAction}
          initial={h?.categories ?? initialCategories}
          busy={busy}
          again={h !== null}
          onStart={(c, s, f, d) => void start(c, s, f, d)}
        />
      )}
    </div>
  );
}

function StartForm({
  action,
  initial,
  busy,
  again,
  onStart,
}: {
  action: string;
  initial: readonly string[];
  busy: boolean;
  again: boolean;
  onStart: (categories: string[], start: string, format: MetadataFormat, daily: boolean) => void;
}) {
  const today = dayOf(Date.now());
  const [categories, setCategories] = useState<string[]>([...initial]);
  const [start, setStart] = useState(yearAgo(Date.now()));
  const [format, setFormat] = useState<MetadataFormat>('arXiv');
  const [daily, setDaily] = useState(false);
  const plan = useMemo(() => {
    const { chosen } = setsFor(categories);
    return chosen.length && start >= EARLIEST_DATESTAMP && start <= today
      ? estimate(buildTasks(chosen, start, today))
      : undefined;
  }, [categories, start, today]);
  return (
    <form
      class="pl-start"
      onSubmit={(e) => {
        e.preventDefault();
        if (plan) onStart(categories, start, format, daily);
      }}
    >
      {again && <h3>Harvest {categories.length ? 'again or other categories' : 'other categories'}</h3>}
      <CategoryPicker chosen={categories} onChange={setCategories} />
      <p>
        <label class="pl-field">
          <span>Papers added or changed since</span>
          <input
            type="date"
            data-field="harvest-start"
            min={EARLIEST_DATESTAMP}
            max={today}
            value={start}
            required
            onInput={(e) => setStart((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </p>
      <details>
        <summary>More options</summary>
        <p>
          <label>
            Metadata format:{' '}
            <select
              data-field="harvest-format"
              value={format}
              onChange={(e) => setFormat((e.currentTarget as HTMLSelectElement).value as MetadataFormat)}
            >
              <option value="arXiv">arXiv (authors one by one, with affiliations)</option>
              <option value="arXivRaw">arXivRaw (every version with its date)</option>
            </select>
          </label>
        </p>
      </details>
      <p>
        <label>
          <input
            type="checkbox"
            data-field="harvest-daily"
            checked={daily}
            onChange={(e) => setDaily((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          Then keep these categories up to date once a day
        </label>
      </p>
      <p class="pl-muted" data-section="harvest-estimate" aria-live="polite">
        {plan
          ? `About ${plural(plan.records, 'paper')} in about ${plural(plan.requests, 'request')}: at least ${duration(plan.minMs)} at arXiv's rate of one request every ${MIN_INTERVAL_MS / 1000} s, plus the time arXiv takes to answer.`
          : 'Choose at least one category and a start day.'}
      </p>
      <p>
        <button type="submit" class="pl-primary" data-action={action} disabled={busy || !plan}>
          Build from arXiv
        </button>
      </p>
    </form>
  );
}

function Where({ h }: { h: HarvestView }) {
  const c = h.current;
  if (!c) return null;
  return (
    <p data-section="harvest-window">
      {h.pass === 'update' ? 'Updating' : 'Harvesting'} <strong data-stat="harvest-set">{c.category}</strong> (set{' '}
      <code>{c.set}</code>), window {h.window} of {h.windows}:{' '}
      <span data-stat="harvest-window">
        {c.from} → {c.until}
      </span>
      {c.page > 0 && `, page ${c.page}`}
      {c.size !== undefined && ` (${count(c.read)} of ${count(c.size)} records in this window)`}
    </p>
  );
}

function Progress({ h, now }: { h: HarvestView; now: number }) {
  const done = h.counts.requests;
  return (
    <div data-section="harvest-progress" data-state={h.status} aria-live="polite">
      <p>
        <strong>{h.label}</strong>
        {h.status === 'paused' && ' — paused'}
        {h.status === 'error' && ' — stopped'}
      </p>
      <Where h={h} />
      <p>
        <progress aria-label="Harvest progress (requests)" max={Math.max(1, done + h.requestsLeft)} value={done} />{' '}
        <span data-stat="harvest-records">{count(h.counts.read)}</span> records so far (
        <span data-stat="harvest-added">{count(h.counts.added)}</span> new papers), {plural(done, 'request')}; about{' '}
        <span data-stat="harvest-requests-left">{count(h.requestsLeft)}</span> request
        {h.requestsLeft === 1 ? '' : 's'} left
        {h.etaMs !== undefined && (
          <>
            {' '}
            · done in about <span data-stat="harvest-eta">{duration(h.etaMs)}</span> (around {clock(now + h.etaMs, now)}
            )
          </>
        )}
      </p>
      {h.wait && (
        <p data-section="harvest-wait" data-reason={h.wait.reason}>
          {h.wait.message}. Next request at {clock(h.wait.until, now)}.
        </p>
      )}
      {h.error && (
        <p class="pl-error" role="alert" data-section="harvest-error" data-kind={h.error.kind}>
          {h.error.message}
        </p>
      )}
    </div>
  );
}

function Finished({ h, now }: { h: HarvestView; now: number }) {
  const took = (h.finishedAt ?? now) - h.startedAt;
  return (
    <div data-section="harvest-progress" data-state={h.status}>
      <p>
        <strong>{h.label}</strong>: {h.status === 'done' ? 'done' : 'cancelled'}.{' '}
        <span data-stat="harvest-records">{count(h.totals.read)}</span> records,{' '}
        <span data-stat="harvest-added">{count(h.totals.added)}</span> new papers, in{' '}
        {plural(h.totals.requests, 'request')} ({duration(took)}).
        {h.status === 'cancelled' &&
          ' The papers harvested so far stay in your corpus; remove them under "Imported sets" in the settings.'}
      </p>
    </div>
  );
}
