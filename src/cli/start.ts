/**
 * `npm start` (after `wxt build`): opens Chromium with Paperlens loaded at an arXiv abstract page.
 *
 * - Uses the system Chromium/Chrome (`CHROME_PATH` overrides); installs Debian's chromium as root.
 * - When arxiv.org can't be reached, serves the bundled demo pages (tests/fixtures/pages) instead.
 * - With no display, runs headless, writes screenshots of the overlay, the popup, the library page and
 *   the welcome page (with a harvest from arXiv's recorded OAI-PMH answers when offline) to
 *   `.output/demo/`, prints their paths and exits.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { oaiFixture, recordedFile } from '../../tests/support/oai';
import { launch, panelFor, ROOT } from './browser';
import { ensureChromium } from './chromium';

const DEMO_PAPER = '2210.16859';
const DEMO_URL = `https://arxiv.org/abs/${DEMO_PAPER}`;
const OUT = join(ROOT, '.output/demo');

async function arxivReachable(): Promise<boolean> {
  try {
    const r = await fetch('https://arxiv.org/', { method: 'HEAD', signal: AbortSignal.timeout(4000) });
    return r.status < 500;
  } catch {
    return false;
  }
}

function hasDisplay(): boolean {
  if (process.env.PAPERLENS_HEADLESS === '1') return false;
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

const browser = ensureChromium((label, cmd, args, env) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${label} failed`);
});
if (!browser.ok) {
  console.error(`npm start: ${browser.message}`);
  process.exit(1);
}

const online = await arxivReachable();
const headed = hasDisplay();
console.log(
  `Paperlens: ${online ? 'arxiv.org is reachable: live pages' : 'arxiv.org is not reachable: serving demo pages'}, ` +
    `${headed ? 'opening a browser window' : 'no display: headless, writing screenshots'}.`,
);

const session = await launch({ headless: !headed, offline: !online, viewport: { width: 1280, height: 900 } });

if (headed) {
  const page = await session.open(DEMO_URL);
  await page.bringToFront();
  console.log(`Opened ${DEMO_URL}. Click the Paperlens icon for the popup; close the window to quit.`);
  await new Promise<void>((resolve) => session.context.on('close', () => resolve()));
  process.exit(0);
}

mkdirSync(OUT, { recursive: true });
const shots: string[] = [];
const page = await session.open(DEMO_URL);
const panel = await panelFor(page, DEMO_PAPER);
await panel.locator('[data-corpus-state="true"], [data-corpus-state="false"]').waitFor();
await panel.locator('[data-action="save"]').click();
await panel.locator('[data-action="save"][aria-pressed="true"]').waitFor();
await panel.scrollIntoViewIfNeeded();
shots.push(join(OUT, 'overlay.png'));
await page.screenshot({ path: shots.at(-1)!, fullPage: true });

const popup = await session.extensionPage('popup.html');
await popup.setViewportSize({ width: 440, height: 560 });
await popup.locator('input[type="search"]').pressSequentially('scaling laws');
await popup.locator('[data-section="results"] [data-paper-id]').first().waitFor();
shots.push(join(OUT, 'popup.png'));
await popup.screenshot({ path: shots.at(-1)! });

const library = await session.extensionPage('library.html');
await library.locator('[data-reading-list-item]').first().waitFor();
shots.push(join(OUT, 'library.png'));
await library.screenshot({ path: shots.at(-1)!, fullPage: true });

const welcome = await session.extensionPage('welcome.html');
await welcome.locator('[data-stat="papers"]').filter({ hasNotText: '…' }).waitFor();
shots.push(join(OUT, 'welcome.png'));
await welcome.screenshot({ path: shots.at(-1)!, fullPage: true });

if (!online) {
  // Offline, arXiv's OAI-PMH interface is played back from its recorded answers, like the demo pages:
  // a harvest under way, for the screenshot. (The permission prompt needs a person; the demo starts it
  // with the message the button sends.)
  await session.context.route('https://oaipmh.arxiv.org/**', (route) =>
    route.fulfill({
      contentType: 'text/xml; charset=utf-8',
      headers: { 'access-control-allow-origin': '*' },
      body: oaiFixture(recordedFile(new URL(route.request().url()))),
    }),
  );
  await welcome.evaluate(
    "chrome.runtime.sendMessage({ type: 'harvest/start', data: { categories: ['cs.LG'], start: '2026-11-23' } })",
  );
  await welcome.reload();
  await welcome.locator('[data-stat="harvest-records"]').filter({ hasNotText: /^0$/ }).waitFor({ timeout: 30_000 });
  const build = welcome.locator('[data-section="build-from-arxiv"]');
  await build.scrollIntoViewIfNeeded();
  shots.push(join(OUT, 'welcome-harvest.png'));
  await build.screenshot({ path: shots.at(-1)! });
}

await session.close();
console.log('Screenshots:');
for (const s of shots) console.log(`  ${s}`);
