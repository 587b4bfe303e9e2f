// First: repairs the extension API globals on pages that clobber them (see the module).
import '../src/overlay/unclobber';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { guard } from '../src/overlay/guard';
import { startSitesOverlay } from '../src/overlay/sites-run';
import { watchOverlayTheme } from '../src/overlay/theme-watch';

/**
 * Badges on any page: injected by the popup's "Scan this page" (scripting.executeScript with activeTab,
 * no standing permission) and registered for the sites the user turned Paperlens on
 * (src/background/site-scripts.ts). The site's own adapter where there is one, else the generic recogniser.
 */
export default defineUnlistedScript(() => {
  guard('theme', () => watchOverlayTheme(document), undefined);
  guard('page scan', () => startSitesOverlay(document, { generic: true }), undefined);
});
