// First: repairs the extension API globals on pages that clobber them (see the module).
import '../src/overlay/unclobber';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { guard } from '../src/overlay/guard';
import { startSitesOverlay } from '../src/overlay/sites-run';
import { watchOverlayTheme } from '../src/overlay/theme-watch';
import { BADGE_SITE_MATCHES } from '../src/sites/permissions';

/** Badges on the scholarly sites Paperlens knows (Google Scholar, Semantic Scholar, OpenReview, …). */
export default defineContentScript({
  matches: [...BADGE_SITE_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    const stopTheme = guard('theme', () => watchOverlayTheme(document), undefined);
    const overlay = guard(
      'badge overlay',
      () => startSitesOverlay(document, { generic: false, signal: ctx.signal }),
      undefined,
    );
    // When the extension is reloaded or updated, the old script's badges and observers go with it.
    ctx.onInvalidated(() => {
      guard('badge overlay stop', () => overlay?.stop(), undefined);
      stopTheme?.();
    });
  },
});
