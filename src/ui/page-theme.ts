/** Puts the theme setting on an extension page's root element, and follows it when it changes. */
import { getSettings, watchSettings } from '../settings/store';
import { THEME_ATTR } from './theme';

export function followThemeSetting(doc: Document): void {
  const apply = (theme: string) => doc.documentElement.setAttribute(THEME_ATTR, theme);
  void getSettings().then(
    (s) => apply(s.theme),
    () => undefined,
  );
  watchSettings((s) => apply(s.theme));
}
