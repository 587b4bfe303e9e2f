/**
 * Paperlens on sites the user turned on (any origin, granted one at a time through the optional
 * any-site host permission from the options page or the popup): one registered content script running
 * `scan.js` (the generic recogniser) on every granted origin beyond the built-in sites. Kept in step with
 * the granted permissions at start-up and whenever they change; registered with persistAcrossSessions so
 * it survives restarts even before the background wakes.
 */
import { browser } from 'wxt/browser';
import { userSiteOrigins } from '../sites/permissions';

export const SITE_SCRIPT_ID = 'paperlens-user-sites';

/** The browser APIs it needs, replaceable in unit tests. */
export interface SiteScriptApi {
  granted(): Promise<string[]>;
  registered(): Promise<readonly string[] | undefined>;
  register(matches: string[]): Promise<void>;
  unregister(): Promise<void>;
}

const browserApi: SiteScriptApi = {
  granted: async () => (await browser.permissions.getAll()).origins ?? [],
  registered: async () => {
    const [s] = await browser.scripting.getRegisteredContentScripts({ ids: [SITE_SCRIPT_ID] });
    return s?.matches;
  },
  register: (matches) =>
    browser.scripting.registerContentScripts([
      { id: SITE_SCRIPT_ID, matches, js: ['scan.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]),
  unregister: () => browser.scripting.unregisterContentScripts({ ids: [SITE_SCRIPT_ID] }),
};

export async function syncSiteScripts(api: SiteScriptApi = browserApi): Promise<string[]> {
  const wanted = userSiteOrigins(await api.granted());
  const current = await api.registered().catch(() => undefined);
  if (current && [...current].sort().join() === wanted.join()) return wanted;
  if (current) await api.unregister();
  if (wanted.length) await api.register(wanted);
  return wanted;
}

export function watchSiteScripts(): void {
  const sync = () =>
    void syncSiteScripts().catch(() => {
      // Browsers without dynamic content scripts: the popup's "Scan this page" still works.
    });
  sync();
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}
