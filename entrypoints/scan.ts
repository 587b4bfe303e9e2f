import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startSitesOverlay } from '../src/overlay/sites-run';

/**
 * Badges on any page: injected by the popup's "Scan this page" (scripting.executeScript with activeTab,
 * no standing permission) and registered for the sites the user turned Paperlens on
 * (src/background/site-scripts.ts). The site's own adapter where there is one, else the generic recogniser.
 */
export default defineUnlistedScript(() => {
  startSitesOverlay(document, { generic: true });
});
