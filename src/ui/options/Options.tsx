/**
 * The options page: what the corpus holds, imports (run here, in the page), building it from arXiv (the
 * harvest, run by the background), fresh papers from arXiv, sites, display and learning settings, and
 * every request Paperlens can make.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ImportRecord } from '../../db/schema';
import { send } from '../../messaging/client';
import type { CategoryCount } from '../../messaging/corpus';
import type { CorpusStatus } from '../../messaging/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../settings/schema';
import { getSettings, updateSettings } from '../../settings/store';
import { HarvestPanel } from '../harvest/HarvestPanel';
import { ArxivSection } from './ArxivSection';
import { bytesText, errorText, formatName } from './format';
import { ImportSection, RemoveButton } from './ImportSection';
import { PrivacySection } from './PrivacySection';
import { RecordsCheck } from './RecordsCheck';
import { SettingsSection } from './SettingsSection';
import { SitesSection } from './SitesSection';

export function Options() {
  const [status, setStatus] = useState<CorpusStatus | null>(null);
  const [categories, setCategories] = useState<{ categories: CategoryCount[]; distinct: number } | null>(null);
  const [imports, setImports] = useState<ImportRecord[]>([]);
  const [storage, setStorage] = useState<{ usage?: number; quota?: number } | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [error, setError] = useState('');
  const [harvesting, setHarvesting] = useState(false);
  const [harvestOn, setHarvestOn] = useState(false);

  const refresh = () => {
    send('corpus/status', {}).then(setStatus, (e: unknown) => setError(errorText(e)));
    send('corpus/categories', {}).then(setCategories, (e: unknown) => setError(errorText(e)));
    send('corpus/imports', {}).then(
      (r) => setImports(r.imports),
      (e: unknown) => setError(errorText(e)),
    );
    navigator.storage
      ?.estimate()
      .then((s) => setStorage(s))
      .catch(() => setStorage(null));
  };
  useEffect(() => {
    refresh();
    getSettings().then(setSettings, (e: unknown) => setError(errorText(e)));
  }, []);
  const update = async (patch: Partial<Settings>) => setSettings(await updateSettings(patch));

  return (
    <div>
      <div class="pl-bar">
        <h1>Paperlens settings</h1>
        <span style={{ flex: 1 }} />
        <a href={browser.runtime.getURL('/welcome.html')} data-action="open-welcome">
          Welcome page: grow your corpus
        </a>
      </div>
      <main>
        <h2>Corpus</h2>
        {error && <p class="pl-error">{error}</p>}
        <RecordsCheck onChanged={refresh} />
        {status && (
          <table data-section="corpus-status" style={{ width: 'auto' }}>
            <tbody>
              <tr>
                <th>Papers</th>
                <td data-stat="papers">{status.papers}</td>
              </tr>
              <tr>
                <th>Bundled</th>
                <td data-stat="bundled">{status.bundled}</td>
              </tr>
              <tr>
                <th>Imported</th>
                <td data-stat="imported">{status.imported}</td>
              </tr>
              <tr>
                <th>Learned while browsing</th>
                <td data-stat="learned">{status.learned}</td>
              </tr>
              <tr>
                <th>Reading list</th>
                <td data-stat="saved">{status.saved}</td>
              </tr>
              <tr>
                <th>Bundled corpus version</th>
                <td>{status.corpusVersion ?? 'not installed'}</td>
              </tr>
              <tr>
                <th>Storage used</th>
                <td data-stat="storage">
                  {storage?.usage !== undefined
                    ? `${bytesText(storage.usage)}${storage.quota ? ` of ${bytesText(storage.quota)} available` : ''}`
                    : 'unknown'}
                </td>
              </tr>
            </tbody>
          </table>
        )}
        {categories && categories.categories.length > 0 && (
          <details data-section="categories">
            <summary>
              Papers by category ({categories.distinct} categor{categories.distinct === 1 ? 'y' : 'ies'})
            </summary>
            <table style={{ width: 'auto' }}>
              <tbody>
                {categories.categories.map((c) => (
                  <tr key={c.category} data-category={c.category}>
                    <td>{c.category}</td>
                    <td>{c.papers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
        <ImportSection imports={imports} onChanged={refresh} />
        <ImportList imports={imports.filter((r) => r.state === 'done')} onChanged={refresh} />
        <ResetBundled onChanged={refresh} />
        <section data-section="harvest-settings">
          <h2>Build from arXiv</h2>
          <p class="pl-muted">
            Harvest whole categories with arXiv's OAI-PMH interface, in the background, one request every 3 seconds.
          </p>
          <HarvestPanel
            startAction="harvest-start"
            initialCategories={settings.arxivCategories}
            onProgress={(h) => {
              setHarvesting(h?.status === 'running');
              setHarvestOn(!!h && (h.daily || h.status === 'running' || h.status === 'paused' || h.status === 'error'));
              refresh();
            }}
          />
        </section>
        <ArxivSection settings={settings} update={update} onChanged={refresh} harvesting={harvesting} />
        <SitesSection />
        <SettingsSection settings={settings} update={update} />
        <PrivacySection settings={settings} harvestOn={harvestOn} />
      </main>
    </div>
  );
}

function ImportList({ imports, onChanged }: { imports: readonly ImportRecord[]; onChanged: () => void }) {
  if (!imports.length) return null;
  return (
    <section data-section="imports">
      <h3>Imported sets</h3>
      <table>
        <thead>
          <tr>
            <th>File</th>
            <th>Format</th>
            <th>When</th>
            <th>Added</th>
            <th>Merged</th>
            <th>Rejected</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {imports.map((r) => (
            <tr key={r.id} data-import-id={r.id} data-import-state={r.state}>
              <td>{r.file}</td>
              <td>{formatName(r.format)}</td>
              <td>{r.at.slice(0, 16).replace('T', ' ')}</td>
              <td>{r.added}</td>
              <td>{r.merged}</td>
              <td>{r.rejected}</td>
              <td>
                <RemoveButton importId={r.id} onChanged={onChanged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ResetBundled({ onChanged }: { onChanged: () => void }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy' | 'done'>('idle');
  const [error, setError] = useState('');
  async function reset() {
    setStep('busy');
    try {
      await send('corpus/resetBundled', {});
      setStep('done');
      onChanged();
    } catch (e) {
      setError(errorText(e));
      setStep('idle');
    }
  }
  return (
    <section data-section="reset-bundled">
      <h3>Bundled corpus</h3>
      <p class="pl-muted">
        Reinstall the papers Paperlens ships with, as shipped. Imported and learned papers and your reading list stay.
      </p>
      {step === 'confirm' ? (
        <>
          <button type="button" data-action="reset-bundled-confirm" onClick={() => void reset()}>
            Yes, reset the bundled corpus
          </button>{' '}
          <button type="button" onClick={() => setStep('idle')}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" data-action="reset-bundled" disabled={step === 'busy'} onClick={() => setStep('confirm')}>
          {step === 'busy' ? 'Resetting…' : 'Reset the bundled corpus'}
        </button>
      )}
      {step === 'done' && <span> Done.</span>}
      {error && <p class="pl-error">{error}</p>}
    </section>
  );
}
