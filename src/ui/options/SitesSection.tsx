/** Scholarly sites: arXiv always; others through optional host permissions the user grants here. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getSettings, updateSettings } from '../../settings/store';
import { originPattern, SITES, type SitePermission, userSiteOrigins } from '../../sites/permissions';
import { errorText } from './format';

export function SitesSection() {
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const [error, setError] = useState('');
  // Badges per site (settings.disabledSites), and other sites the user turned Paperlens on for.
  const [disabled, setDisabled] = useState<readonly string[]>([]);
  const [others, setOthers] = useState<string[]>([]);
  const [otherInput, setOtherInput] = useState('');

  const check = async () => {
    const entries = await Promise.all(
      SITES.map(
        async (s) =>
          [s.id, await browser.permissions.contains({ origins: [...s.origins] }).catch(() => false)] as const,
      ),
    );
    setGranted(Object.fromEntries(entries));
    setOthers(userSiteOrigins((await browser.permissions.getAll().catch(() => ({ origins: [] }))).origins ?? []));
  };
  useEffect(() => {
    void check();
    getSettings().then(
      (s) => setDisabled(s.disabledSites),
      () => {},
    );
  }, []);

  async function setOverlay(site: SitePermission, on: boolean) {
    const s = await getSettings();
    const next = on ? s.disabledSites.filter((id) => id !== site.id) : [...s.disabledSites, site.id];
    setDisabled((await updateSettings({ disabledSites: next })).disabledSites);
  }

  /** Turns Paperlens on for one more site: asks for that origin only (within the optional any-site permission). */
  async function addOther(e: Event) {
    e.preventDefault();
    setError('');
    const pattern = originPattern(otherInput);
    if (!pattern) return setError('Enter a web address such as people.example.edu');
    try {
      if (await browser.permissions.request({ origins: [pattern] })) setOtherInput('');
    } catch (err) {
      setError(errorText(err));
    }
    await check();
  }

  async function removeOther(origin: string) {
    await browser.permissions.remove({ origins: [origin] }).catch((err: unknown) => setError(errorText(err)));
    await check();
  }

  async function toggle(site: SitePermission, on: boolean) {
    setError('');
    try {
      if (on) await browser.permissions.request({ origins: [...site.origins] });
      else await browser.permissions.remove({ origins: [...site.origins] });
    } catch (e) {
      setError(errorText(e));
    }
    await check();
  }

  return (
    <section data-section="sites">
      <h2>Sites</h2>
      <ul class="pl-list">
        {SITES.map((s) => (
          <li class="pl-item" key={s.id} data-site={s.id} data-granted={String(granted[s.id] ?? false)}>
            <label>
              <input
                type="checkbox"
                checked={granted[s.id] ?? false}
                disabled={s.kind === 'required'}
                onChange={(e) => void toggle(s, (e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              {s.name}
            </label>{' '}
            <span class="pl-meta">
              {s.origins.join(', ')}
              {s.kind === 'required' ? ' (always on)' : ''}
              {s.supported ? '' : ' (access only: the overlay for this site is coming)'}
            </span>
            {s.supported && s.id !== 'arxiv' && (
              <label>
                {' '}
                <input
                  type="checkbox"
                  data-site-overlay={s.id}
                  checked={!disabled.includes(s.id)}
                  onChange={(e) => void setOverlay(s, (e.currentTarget as HTMLInputElement).checked)}
                />{' '}
                badges on this site
              </label>
            )}
          </li>
        ))}
      </ul>
      <h3>Other sites</h3>
      <p class="pl-meta">
        Paperlens can recognise corpus papers on any page (publication lists, aggregators). Turn it on for a site here,
        or use “Scan this page” in the popup once.
      </p>
      <form data-section="other-sites" onSubmit={(e) => void addOther(e)}>
        <input
          type="text"
          aria-label="Site to turn Paperlens on for"
          placeholder="people.example.edu"
          value={otherInput}
          onInput={(e) => setOtherInput((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <button type="submit">Turn on</button>
      </form>
      <ul class="pl-list">
        {others.map((o) => (
          <li class="pl-item" key={o} data-other-site={o}>
            {o}{' '}
            <button type="button" onClick={() => void removeOther(o)}>
              Turn off
            </button>
          </li>
        ))}
      </ul>
      {error && <p class="pl-error">{error}</p>}
    </section>
  );
}
