/**
 * "Build from arXiv" in real Chromium, against a local OAI-PMH responder replaying recorded responses
 * (tests/e2e/oai-responder.ts): pages joined by resumption tokens, a 503 Retry-After, a cut connection, a
 * bad token; progress on the welcome and options pages; pause, resume, cancel; the harvest carrying on
 * with its tab closed and after the service worker is stopped mid-request (a browser restart is in
 * harvest-restart.spec.ts).
 *
 * The browser's permission prompt cannot be answered by automation, so each test answers it on the page
 * (`answerPermissionPrompt`) before clicking, as the user would.
 */
import type { Page } from '@playwright/test';
import { stopServiceWorkers } from '../bench/overlay.bench';
import { oaiFixture } from '../support/oai';
import { expect, type Session, test } from './harness';
import { answerPermissionPrompt, build, OaiResponder, progress, START } from './oai-responder';

test.describe.configure({ timeout: 150_000 });

async function welcome(session: Session): Promise<Page> {
  const page = await session.extensionPage('welcome.html');
  await expect(page.locator('[data-stat="papers"]')).not.toHaveText('…');
  return page;
}

async function harvestStatus(session: Session) {
  const page = await session.extensionPage('popup.html');
  const r = (await page.evaluate("chrome.runtime.sendMessage({ type: 'harvest/status', data: {} })")) as {
    ok: boolean;
    value: {
      harvest: { id: string; status: string; totals: { read: number; added: number; requests: number } } | null;
    };
  };
  await page.close();
  return r.value.harvest;
}

