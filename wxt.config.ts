import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { OLDEST } from './src/compat';
import { OPTIONAL_ORIGINS, SITES } from './src/sites/permissions';

/** Granted at install: arXiv and the scholarly sites the badge overlay knows. */
const REQUIRED_HOSTS = SITES.filter((site) => site.kind === 'required').flatMap((site) => site.origins);
/** Asked for when the user turns a site, "Update from arXiv" or "Build from arXiv" on. */
const OPTIONAL_HOSTS = [...OPTIONAL_ORIGINS];

// https://wxt.dev/api/config.html
export default defineConfig({
  // No auto-imports: a pure module must not quietly pick up a browser global (STYLE.md §9).
  imports: false,
  // Several builds can run side by side (parallel work, benches) when each sets its own PAPERLENS_OUT.
  outDir: process.env.PAPERLENS_OUT ?? '.output',
  publicDir: 'assets/public',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: (env) => ({
    // @preact/preset-vite is typed against the vite that vitest brings; wxt bundles its own.
    plugins: [preact() as never],
    build: {
      // Syntax for the oldest browser supported (src/compat.ts): esbuild lowers what is newer, or fails.
      target: env.browser === 'firefox' ? `firefox${OLDEST.firefox.version}` : `chrome${OLDEST.chrome.version}`,
      // PAPERLENS_MINIFY=0: readable function names in profiles (benches, performance work).
      ...(process.env.PAPERLENS_MINIFY === '0' ? { minify: false } : {}),
    },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Paperlens',
    description:
      'Research papers, lit up: authors, related work and topics from a corpus kept on your machine, on arXiv and beyond.',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting', 'alarms'],
    // Both lists come from src/sites/permissions.ts, the one place sites are declared.
    host_permissions: REQUIRED_HOSTS,
    optional_host_permissions: OPTIONAL_HOSTS,
    // MV2 (Firefox) has no optional_host_permissions: origins go in optional_permissions there.
    ...(manifestVersion === 2 ? { optional_permissions: OPTIONAL_HOSTS } : {}),
    // Upgrade tests only (tests/e2e/hardening-upgrade.spec.ts): a fixed extension id across two builds,
    // and a lower version for the build that plays "previous". Unset in every real build.
    ...(process.env.PAPERLENS_MANIFEST_KEY ? { key: process.env.PAPERLENS_MANIFEST_KEY } : {}),
    ...(process.env.PAPERLENS_MANIFEST_VERSION ? { version: process.env.PAPERLENS_MANIFEST_VERSION } : {}),
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: 'Paperlens', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    // Keyboard shortcuts (the user can change them at chrome://extensions/shortcuts).
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+P' },
      },
      'save-current-paper': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the paper of the active arXiv tab to the reading list',
      },
    },
    // The oldest versions supported, and why: src/compat.ts.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paperlens@paperlens.dev',
              strict_min_version: `${OLDEST.firefox.version}.0`,
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: `${OLDEST.firefox_android.version}.0` },
          },
        }
      : { minimum_chrome_version: String(OLDEST.chrome.version) }),
  }),
});
