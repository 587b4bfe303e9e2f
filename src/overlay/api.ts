/** The panel's API as the content scripts provide it: typed messages to the background, and settings. */
import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import { getSettings, updateSettings } from '../settings/store';
import type { PanelApi } from '../ui/panel/Panel';

/** Copies text; falls back to a hidden textarea where the async clipboard is refused (no user focus). */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.cssText = 'position:fixed;left:-9999px;top:0;';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

export function extensionPanelApi(): PanelApi {
  const library = browser.runtime.getURL('/library.html');
  return {
    data: (request) => send('panel/data', request),
    setSaved: async (paper, saved) => (await send('readingList/toggle', { paper, saved })).saved,
    libraryUrl: (view) => `${library}#${view}`,
    openLibrary: (view) => void send('library/open', { view }),
    copyText,
    collapsed: async () => (await getSettings()).panelCollapsed,
    setCollapsed: (collapsed) => void updateSettings({ panelCollapsed: collapsed }),
  };
}
