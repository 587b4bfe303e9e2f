/**
 * Badges on the current tab on demand: the popup's "Scan this page" injects the unlisted script
 * `scan.js` (entrypoints/scan.ts: the site's adapter, else the generic recogniser). Works on any tab
 * through activeTab, with no standing host permission; injecting twice rescans (one overlay per page).
 */
import { browser } from 'wxt/browser';

export async function showBadges(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['/scan.js'] });
    return true;
  } catch {
    // chrome:// pages, the web store, a tab the user has not granted: the popup's list still works.
    return false;
  }
}
