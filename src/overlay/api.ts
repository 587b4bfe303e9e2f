/** The panel's API as the content scripts provide it: typed messages to the background, and settings. */
import { browser } from 'wxt/browser';
import { send } from '../messaging/client';
import type { PagePaper } from '../messaging/protocol';
import { getSettings, updateSettings } from '../settings/store';
import type { FoundPaper } from '../sites/types';
import type { PanelApi } from '../ui/panel/Panel';

/** What a content script sends about a found paper: everything the page showed, nothing of the DOM. */
export function toPagePaper(found: FoundPaper): PagePaper {
  return {
    id: found.id,
    title: found.title,
    authors: [...found.authors],
    url: found.url,
    ...(found.abstract ? { abstract: found.abstract } : {}),
    ...(found.categories?.length ? { categories: [...found.categories] } : {}),
    ...(found.comments ? { comments: found.comments } : {}),
    ...(found.doi ? { doi: found.doi } : {}),
    ...(found.journalRef ? { journalRef: found.journalRef } : {}),
    ...(found.published ? { published: found.published } : {}),
  };
}

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
    data: (paper) => send('panel/data', { paper }),
    toggleSave: async (paper) => (await send('readingList/toggle', { paper })).saved,
    libraryUrl: (view) => `${library}#${view}`,
    openLibrary: (view) => void send('library/open', { view }),
    copyText,
    collapsed: async () => (await getSettings()).panelCollapsed,
    setCollapsed: (collapsed) => void updateSettings({ panelCollapsed: collapsed }),
  };
}

/** Stores papers seen on a page as learned papers (the background honours the learnFromPages setting). */
export function learn(papers: readonly PagePaper[], url: URL): void {
  if (papers.length === 0) return;
  send('papers/learn', { papers: [...papers], url: url.href }).catch(() => {
    // Learning is best effort: a page must never break because the corpus could not grow.
  });
}
