/**
 * Accessibility (issue 15): axe-core over every view Paperlens shows, in the light and the dark theme,
 * with no serious or critical violation; a visible focus indicator on everything the keyboard reaches.
 * In Chromium: the audit judges markup and styles, which are the same in Firefox.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR } from '../../src/cli/browser';
import { type Finding, seriousViolations } from './axe';
import { expect, panelFor, type Session, setSettings, test } from './harness';
import { answerHtml, FIXTURE_FLOATS } from './html-responder';

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

/** Extension pages audited as they open, with a saved paper in the reading list. A new page is one line. */
const EXTENSION_PAGES = [
  'options.html',
  'library.html',
  'library.html#paper=2210.16859',
  'library.html#corpus',
  'library.html#backup',
  ...(existsSync(join(EXTENSION_DIR, 'welcome.html')) ? ['welcome.html'] : []),
];

const HOSTS = '[data-paperlens]';

/** Waits until the page (or every Paperlens host on it) carries the theme, then audits it. */
async function audit(page: Page, theme: Theme, within?: string): Promise<Finding[]> {
  await expect
    .poll(() =>
      page.evaluate(
        ([sel, t]) =>
          sel
            ? Array.from(document.querySelectorAll(sel)).every((h) => h.getAttribute('data-pl-theme') === t)
            : document.documentElement.getAttribute('data-pl-theme') === t,
        [within, theme] as const,
      ),
    )
    .toBe(true);
  return seriousViolations(page, within);
}

/** What has the keyboard focus (through shadow roots), and whether it shows it. */
const focusState = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const ring = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const root = el.getRootNode();
    return {
      key: `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`,
      visible: ring || style.boxShadow !== 'none',
      inHost: root instanceof ShadowRoot && root.host.hasAttribute('data-paperlens'),
    };
  });

/**
 * Tabs through the page (from whatever has the focus) and answers every control reached, and those that
 * showed no focus indicator. Stops when the focus comes round again, or leaves Paperlens's hosts.
 */
async function tabThrough(page: Page, options: { onlyHosts?: boolean } = {}) {
  const seen: string[] = [];
  const unseen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const f = await focusState(page);
    if (!f) continue;
    if (options.onlyHosts && !f.inHost) break;
    // A key press that did not move the focus (a page still rendering) is not the end of the walk.
    if (f.key === seen[seen.length - 1]) continue;
    if (f.key === seen[0]) break;
    seen.push(f.key);
    if (!f.visible) unseen.push(f.key);
  }
  return { seen, unseen };
}

const clean = (findings: Finding[]) => expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);

async function saveOne(session: Session) {
  const page = await session.open('https://arxiv.org/abs/2210.16859');
  const panel = await panelFor(page, '2210.16859');
  // The panel's data (its saved state among it) is in once related work shows.
  await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
  const save = panel.locator('[data-action="save"]');
  await expect(save).toHaveAttribute('aria-pressed', /true|false/);
  if ((await save.getAttribute('aria-pressed')) === 'false') await save.click();
  await expect(save).toHaveAttribute('aria-pressed', 'true');
  await page.close();
}

test.describe('the accessibility check itself', () => {
  test('finds violations inside an open shadow root (where Paperlens renders)', async ({ session }) => {
    const page = await session.open('https://a11y.test/shadow-broken');
    const findings = await seriousViolations(page, HOSTS);
    const rules = findings.map((f) => f.rule);
    expect(rules).toContain('button-name');
    expect(rules).toContain('color-contrast');
    // Each target crosses the shadow root: [[host selector, selector inside it]].
    const targets = findings.flatMap((f) => f.nodes.map((n) => JSON.parse(n.target) as unknown[]));
    expect(targets).toContainEqual([[expect.stringContaining('paperlens-panel'), 'button']]);
    // The light DOM alone is clean, so what was found came from inside the shadow root.
    const outside = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: unknown[] }> } })
        .axe;
      return (await axe.run({ include: ['main'], exclude: ['paperlens-panel'] }, { resultTypes: ['violations'] }))
        .violations.length;
    });
    expect(outside).toBe(0);
    await page.close();
  });
});

test.describe('the focus check itself', () => {
  test('notices a control that hides its focus', async ({ session }) => {
    const page = await session.context.newPage();
    await page.setContent('<button>Shows focus</button><button style="outline: none">Hides focus</button>');
    const { seen, unseen } = await tabThrough(page);
    expect(seen).toEqual(['button "Shows focus"', 'button "Hides focus"']);
    expect(unseen).toEqual(['button "Hides focus"']);
    await page.close();
  });
});

