/**
 * The context-menu entry on links to papers and the keyboard command that saves the active tab's paper.
 * Both save (never unsave), and say so on the toolbar badge for a moment.
 */
import { browser } from 'wxt/browser';
import { absUrl, arxivIdFromUrl } from '../core/ids';
import type { ArxivId } from '../core/paper';
import type { Handlers } from './handlers';

const MENU_ID = 'paperlens-save-link';
/** Links to a paper on arXiv: abstract, PDF and HTML pages, with or without www / export. */
export const PAPER_LINK_PATTERNS = ['abs', 'pdf', 'html'].flatMap((kind) => [
  `https://arxiv.org/${kind}/*`,
  `https://*.arxiv.org/${kind}/*`,
  `http://arxiv.org/${kind}/*`,
]);

/** Saves a paper by id: from the corpus when it is there, else as the link named it. */
export async function savePaperById(handlers: Handlers, id: ArxivId, title?: string): Promise<boolean> {
  const [known] = (await handlers['badges/recognise']({ entries: [{ id }] })).papers;
  if (known?.saved) return true;
  if (known?.inCorpus) return (await handlers['readingList/add']({ ids: [id] })).added === 1;
  const paper = { id, title: title?.trim() || `arXiv:${id}`, authors: [], url: absUrl(id) };
  return (await handlers['readingList/toggle']({ paper })).saved;
}

interface BadgeText {
  setBadgeText(details: { text: string }): Promise<void>;
}

/**
 * The toolbar button: `action` in Manifest V3 (Chrome), `browserAction` in Manifest V2 (the Firefox build,
 * where `action` is undefined and the badge used to throw instead of showing).
 */
export function toolbarButton(api: { action?: BadgeText; browserAction?: BadgeText }): BadgeText | undefined {
  return api.action ?? api.browserAction;
}

async function flash(text: string) {
  const button = toolbarButton(browser as unknown as Parameters<typeof toolbarButton>[0]);
  if (!button) return;
  await button.setBadgeText({ text });
  setTimeout(() => void button.setBadgeText({ text: '' }), 2500);
}

export function registerMenusAndCommands(handlers: Handlers): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: MENU_ID,
      title: 'Save paper to Paperlens',
      contexts: ['link'],
      targetUrlPatterns: PAPER_LINK_PATTERNS,
    });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== MENU_ID || !info.linkUrl) return;
    const parsed = arxivIdFromUrl(new URL(info.linkUrl));
    if (!parsed) return;
    // Firefox gives the link's text; Chrome does not.
    const linkText = (info as { linkText?: string }).linkText;
    void savePaperById(handlers, parsed.id, linkText).then((ok) => flash(ok ? '✓' : '!'));
  });
  browser.commands?.onCommand.addListener((command) => {
    if (command !== 'save-current-paper') return;
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      const parsed = tab?.url ? arxivIdFromUrl(new URL(tab.url)) : undefined;
      if (!parsed) return flash('?');
      const title = tab?.title?.replace(/^\[[^\]]+\]\s*/, '');
      await flash((await savePaperById(handlers, parsed.id, title)) ? '✓' : '!');
    })();
  });
}
