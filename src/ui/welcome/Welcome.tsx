/**
 * The welcome page (`welcome.html`), opened once on install and linked from the popup and the settings:
 * what Paperlens does and never sends, the corpus as it stands, and three ways to grow it — build it
 * from arXiv, import a file, learn while browsing — each one click away.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ImportRecord } from '../../db/schema';
import { send } from '../../messaging/client';
import type { CorpusStatus } from '../../messaging/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../settings/schema';
import { getSettings, updateSettings } from '../../settings/store';
import { count } from '../harvest/format';
import { HarvestPanel } from '../harvest/HarvestPanel';
import { errorText } from '../options/format';
import { ImportSection } from '../options/ImportSection';
import { LearnToggle } from '../options/SettingsSection';

export function Welcome() {
  const [status, setStatus] = useState<CorpusStatus | null>(null);
  const [imports, setImports] = useState<ImportRecord[]>([]);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [error, setError] = useState('');
  const refresh = () => {
    send('corpus/status', {}).then(setStatus, (e: unknown) => setError(errorText(e)));
    send('corpus/imports', {}).then(
      (r) => setImports(r.imports),
      (e: unknown) => setError(errorText(e)),
    );
  };
  const update = (patch: Partial<Settings>) =>
    updateSettings(patch).then(setSettings, (e: unknown) => setError(errorText(e)));
  useEffect(() => {
    refresh();
    getSettings().then(setSettings, (e: unknown) => setError(errorText(e)));
  }, []);

  return (
    <div>
      <header class="pl-bar">
        <h1>Welcome to Paperlens</h1>
        <span style={{ flex: 1 }} />
        <nav aria-label="Paperlens pages" class="pl-nav">
          <a href={browser.runtime.getURL('/library.html')}>Library</a>
          <a href={browser.runtime.getURL('/options.html')}>Settings</a>
        </nav>
      </header>
      <main class="pl-welcome">
        <section aria-labelledby="pl-what">
          <h2 id="pl-what">What Paperlens does</h2>
          <p>
            On arXiv, and beside paper titles on Google Scholar, Semantic Scholar, OpenReview and other sites, Paperlens
            shows what a corpus of papers kept on your machine knows: each author's other papers and co-authors, related
            papers with the reason they are related, topic tags, and your reading list with notes and tags.
          </p>
          <p>
            <strong>What it never sends:</strong> your reading list, your notes, the pages you visit or the papers you
            look at. Everything lives in this browser. Paperlens asks arXiv for anything only when you start it below,
            and each kind of request is listed under Privacy in the{' '}
            <a href={browser.runtime.getURL('/options.html')}>settings</a>.
          </p>
        </section>

        <section aria-labelledby="pl-corpus" data-section="corpus-summary">
          <h2 id="pl-corpus">Your corpus</h2>
          {error && (
            <p class="pl-error" role="alert">
              {error}
            </p>
          )}
          <p class="pl-big">
            <span data-stat="papers">{status ? count(status.papers) : '…'}</span> papers
          </p>
          {status && (
            <p class="pl-muted">
              {count(status.bundled)} shipped with Paperlens, {count(status.imported)} imported or harvested,{' '}
              {count(status.learned)} learned while browsing; {count(status.saved)} on your reading list.
              {status.papers < 1000 &&
                ' That is a small corpus: most pages you visit will show papers that are not in it yet. Grow it in one of three ways:'}
            </p>
          )}
        </section>

        <section aria-labelledby="pl-build" data-section="build-from-arxiv" class="pl-way">
          <h2 id="pl-build">1. Build it from arXiv</h2>
          <p>
            Choose the categories you read and a start day: Paperlens fetches their papers with arXiv's OAI-PMH
            interface, in the background, one request every 3 seconds as arXiv asks. It keeps going when you close this
            tab and picks up where it stopped after a restart.
          </p>
          <HarvestPanel initialCategories={settings.arxivCategories} onProgress={() => refresh()} />
        </section>

        <div class="pl-way" data-section="import-a-file">
          <ImportSection imports={imports} onChanged={refresh} title="2. Import a file" />
        </div>

        <section aria-labelledby="pl-learn" class="pl-way" data-section="learn-while-browsing">
          <h2 id="pl-learn">3. Learn while you browse</h2>
          <p>
            <LearnToggle settings={settings} update={update}>
              Keep the papers I see on arXiv listings and pages in my corpus
            </LearnToggle>
          </p>
          <p class="pl-muted">
            Only what the page itself shows is kept (title, authors, abstract when shown). Nothing is sent anywhere.
          </p>
        </section>
      </main>
    </div>
  );
}