for (const theme of THEMES) {
  test.describe(`accessibility, ${theme} theme`, () => {
    test.beforeEach(async ({ session }) => setSettings(session, { theme }));

    test('the abs panel, open and collapsed', async ({ session }) => {
      const page = await session.open('https://arxiv.org/abs/2210.16859');
      const panel = await panelFor(page, '2210.16859');
      await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
      clean(await audit(page, theme, HOSTS));
      const fold = panel.locator('[data-action="collapse"]');
      await fold.click();
      await expect(fold).toHaveAttribute('aria-expanded', 'false');
      clean(await audit(page, theme, HOSTS));
      await fold.click();
      await expect(fold).toHaveAttribute('aria-expanded', 'true');
      await page.close();
    });

    test('the figures and tables of an HTML page, and of an abs page after "Figures"', async ({ session }) => {
      const html = await answerHtml(session);
      const page = await session.open('https://arxiv.org/html/2503.04567v1');
      const panel = await panelFor(page, '2503.04567');
      await expect(panel.locator('[data-section="figures"] [data-figure]').first()).toBeVisible();
      await expect(panel.locator('[data-state="ready"]')).toHaveCount(1);
      clean(await audit(page, theme, HOSTS));
      const abs = await session.open('https://arxiv.org/abs/2503.04567');
      const absPanel = await panelFor(abs, '2503.04567');
      await absPanel.locator('[data-action="figures"]').click();
      await expect(absPanel.locator('[data-section="figures"] [data-figure]').first()).toBeVisible();
      clean(await audit(abs, theme, HOSTS));
      await html.done();
      await abs.close();
      await page.close();
    });

    test('a listing with a chip expanded into its panel', async ({ session }) => {
      const page = await session.open('https://arxiv.org/list/cs.LG/new');
      await expect(page.locator('[data-paperlens="chip"] [data-chip-state="loading"]')).toHaveCount(0);
      await expect(page.locator('paperlens-chip')).toHaveCount(8);
      await page.locator('[data-paperlens="chip"][data-paper-id="2607.01003"] button').click();
      const panel = await panelFor(page, '2607.01003');
      await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
      clean(await audit(page, theme, HOSTS));
      await page.close();
    });

    test('a Scholar badge with its panel open', async ({ session }) => {
      const page = await session.open('https://scholar.google.com/scholar?q=neural+scaling+laws');
      await expect(page.locator('paperlens-badge')).toHaveCount(5);
      await page.locator('[data-paperlens="badge"][data-paper-id="2409.17858"] button').click();
      const panel = await panelFor(page, '2409.17858');
      await expect(panel.locator('[data-author]').first()).toBeVisible();
      clean(await audit(page, theme, HOSTS));
      await page.close();
    });

    test('the popup with results', async ({ session }) => {
      const popup = await session.extensionPage('popup.html');
      await popup.locator('input[type="search"]').pressSequentially('scaling laws');
      await expect(popup.locator('[data-section="results"] [data-paper-id]').first()).toBeVisible();
      clean(await audit(popup, theme));
      await popup.close();
    });

    for (const path of EXTENSION_PAGES)
      test(`the extension page ${path}`, async ({ session }) => {
        await saveOne(session);
        const page = await session.extensionPage(path);
        await expect(page.locator('main, body > div').first()).toBeVisible();
        await expect(page.getByText('Loading…')).toHaveCount(0);
        clean(await audit(page, theme));
        await page.close();
      });
  });
}

