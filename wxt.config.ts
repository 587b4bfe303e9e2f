import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  // No auto-imports: a pure module must not quietly pick up a browser global (STYLE.md §9).
  imports: false,
  // Several builds can run side by side (parallel work, benches) when each sets its own PAPERLENS_OUT.
  outDir: process.env.PAPERLENS_OUT ?? '.output',
  publicDir: 'assets/public',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    // @preact/preset-vite is typed against the vite that vitest brings; wxt bundles its own.
    plugins: [preact() as never],
  }),
  manifest: ({ browser }) => ({
    name: 'Paperlens',
    description:
      'Research papers, lit up: authors, related work and topics from a corpus kept on your machine, on arXiv and beyond.',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting'],
    // arXiv, and the scholarly sites the badge overlay knows (src/sites/permissions.ts SITES; a unit test
    // keeps the two in step).
    host_permissions: [
      'https://arxiv.org/*',
      'https://scholar.google.com/*',
      'https://scholar.google.co.uk/*',
      'https://scholar.google.de/*',
      'https://scholar.google.fr/*',
      'https://scholar.google.ca/*',
      'https://scholar.google.com.au/*',
      'https://scholar.google.co.jp/*',
      'https://scholar.google.es/*',
      'https://scholar.google.it/*',
      'https://scholar.google.nl/*',
      'https://scholar.google.ch/*',
      'https://scholar.google.co.in/*',
      'https://scholar.google.com.br/*',
      'https://www.semanticscholar.org/*',
      'https://openreview.net/*',
      'https://huggingface.co/papers*',
      'https://www.alphaxiv.org/*',
      'https://paperswithcode.com/*',
      'https://dblp.org/*',
      'https://www.catalyzex.com/*',
    ],
    // Asked for from the options page when the user turns a site or "Update from arXiv" on; listed in
    // src/sites/permissions.ts (OPTIONAL_ORIGINS), which a unit test keeps in step with this list.
    optional_host_permissions: [
      'https://export.arxiv.org/*',
      // Any other site, one origin at a time when the user turns Paperlens on there.
      '*://*/*',
    ],
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
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paperlens@paperlens.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
