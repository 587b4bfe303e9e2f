import { expect, panelFor, type Session, setSettings, test } from './harness';

test.describe('arXiv abstract page panel', () => {
  test('shows authors linked to the library with their corpus papers, related work, topics and BibTeX', async ({
    session,
  }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859v2');
    const panel = await panelFor(page, '2210.16859');
    const authors = panel.locator('[data-section="authors"] [data-author]');
    await expect(authors).toHaveCount(3);
    await expect(authors.first()).toHaveAttribute('href', /^chrome-extension:\/\/[a-p]{32}\/library\.html#author=/);
    await expect(panel.locator('[data-author-facts]').first()).toContainText('in corpus');
    const related = panel.locator('[data-section="related"] [data-paper-id]');
    await expect(related.first()).toBeVisible();
    const ids = await related.evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id')));
    expect(ids).not.toContain('2210.16859');
    await expect(related.first().locator('.pl-reason')).not.toBeEmpty();
    const topic = panel.locator('[data-section="topics"] [data-topic] a').first();
    await expect(topic).toHaveAttribute('title', /.+/);
    await expect(topic).toHaveAttribute('href', /library\.html#topic=/);
    // Clicking a tag opens the library filtered by it (pages cannot open extension pages themselves).
    const [library] = await Promise.all([session.context.waitForEvent('page'), topic.click()]);
    await library.waitForLoadState('domcontentloaded');
    expect(library.url()).toMatch(/\/library\.html#topic=/);
    await library.close();
    const copy = panel.locator('[data-action="copy-bibtex"]');
    await copy.click();
    await expect(copy).toHaveText('Copied');
    await page.close();
  });

  test('a paper outside the corpus, with an old-style id, still gets authors, related work, tags and its code link', async ({
    session,
  }) => {
    const page = await session.open('https://arxiv.org/abs/hep-th/9901001v1');
    const panel = await panelFor(page, 'hep-th/9901001');
    await expect(panel.locator('[data-corpus-state]')).toHaveAttribute('data-corpus-state', 'false');
    await expect(panel.locator('[data-author]')).toHaveText(['Yonatan Kahn', 'Daniel A. Roberts']);
    await expect(panel.locator('[data-author-facts]').nth(1)).toContainText(/\d+ in corpus/);
    await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
    await expect(panel.locator('[data-section="topics"] [data-topic]').first()).toBeVisible();
    await expect(panel.locator('[data-section="code"] a')).toHaveAttribute(
      'href',
      'https://github.com/example/large-n-nets',
    );
    // The page's own content stays where it was: the panel comes after the abstract.
    const order = await page.evaluate(() => {
      const host = document.querySelector('paperlens-panel');
      const abs = document.querySelector('blockquote.abstract');
      return host?.previousElementSibling === abs;
    });
    expect(order).toBe(true);
    await page.close();
  });

  test('learns the paper it showed: the popup finds it by title afterwards', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/hep-th/9901001');
    await panelFor(page, 'hep-th/9901001');
    const popup = await session.extensionPage('popup.html');
    await popup.locator('input[type="search"]').pressSequentially('Large-N Matrix Models');
    await expect(popup.locator('[data-section="results"] [data-paper-id="hep-th/9901001"]')).toHaveCount(1);
    await popup.close();
    await page.close();
  });

  test('collapses, remembers that on the next page, and saves a related paper from the panel', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    const panel = await panelFor(page, '2210.16859');
    const fold = panel.locator('[data-action="collapse"]');
    await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
    await fold.focus();
    await page.keyboard.press('Enter');
    await expect(fold).toHaveAttribute('aria-expanded', 'false');
    await expect(panel.locator('[data-section="related"]')).toBeHidden();
    const next = await session.open('https://arxiv.org/abs/hep-th/9901001');
    const other = await panelFor(next, 'hep-th/9901001');
    await expect(other.locator('[data-action="collapse"]')).toHaveAttribute('aria-expanded', 'false');
    await other.locator('[data-action="collapse"]').click();
    await expect(other.locator('[data-section="authors"]')).toBeVisible();
    const first = other.locator('[data-section="related"] [data-paper-id]').first();
    const id = await first.getAttribute('data-paper-id');
    await first.locator('[data-action="save-related"]').click();
    await expect(first.locator('[data-action="save-related"]')).toHaveAttribute('aria-pressed', 'true');
    const library = await session.extensionPage('library.html');
    await expect(library.locator(`[data-reading-list-item][data-paper-id="${id}"]`)).toHaveCount(1);
    await first.locator('[data-action="save-related"]').click();
    await expect(first.locator('[data-action="save-related"]')).toHaveAttribute('aria-pressed', 'false');
    await library.close();
    await next.close();
    await page.close();
  });

  test('comes back from the back/forward cache with one panel', async ({ session }) => {
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    await panelFor(page, '2210.16859');
    await page.goto('https://arxiv.org/abs/hep-th/9901001');
    await panelFor(page, 'hep-th/9901001');
    await page.goBack();
    const panel = await panelFor(page, '2210.16859');
    await expect(panel.locator('[data-corpus-state]')).toHaveAttribute('data-corpus-state', 'true');
    await expect(page.locator('[data-paperlens]')).toHaveCount(1);
    await page.close();
  });
});

test.describe('arXiv HTML (LaTeXML) page panel', () => {
  test('puts a panel after the abstract with the authors read from the author blocks', async ({ session }) => {
    const page = await session.open('https://arxiv.org/html/2502.01234v1');
    const panel = await panelFor(page, '2502.01234');
    await expect(panel.locator('[data-section="title"]')).toHaveText(
      'Learning-Rate Transfer Across Width in Residual Networks',
    );
    await expect(panel.locator('[data-author]')).toHaveText([
      'Mira Okonkwo',
      'Tobias Lindqvist',
      'Ana Beatriz Ferreira',
    ]);
    await expect(panel.locator('[data-section="related"] [data-paper-id]').first()).toBeVisible();
    await expect(panel.locator('[data-section="topics"] [data-topic]').first()).toBeVisible();
    expect(
      await page.evaluate(() => document.querySelector('paperlens-panel')?.previousElementSibling?.className),
    ).toBe('ltx_abstract');
    await page.close();
  });
});

test.describe('panel placement setting', () => {
  test('"above the abstract" puts the panel before it, and "below" back after it', async ({ session }) => {
    const setPlacement = (panelPlacement: string) => setSettings(session, { panelPlacement });
    const neighbour = (page: import('@playwright/test').Page, side: 'next' | 'previous') =>
      page.evaluate((s) => {
        const host = document.querySelector('paperlens-panel');
        const el = s === 'next' ? host?.nextElementSibling : host?.previousElementSibling;
        return el?.matches('blockquote.abstract') ?? false;
      }, side);
    await setPlacement('above-abstract');
    const above = await session.open('https://arxiv.org/abs/2210.16859');
    await panelFor(above, '2210.16859');
    await expect.poll(() => neighbour(above, 'next')).toBe(true);
    await above.close();
    await setPlacement('below-abstract');
    const below = await session.open('https://arxiv.org/abs/2210.16859');
    await panelFor(below, '2210.16859');
    await expect.poll(() => neighbour(below, 'previous')).toBe(true);
    await below.close();
  });
});

test.describe('theme setting', () => {
  const setTheme = (session: Session, theme: string) => setSettings(session, { theme });
  const panelBackground = (page: import('@playwright/test').Page) =>
    page.evaluate(() => {
      const el = document.querySelector('paperlens-panel')?.shadowRoot?.querySelector('.pl-panel');
      return el ? getComputedStyle(el).backgroundColor : '';
    });

  test('dark and light override the browser preference, on the panel and on extension pages', async ({ session }) => {
    await setTheme(session, 'dark');
    const page = await session.open('https://arxiv.org/abs/2210.16859');
    await page.emulateMedia({ colorScheme: 'light' });
    await panelFor(page, '2210.16859');
    await expect.poll(() => panelBackground(page)).toBe('rgb(31, 31, 31)');
    const popup = await session.extensionPage('popup.html');
    await popup.emulateMedia({ colorScheme: 'light' });
    await expect
      .poll(() => popup.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--pl-bg').trim()))
      .toBe('#181818');
    await popup.close();
    // Switching back follows at once, without a reload.
    await setTheme(session, 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => panelBackground(page)).toBe('rgb(247, 247, 247)');
    await setTheme(session, 'auto');
    await expect.poll(() => panelBackground(page)).toBe('rgb(31, 31, 31)');
    await page.close();
  });
});