test.describe('visible keyboard focus', () => {
  for (const path of ['popup.html', ...EXTENSION_PAGES])
    test(`every control of ${path} shows the focus`, async ({ session }) => {
      await saveOne(session);
      const page = await session.extensionPage(path);
      if (path === 'popup.html') await page.locator('input[type="search"]').pressSequentially('scaling laws');
      await expect(page.getByText('Loading…')).toHaveCount(0);
      await expect(page.locator('h1').first()).toBeVisible();
      const { seen, unseen } = await tabThrough(page);
      expect(seen.length).toBeGreaterThan(2);
      expect(unseen).toEqual([]);
      await page.close();
    });

  test('every control of the abs panel and of a listing chip shows the focus', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    const panel = await panelFor(page, '2210.16859');
    await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
    await panel.locator('[data-action="collapse"]').focus();
    const inPanel = await tabThrough(page, { onlyHosts: true });
    expect(inPanel.seen.length).toBeGreaterThan(5);
    expect(inPanel.unseen).toEqual([]);
    const listing = await session.open('https://arxiv.org/list/cs.LG/new');
    await expect(listing.locator('paperlens-chip')).toHaveCount(8);
    const chip = listing.locator('[data-paperlens="chip"][data-paper-id="2607.01003"] button');
    await chip.focus();
    await listing.keyboard.press('Enter');
    await expect(listing.locator('paperlens-panel')).toHaveCount(1);
    // The inline panel takes the focus; from there every control in it.
    const inline = await tabThrough(listing, { onlyHosts: true });
    expect(inline.seen.length).toBeGreaterThan(3);
    expect(inline.unseen).toEqual([]);
    await listing.close();
    await page.close();
  });

  test('every control of an HTML page’s panel, each figure and table among them, shows the focus', async ({
    session,
  }) => {
    const html = await answerHtml(session);
    const page = await session.open('https://arxiv.org/html/2503.04567v1');
    const panel = await panelFor(page, '2503.04567');
    await expect(panel.locator('[data-state="ready"]')).toHaveCount(1);
    await panel.locator('[data-action="collapse"]').focus();
    const { seen, unseen } = await tabThrough(page, { onlyHosts: true });
    expect(seen).toContainEqual(expect.stringMatching(/^a "Table 1: Fitted exponents/));
    expect(seen.filter((k) => /^a "(Figure|Table|Algorithm) \d/.test(k))).toHaveLength(FIXTURE_FLOATS.length);
    expect(unseen).toEqual([]);
    await html.done();
    await page.close();
  });
});

test.describe('names a screen reader reads', () => {
  test('the panel’s and a chip’s controls say what they do, without their decoration', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    const panel = await panelFor(page, '2210.16859');
    await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
    await expect(panel.getByRole('region')).toHaveAccessibleName('Paperlens: A Solvable Model of Neural Scaling Laws');
    await expect(panel.locator('[data-action="collapse"]')).toHaveAccessibleName('Hide Paperlens details');
    // The star is aria-hidden: "Save" (a toggle button, its state in aria-pressed), not "white star Save".
    await expect(panel.locator('[data-action="save"]')).toHaveAccessibleName(/^(Save|Saved)$/);
    await expect(panel.locator('[data-action="copy-bibtex"]')).toHaveAccessibleName('Copy BibTeX');
    const related = panel.locator('[data-section="related"] [data-paper-id]').first();
    const title = (await related.locator('.pl-rel-title').textContent()) ?? '';
    await expect(related.locator('[data-action="save-related"]')).toHaveAccessibleName(`Save ${title}`);
    const listing = await session.open('https://arxiv.org/list/cs.LG/new');
    const chip = listing.locator('[data-paperlens="chip"][data-paper-id="2210.16859"] button');
    await expect(listing.locator('[data-paperlens="chip"] [data-chip-state="loading"]')).toHaveCount(0);
    await expect(chip).toHaveAccessibleName(
      /^Paperlens, (in your corpus|saved): [^,]+( ?, [^,]+)* ?, \d+ related ?; details for A Solvable Model of Neural Scaling Laws$/,
    );
    await chip.click();
    await expect(listing.locator('paperlens-panel [data-action="close"]')).toHaveAccessibleName(
      'Close the Paperlens panel',
    );
    await listing.close();
    await page.close();
  });

  test('figures are named by their label and caption, the "Figures" button by what it does', async ({ session }) => {
    const html = await answerHtml(session);
    const page = await session.open('https://arxiv.org/abs/2503.04567');
    const panel = await panelFor(page, '2503.04567');
    const button = panel.locator('[data-action="figures"]');
    await expect(button).toHaveAccessibleName('Figures');
    await button.click();
    const section = panel.locator('[data-section="figures"]');
    await expect(section.getByRole('list')).toHaveAccessibleName('Figures and tables');
    await expect(section.getByRole('link').first()).toHaveAccessibleName(
      'Figure 1: Forgetting falls as the number of experts E grows, e.g. by 30% at E=64.',
    );
    await expect(section.getByRole('table').first()).toHaveAccessibleName('First cells of Table 1');
    await html.done();
    await page.close();
  });
});
