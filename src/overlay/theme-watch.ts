/** Keeps the overlay's hosts on the theme setting (auto / light / dark) while the content script runs. */
import { getSettings, watchSettings } from '../settings/store';
import { setOverlayTheme } from './mount';

export function watchOverlayTheme(doc: Document): () => void {
  void getSettings().then(
    (s) => setOverlayTheme(doc, s.theme),
    () => undefined,
  );
  return watchSettings((s) => setOverlayTheme(doc, s.theme));
}
