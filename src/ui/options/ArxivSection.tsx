/**
 * "Fresh papers from arXiv": off by default. Turning it on asks the browser for the export.arxiv.org
 * host permission; the update runs only when the user clicks, in this page, rate-limited.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { openDatabase } from '../../db/database';
import { papersFrom } from '../../db/papers';
import { send } from '../../messaging/client';
import { ARXIV_ORIGINS, lackingMetadata, runUpdate } from '../../options/arxiv';
import { arxivResponseStore } from '../../options/arxiv-store';
import { fetchText } from '../../options/fetch-text';
import { RateLimiter, systemClock } from '../../options/rate-limit';
import { isArxivCategory, type Settings } from '../../settings/schema';
import { errorText, parseCategoryList } from './format';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; message: string }
  | { kind: 'done'; added: number; merged: number; requests: number }
  | { kind: 'error'; message: string };

export function ArxivSection({
  settings,
  update,
  onChanged,
  harvesting = false,
}: {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
  onChanged: () => void;
  /** A harvest is making requests: arXiv asks for one connection at a time, so updates wait. */
  harvesting?: boolean;
}) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [categories, setCategories] = useState(settings.arxivCategories.join(', '));
  const badCategories = parseCategoryList(categories).filter((c) => !isArxivCategory(c));

  async function toggle(on: boolean) {
    if (on) {
      // Asked from the click itself: browsers only show the prompt during a user gesture.
      const granted = await browser.permissions.request({ origins: [...ARXIV_ORIGINS] }).catch(() => false);
      if (!granted) {
        setStatus({ kind: 'error', message: 'Paperlens was not given access to export.arxiv.org, so it stays off.' });
        return;
      }
    } else {
      await browser.permissions.remove({ origins: [...ARXIV_ORIGINS] }).catch(() => false);
    }
    setStatus({ kind: 'idle' });
    await update({ arxivUpdates: on });
  }

  async function run() {
    const cats = parseCategoryList(categories);
    if (badCategories.length) return;
    await update({ arxivCategories: cats });
    setStatus({ kind: 'running', message: 'Preparing…' });
    const db = await openDatabase();
    const limiter = new RateLimiter(systemClock);
    try {
      const missing = lackingMetadata(await papersFrom(db, 'learned'));
      const reports = await runUpdate(
        { categories: cats, missing },
        {
          fetchText,
          limiter,
          store: arxivResponseStore(db, new Date()),
          online: () => navigator.onLine,
          onRequest: (_url, i, total) => setStatus({ kind: 'running', message: `Request ${i + 1} of ${total}…` }),
        },
      );
      const added = reports.reduce((n, r) => n + r.added, 0);
      const merged = reports.reduce((n, r) => n + r.merged, 0);
      setStatus({ kind: 'done', added, merged, requests: limiter.requests });
    } catch (e) {
      setStatus({ kind: 'error', message: errorText(e) });
    } finally {
      db.close();
      await send('corpus/changed', {}).catch(() => {});
      onChanged();
    }
  }

  return (
    <section data-section="arxiv-updates">
      <h2>Fresh papers from arXiv</h2>
      <p>
        <label>
          <input
            type="checkbox"
            data-setting="arxivUpdates"
            checked={settings.arxivUpdates}
            onChange={(e) => void toggle((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          Let Paperlens ask arXiv’s API for new papers when I click “Update from arXiv”
        </label>
      </p>
      {settings.arxivUpdates && (
        <>
          <p>
            <label>
              Categories:{' '}
              <input
                type="text"
                data-field="arxiv-categories"
                value={categories}
                onInput={(e) => setCategories((e.currentTarget as HTMLInputElement).value)}
              />
            </label>{' '}
            <button
              type="button"
              data-action="arxiv-update"
              disabled={status.kind === 'running' || badCategories.length > 0 || harvesting}
              onClick={() => void run()}
            >
              Update from arXiv
            </button>
          </p>
          {badCategories.length > 0 && <p class="pl-error">Not arXiv categories: {badCategories.join(', ')}</p>}
          {harvesting && (
            <p class="pl-muted">A harvest is asking arXiv for papers; updates wait until it pauses or ends.</p>
          )}
          <p class="pl-muted">
            One request for the newest papers in these categories, then full metadata for papers seen only on listing
            pages; at most one request every 3 seconds, as arXiv asks.
          </p>
        </>
      )}
      <div data-section="arxiv-status" data-state={status.kind} aria-live="polite">
        {status.kind === 'running' && <p>{status.message}</p>}
        {status.kind === 'done' && (
          <p>
            Done: <span data-stat="arxiv-added">{status.added}</span> new papers,{' '}
            <span data-stat="arxiv-merged">{status.merged}</span> updated, in {status.requests} request
            {status.requests === 1 ? '' : 's'}.
          </p>
        )}
        {status.kind === 'error' && <p class="pl-error">{status.message}</p>}
      </div>
    </section>
  );
}
