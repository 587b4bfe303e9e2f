/**
 * The oldest browsers Paperlens supports. Each floor is the newest feature that the shipped extension
 * uses without checking for it first, by MDN's browser-compat-data; tests/e2e/oldest-browsers.spec.ts
 * derives the floors from the built extension and the source, and fails when they differ from these.
 * The build's syntax target is the same floor (wxt.config.ts), so esbuild lowers newer syntax or fails.
 */
export const OLDEST = {
  /** `optional_host_permissions` (Chrome 102): "Enable on any site" asks for origins declared there. */
  chrome: { version: 102, setBy: 'webextensions.manifest.optional_host_permissions' },
  /** `data_collection_permissions` (Firefox 140), which addons.mozilla.org requires of new add-ons. */
  firefox: {
    version: 140,
    setBy: 'webextensions.manifest.browser_specific_settings.gecko.data_collection_permissions',
  },
  /** The same key on Android arrived in 142. */
  firefox_android: {
    version: 142,
    setBy: 'webextensions.manifest.browser_specific_settings.gecko.data_collection_permissions',
  },
} as const;

/**
 * Newer than a floor, and used only where present (by MDN's path, with where the check is). The audit
 * leaves these out of the floors; anything else newer than a floor fails it.
 */
export const DETECTED: Readonly<Record<string, string>> = {
  'api.Window.requestIdleCallback': 'src/overlay/chips.ts, src/overlay/badges.ts: a timeout otherwise',
  'api.ShadowRoot.adoptedStyleSheets': 'src/overlay/mount.ts sharedSheet/adopt: a <style> otherwise',
  'api.CSSStyleSheet.replaceSync': 'src/overlay/mount.ts sharedSheet: a <style> otherwise',
  'api.Clipboard.writeText': 'src/overlay/api.ts copyText: execCommand("copy") otherwise',
};