test.describe('build from arXiv', () => {
  let oai: OaiResponder;
  test.beforeEach(async ({ session }) => {
    oai = new OaiResponder();
    await oai.attach(session.context);
  });
  test.afterEach(async ({ session }) => {
    await oai.detach(session.context);
  });

  test('asks nothing of arXiv until allowed: refusing the permission sends no request', async ({ session }) => {
    const page = await welcome(session);
    await page.locator('[data-field="harvest-start"]').fill(START);
    await answerPermissionPrompt(page, false);
    await page.locator('[data-action="build-from-arxiv"]').click();
    await expect(page.locator('[data-section="harvest-message"]')).toHaveText(
      'Paperlens was not given access to oaipmh.arxiv.org, so nothing was asked of arXiv.',
    );
    expect(oai.asked).toEqual([]);
    expect(await harvestStatus(session)).toBeNull();
    await page.close();
  });

  test('builds a corpus over pages and tokens, through a 503 Retry-After and a cut connection, searchable as it lands', async ({
    session,
  }) => {
    // Request 2 is answered 503 Retry-After: 4; the next one (the same page again) has its connection cut.
    oai.script.push(undefined, { status: 503, retryAfter: '4' }, { cut: true });
    const page = await welcome(session);
    await expect(page.locator('[data-stat="papers"]')).toHaveText('49');
    await build(page, ['stat.ML']);
    await expect(progress(page)).toHaveAttribute('data-state', 'running');
    await expect(page.locator('[data-stat="harvest-set"]')).toHaveText('cs.LG');
    await expect(page.locator('[data-section="harvest-window"]')).toContainText('cs:cs:LG');

    // arXiv's wait is shown while it lasts.
    const wait = page.locator('[data-section="harvest-wait"]');
    await expect(wait).toHaveAttribute('data-reason', 'retry-after');
    await expect(wait).toContainText('HTTP 503 with Retry-After: 4');

    // Papers of the first page are searchable while the harvest goes on.
    const popup = await session.extensionPage('popup.html');
    await popup.locator('input[type="search"]').fill('sparse mixture routing');
    await expect(popup.locator('[data-section="results"] [data-paper-id="2611.20101"]')).toBeVisible();
    await popup.close();

    await expect(page.locator('[data-section="harvest-wait"][data-reason="retry"]')).toContainText(
      /arXiv could not be reached .*Trying again in 10 s/,
      { timeout: 20_000 },
    );
    await expect(progress(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.locator('[data-stat="harvest-records"]')).toHaveText('9');
    await expect(page.locator('[data-stat="harvest-added"]')).toHaveText('8');
    await expect(page.locator('[data-stat="papers"]')).toHaveText('57');

    expect(oai.asked.map((_, i) => oai.params(i).resumptionToken ?? oai.params(i).set)).toEqual([
      'cs:cs:LG',
      '6930213|1001', // 503
      '6930213|1001', // cut
      '6930213|1001',
      '6930213|2001',
      'stat:stat:ML',
    ]);
    expect(oai.params(0)).toMatchObject({ metadataPrefix: 'arXiv', from: START });
    // One request at a time, at least 3 s apart; the Retry-After and the back-off were waited out.
    const gaps = oai.gaps();
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(2900);
    expect(gaps[1]).toBeGreaterThanOrEqual(3900);
    expect(gaps[2]).toBeGreaterThanOrEqual(9900);

    // The options page shows the harvest and lists it as one import.
    const options = await session.extensionPage('options.html');
    await expect(
      options.locator('[data-section="harvest-settings"] [data-section="harvest-progress"]'),
    ).toHaveAttribute('data-state', 'done');
    await expect(options.locator('[data-section="imports"] tr[data-import-id^="harvest-"]')).toContainText(
      'arXiv OAI-PMH: cs.LG, stat.ML from 2026-11-23',
    );
    await options.close();
    await page.close();
  });

  test('carries on with its tab closed, and after the worker is stopped in the middle of a request', async ({
    session,
  }) => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // The second request is held: the worker is stopped while it waits for arXiv.
    oai.script.push(undefined, { hold: held });
    const page = await welcome(session);
    await build(page, [], 'build-from-arxiv');
    await expect.poll(() => oai.asked.length, { timeout: 20_000 }).toBe(2);
    await page.close();
    await stopServiceWorkers(session.context);
    release();
    // Nothing is open; the alarm set before the request brings a worker back, or any extension event
    // does: opening the welcome page asks for progress.
    const again = await welcome(session);
    await expect(progress(again)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    // The page whose answer was lost is asked for again; nothing is counted twice.
    expect(oai.asked.map((_, i) => oai.params(i).resumptionToken ?? oai.params(i).set)).toEqual([
      'cs:cs:LG',
      '6930213|1001',
      '6930213|1001',
      '6930213|2001',
    ]);
    for (const g of oai.gaps()) expect(g).toBeGreaterThanOrEqual(2900);
    expect((await harvestStatus(session))?.totals).toMatchObject({ read: 7, added: 0 });
    await again.close();
  });

  test('a bad resumption token restarts the window; badArgument stops with the reason until resumed', async ({
    session,
  }) => {
    const bad = (name: string) => ({ body: oaiFixture(name) });
    oai.script.push(undefined, bad('badResumptionToken.xml'), bad('badArgument.xml'));
    const page = await welcome(session);
    await build(page, []);
    const error = page.locator('[data-section="harvest-error"]');
    await expect(error).toHaveAttribute('data-kind', 'oai', { timeout: 30_000 });
    await expect(error).toContainText('arXiv refused the request: OAI-PMH error badArgument');
    await expect(progress(page)).toHaveAttribute('data-state', 'error');
    // After the lost token, the window was asked for again from its start.
    expect(oai.params(2)).toMatchObject({ set: 'cs:cs:LG', from: START });
    await page.locator('[data-action="harvest-resume"]').click();
    await expect(progress(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    expect((await harvestStatus(session))?.totals.read).toBe(7);
    await page.close();
  });

  test('pause, resume and cancel from the settings page; cancelled papers stay as an import', async ({ session }) => {
    const page = await session.extensionPage('options.html');
    const panel = page.locator('[data-section="harvest-settings"]');
    await build(page, [], 'harvest-start');
    await expect.poll(() => oai.asked.length, { timeout: 20_000 }).toBe(1);
    await panel.locator('[data-action="harvest-pause"]').click();
    await expect(panel.locator('[data-section="harvest-progress"]')).toHaveAttribute('data-state', 'paused');
    const asked = oai.asked.length;
    await page.waitForTimeout(4000);
    expect(oai.asked.length).toBe(asked);
    await panel.locator('[data-action="harvest-resume"]').click();
    await expect.poll(() => oai.asked.length, { timeout: 20_000 }).toBe(asked + 1);
    await panel.locator('[data-action="harvest-cancel"]').click();
    await expect(panel.locator('[data-section="harvest-progress"]')).toHaveAttribute('data-state', 'cancelled');
    const after = oai.asked.length;
    await page.waitForTimeout(4000);
    expect(oai.asked.length).toBe(after);
    const id = (await harvestStatus(session))?.id;
    await page.reload();
    await expect(page.locator(`[data-section="imports"] tr[data-import-id="${id}"]`)).toHaveAttribute(
      'data-import-state',
      'done',
    );
    await page.close();
  });

  test('daily update: an alarm a day after the build', async ({ session }) => {
    const page = await welcome(session);
    await page.locator('[data-field="harvest-daily"]').check();
    await build(page, []);
    await expect(progress(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(page.locator('[data-action="harvest-daily"]')).toBeChecked();
    await expect(page.locator('[data-stat="harvest-next-update"]')).toContainText('next update');
    const alarm = (await session.worker.evaluate("chrome.alarms.get('paperlens-harvest')")) as {
      scheduledTime: number;
    };
    expect(alarm.scheduledTime - Date.now()).toBeGreaterThan(23 * 3600_000);
    await page.locator('[data-action="harvest-daily"]').uncheck();
    await expect.poll(() => session.worker.evaluate("chrome.alarms.get('paperlens-harvest')")).toBeFalsy();
    await page.close();
  });
});
