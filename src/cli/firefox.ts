/** Finding a Firefox to drive (`FIREFOX_PATH` first, then the usual system locations), and installing one. */
import { existsSync } from 'node:fs';
import { aptInstall, canApt } from './apt';

const CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/snap/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

export function findFirefox(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.FIREFOX_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

type Run = (label: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv) => void;

/**
 * Makes sure a Firefox is there. On Debian/Ubuntu as root it installs Debian's `firefox-esr`; elsewhere
 * it returns a one-line instruction for the user.
 */
export function ensureFirefox(run: Run): { ok: true; path: string } | { ok: false; message: string } {
  const found = findFirefox();
  if (found) return { ok: true, path: found };
  if (process.env.FIREFOX_PATH)
    return { ok: false, message: `FIREFOX_PATH=${process.env.FIREFOX_PATH} does not exist; point it at Firefox.` };
  if (!canApt())
    return {
      ok: false,
      message: 'No Firefox found: install Firefox (e.g. `sudo apt-get install firefox-esr`) or set FIREFOX_PATH.',
    };
  console.log('No Firefox found; installing Debian’s firefox-esr with apt-get…');
  aptInstall(run, 'firefox-esr');
  const installed = findFirefox();
  return installed
    ? { ok: true, path: installed }
    : { ok: false, message: 'apt-get ran but no firefox binary appeared.' };
}

/** The add-on id in the Firefox manifest (wxt.config.ts); the test profile pins its moz-extension UUID. */
export const GECKO_ID = 'paperlens@paperlens.dev';

/**
 * Preferences for a test profile: the extension's internal UUID fixed (so extension pages have a known
 * address), its data kept across a restart (the add-on is installed temporarily, and a temporary add-on
 * is uninstalled at shutdown), downloads saved without asking, and Firefox's own background traffic off.
 * `proxyPort` is the harness's dead-end proxy: whatever is not answered from fixtures stops there.
 */
export function firefoxPrefs(uuid: string, downloadDir: string, proxyPort: number): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    'browser.download.folderList': 2,
    'browser.download.dir': downloadDir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    // Remote settings, safe browsing, captive-portal and connectivity checks, telemetry, updates.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'app.update.disabledForTesting': true,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.socks_remote_dns': true,
  };
}
