/**
 * A harvest survives a browser restart: the browser is closed while arXiv's Retry-After wait is running,
 * and the same profile opened again carries on from the stored resumption token once the wait is over.
 * (Closing during the wait also keeps the restarted worker's first request after the test's responder
 * is attached: a worker starts with the browser, before any route can be set.)
 */
import { launch } from '../../src/cli/browser';
import { expect, test } from './harness';
import { build, OaiResponder, progress, START } from './oai-responder';

test.describe.configure({ timeout: 150_000 });

test('the harvest resumes where it stopped after the browser is closed and opened again', async ({ session }) => {
  const before = new OaiResponder();
  await before.attach(session.context);
  before.script.push(undefined, { status: 503, retryAfter: '20' });
  const page = await session.extensionPage('welcome.html');
  await build(page, []);
  await expect(page.locator('[data-section="harvest-wait"]')).toContainText('Retry-After: 20', { timeout: 20_000 });
  const busyAt = before.asked[1]?.at ?? 0;
  await session.close({ keepProfile: true });

  const again = await launch({ profileDir: session.profileDir });
  const after = new OaiResponder();
  await after.attach(again.context);
  try {
    const w = await again.extensionPage('welcome.html');
    await expect(progress(w)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(w.locator('[data-stat="harvest-records"]')).toHaveText('7');
    // On from the stored token (page 2), after the wait arXiv asked for; not from the start.
    expect(after.asked.map((a) => a.url.searchParams.get('resumptionToken'))).toEqual(['6930213|1001', '6930213|2001']);
    expect((after.asked[0]?.at ?? 0) - busyAt).toBeGreaterThanOrEqual(19_900);
    expect(before.params(0)).toMatchObject({ set: 'cs:cs:LG', from: START });
    expect(again.escaped).toEqual([]);
  } finally {
    await again.close();
  }
});
