/**
 * The panel's figures and tables (issue 16): on an arXiv HTML page, every float of the page in order,
 * each jumping to its place; on an abs page, nothing asked of arxiv.org/html until "Figures" is clicked,
 * then one request and the same list. arxiv.org/html is answered by ./html-responder.ts, which records
 * every request.
 */
import { expect, panelFor, test } from './harness';
import { answerHtml, FIXTURE_FLOATS } from './html-responder';

const LABELS = FIXTURE_FLOATS.map((f) => f.label);
const KINDS = FIXTURE_FLOATS.map((f) => f.kind);

test.describe('figures and tables in the panel', () => {
  test('an HTML page lists every figure and table in order, with thumbnails, cells and captions as text', async ({
    session,
  }) => {
    const html = await answerHtml(session);
    const page = await session.open('https://arxiv.org/html/2503.04567v1');
    const panel = await panelFor(page, '2503.04567');
    const section = panel.locator('[data-section="figures"]');
    await expect(section).toHaveAttribute('data-figures-state', 'ready');
    const items = section.locator('[data-figure]');
    await expect(items).toHaveCount(LABELS.length);
    expect(await items.locator('.pl-fig-label').allTextContents()).toEqual(LABELS);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(KINDS);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')))).toEqual(
      FIXTURE_FLOATS.map((f) => f.id),
    );
    await expect(items.first()).toContainText('Figure 1: Forgetting falls as the number of experts E grows');

    // The thumbnail is the page's own image URL: the page loaded it, the panel's copy asks for nothing more.
    const pageImage = await page.evaluate(() => (document.querySelector('#S1\\.F1 img') as HTMLImageElement).src);
    await expect(items.first().locator('img')).toHaveAttribute('src', pageImage);
    await expect
      .poll(() =>
        items
          .first()
          .locator('img')
          .evaluate((i: HTMLImageElement) => i.naturalWidth),
      )
      .toBe(1);
    expect(html.asked.filter((a) => a.url === pageImage)).toHaveLength(1);
    // A table shows its first cells; a figure whose image is missing, only its label and caption.
    await expect(items.nth(2).locator('table.pl-cells th')).toHaveText(['Model', 'Experts', '\\alpha']);
    await expect(items.nth(4).locator('img')).toHaveCount(0);
    await expect(items.nth(4)).toContainText('Figure 3: Router entropy over training');

    // The hostile caption is text: its markup shows as characters, its script's text is left out.
    await expect(items.nth(7)).toContainText('<img src=x onerror=alert(1)> bold results');
    await expect(items.nth(7)).not.toContainText('pwned');
    expect(await panel.locator('script, iframe, b').count()).toBe(0);

    // Each item jumps to its float, from the keyboard, and the focus goes with it.
    await items.nth(2).locator('a').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('S2.T1');
    const top = await page.evaluate(() => document.getElementById('S2.T1')?.getBoundingClientRect().top ?? -1);
    expect(Math.abs(top)).toBeLessThan(5);
    expect(html.pages()).toEqual(['https://arxiv.org/html/2503.04567v1']);
    await html.done();
    await page.close();
  });

  test('an abs page asks nothing of arxiv.org/html until "Figures" is clicked, then lists the same', async ({
    session,
  }) => {
    const html = await answerHtml(session);
    const page = await session.open('https://arxiv.org/abs/2503.04567');
    const panel = await panelFor(page, '2503.04567');
    await expect(panel.locator('[data-state="ready"]')).toHaveCount(1);
    const section = panel.locator('[data-section="figures"]');
    await expect(section).toHaveAttribute('data-figures-state', 'idle');
    await expect(section.locator('[data-figure]')).toHaveCount(0);
    expect(html.asked).toEqual([]);

    await section.locator('[data-action="figures"]').click();
    const items = section.locator('[data-figure]');
    await expect(items).toHaveCount(LABELS.length);
    expect(await items.locator('.pl-fig-label').allTextContents()).toEqual(LABELS);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(KINDS);
    // One request for the HTML version (the version the abs page links to); then only its images.
    expect(html.pages()).toEqual(['https://arxiv.org/html/2503.04567v1']);
    expect(html.asked.filter((a) => a.type !== 'image' && a.type !== 'fetch')).toEqual([]);
    for (const a of html.asked.filter((x) => x.type === 'image'))
      expect(a.url).toMatch(/^https:\/\/arxiv\.org\/html\/2503\.04567v1\//);
    await expect(items.first().locator('a')).toHaveAttribute('href', 'https://arxiv.org/html/2503.04567v1#S1.F1');
    await expect(items.first().locator('img')).toHaveAttribute('src', 'https://arxiv.org/html/2503.04567v1/x1.png');
    // The focus lands on the list the click brought.
    await expect
      .poll(() =>
        page.evaluate(() => {
          let el = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return el?.className ?? '';
        }),
      )
      .toBe('pl-fig-result');
    await html.done();
    await page.close();
  });

  test('an old paper without an HTML version says so; a failed request says so and can be tried again', async ({
    session,
  }) => {
    const html = await answerHtml(session, { fail: 1 });
    const old = await session.open('https://arxiv.org/abs/hep-th/9901001');
    const oldPanel = await panelFor(old, 'hep-th/9901001');
    const oldSection = oldPanel.locator('[data-section="figures"]');
    await expect(html.asked).toEqual([]);
    // The first request fails as if offline: a message and "Try again", which then reaches the 404.
    await oldSection.locator('[data-action="figures"]').click();
    await expect(oldSection).toHaveAttribute('data-figures-state', 'error');
    await expect(oldSection).toContainText('Could not reach arxiv.org');
    await oldSection.getByRole('button', { name: 'Try again' }).click();
    await expect(oldSection).toHaveAttribute('data-figures-state', 'none');
    await expect(oldSection).toContainText('arXiv has no HTML version of this paper');
    await expect(oldSection.locator('[data-figure]')).toHaveCount(0);
    expect(html.pages()).toEqual(['https://arxiv.org/html/hep-th/9901001', 'https://arxiv.org/html/hep-th/9901001']);
    await html.done();
    await old.close();
  });
});
