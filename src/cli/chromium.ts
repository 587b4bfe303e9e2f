/** Finding a Chromium or Chrome to drive: `CHROME_PATH` first, then the usual system locations. */
import { existsSync } from 'node:fs';
import { aptInstall, canApt } from './apt';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.CHROME_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Flags every launch needs here: the extension loaded, and no background traffic of Chromium's own. */
export function chromiumArgs(extensionDir: string, headless: boolean): string[] {
  return [
    ...(headless ? ['--headless=new'] : []),
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
  ];
}

/**
 * Makes sure a browser is there. On Debian/Ubuntu as root it installs Debian's `chromium`; elsewhere
 * it returns a one-line instruction for the user.
 */
export function ensureChromium(
  run: (label: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv) => void,
): { ok: true; path: string } | { ok: false; message: string } {
  const found = findChromium();
  if (found) return { ok: true, path: found };
  if (process.env.CHROME_PATH)
    return {
      ok: false,
      message: `CHROME_PATH=${process.env.CHROME_PATH} does not exist; point it at Chromium or Chrome.`,
    };
  if (!canApt())
    return {
      ok: false,
      message:
        'No Chromium found: install Chromium or Chrome (e.g. `sudo apt-get install chromium`) or set CHROME_PATH.',
    };
  console.log('No Chromium found; installing Debian’s chromium with apt-get…');
  aptInstall(run, 'chromium');
  const installed = findChromium();
  return installed
    ? { ok: true, path: installed }
    : { ok: false, message: 'apt-get ran but no chromium binary appeared.' };
}
