import { defineContentScript } from 'wxt/utils/define-content-script';
import { runArxivOverlay } from '../src/overlay/arxiv';

export default defineContentScript({
  matches: ['https://arxiv.org/*'],
  runAt: 'document_end',
  main(ctx) {
    let cleanup = runArxivOverlay(document, new URL(location.href));
    // Back/forward cache: the page comes back as it was left, but saved states may have changed since.
    ctx.addEventListener(window, 'pageshow', (e) => {
      if (!(e as PageTransitionEvent).persisted) return;
      cleanup();
      cleanup = runArxivOverlay(document, new URL(location.href));
    });
    // When the extension is reloaded or updated, the old script's UI and observers go with it.
    ctx.onInvalidated(() => cleanup());
  },
});
