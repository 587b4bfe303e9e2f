/**
 * The welcome page opens once, when Paperlens is installed (not on updates or browser restarts). A flag
 * in storage.local backs up the install reason: a profile that already saw it never gets it again, even
 * if the browser reports the install twice (an unpacked extension reloaded from the command line).
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

const shown = storage.defineItem<boolean>('local:welcomeShown', { fallback: false });

export const WELCOME_PATH = '/welcome.html';

export async function openWelcomeOnce(reason: string): Promise<boolean> {
  if (reason !== 'install' || (await shown.getValue())) return false;
  await shown.setValue(true);
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
  return true;
}
