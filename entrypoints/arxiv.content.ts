import { defineContentScript } from 'wxt/utils/define-content-script';
import { runArxivOverlay } from '../src/overlay/arxiv';

export default defineContentScript({
  matches: ['https://arxiv.org/*'],
  runAt: 'document_end',
  main(ctx) {
    const cleanup = runArxivOverlay(document, new URL(location.href));
    // When the extension is reloaded or updated, the old script's UI goes with it.
    ctx.onInvalidated(cleanup);
  },
});
