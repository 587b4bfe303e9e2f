/** Scholarly sites: arXiv always; others through optional host permissions the user grants here. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SITES, type SitePermission } from '../../sites/permissions';
import { errorText } from './format';

export function SitesSection() {
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const [error, setError] = useState('');

  const check = async () => {
    const entries = await Promise.all(
      SITES.map(
        async (s) =>
          [s.id, await browser.permissions.contains({ origins: [...s.origins] }).catch(() => false)] as const,
      ),
    );
    setGranted(Object.fromEntries(entries));
  };
  useEffect(() => {
    void check();
  }, []);

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
          </li>
        ))}
      </ul>
      {error && <p class="pl-error">{error}</p>}
    </section>
  );
}
