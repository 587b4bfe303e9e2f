// First: repairs the extension API globals on pages that clobber them (see the module).
import '../src/overlay/unclobber';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runArxivOverlay } from '../src/overlay/arxiv';
import { guard } from '../src/overlay/guard';
import { watchOverlayTheme } from '../src/overlay/theme-watch';

export default defineContentScript({
  matches: ['https://arxiv.org/*'],
  // Loaded at document_start, run at DOMContentLoaded (runArxivOverlay waits for it): Chrome runs
  // document_end scripts only after it has laid out and painted the page, 0.3–1 s after
  // DOMContentLoaded on a 2,000-entry listing (`npm run bench -- overlay`, the floors); a
  // DOMContentLoaded listener runs before that. Reading a listing while it is parsed was tried and
  // measured: a document-wide MutationObserver during the parse cost more main-thread time than it saved.
  runAt: 'document_start',
  main(ctx) {
    // Guarded: an error in the overlay is reported to the console, never thrown into the page.
    const run = () =>
      guard(
        'arXiv overlay',
        () => runArxivOverlay(document, new URL(location.href), { signal: ctx.signal }),
        () => {},
      );
    const stopTheme = guard('theme', () => watchOverlayTheme(document), undefined);
    let cleanup = run();
    // Back/forward cache: the page comes back as it was left, but saved states may have changed since.
    ctx.addEventListener(window, 'pageshow', (e) => {
      if (!(e as PageTransitionEvent).persisted) return;
      guard('arXiv overlay cleanup', cleanup, undefined);
      cleanup = run();
    });
    // When the extension is reloaded or updated, the old script's UI and observers go with it.
    ctx.onInvalidated(() => {
      guard('arXiv overlay cleanup', cleanup, undefined);
      stopTheme?.();
    });
  },
});
