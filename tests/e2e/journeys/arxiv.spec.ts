// Runs in Chromium and in Firefox (playwright.config.ts): the arXiv overlay, the main thing Paperlens does.
import { expect, test } from '../harness';
import { FIXTURE_FLOATS } from '../html-responder';

const PANEL = (id: string) => `paperlens-panel[data-paperlens="panel"][data-paper-id="${id}"] >>>`;

test.describe('arXiv abstract page', () => {
  test('the panel shows the authors linked to the library, related work with reasons and topics; a topic opens the library', async ({
    driver,
  }) => {
    const tab = await driver.open('https://arxiv.org/abs/2210.16859v2');
    const panel = PANEL('2210.16859');
    await expect
      .poll(() => tab.texts(`${panel} [data-author]`))
      .toEqual(['Alexander Maloney', 'Daniel A. Roberts', 'James Sully']);
    await expect.poll(() => tab.attribute(`${panel} [data-corpus-state]`, 'data-corpus-state')).toBe('true');
    expect(await tab.attribute(`${panel} [data-author]`, 'href')).toMatch(
      new RegExp(`^${driver.extensionUrl('library.html#author=').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    const related = `${panel} [data-section="related"] [data-paper-id]`;
    await expect.poll(() => tab.count(related)).toBeGreaterThan(0);
    expect(await tab.attributes(related, 'data-paper-id')).not.toContain('2210.16859');
    expect((await tab.texts(`${related} .pl-reason`))[0]).not.toBe('');
    const topic = `${panel} [data-section="topics"] [data-topic] a`;
    expect(await tab.attribute(topic, 'title')).toMatch(/.+/);
    // A page cannot open an extension page itself: the click asks the background, which opens the tab.
    const library = await driver.newTab(() => tab.click(topic));
    expect(await library.url()).toMatch(/\/library\.html#topic=/);
    await expect.poll(() => library.count('main h2, main h1')).toBeGreaterThan(0);
    await library.close();
    await tab.click(`${panel} [data-action="copy-bibtex"]`);
    await expect.poll(() => tab.texts(`${panel} [data-action="copy-bibtex"]`)).toEqual(['Copied']);
    await tab.close();
  });

  test('a paper outside the corpus still gets authors, related work and tags, and collapsing is remembered', async ({
    driver,
  }) => {
    const tab = await driver.open('https://arxiv.org/abs/hep-th/9901001v1');
    const panel = PANEL('hep-th/9901001');
    await expect.poll(() => tab.attribute(`${panel} [data-corpus-state]`, 'data-corpus-state')).toBe('false');
    expect(await tab.texts(`${panel} [data-author]`)).toEqual(['Yonatan Kahn', 'Daniel A. Roberts']);
    await expect.poll(() => tab.count(`${panel} [data-section="related"] [data-paper-id]`)).toBeGreaterThan(0);
    expect(await tab.count(`${panel} [data-section="topics"] [data-topic]`)).toBeGreaterThan(0);
    // Collapse with the keyboard; the next page's panel starts collapsed.
    await tab.focus(`${panel} [data-action="collapse"]`);
    await tab.press('Enter');
    await expect.poll(() => tab.attribute(`${panel} [data-action="collapse"]`, 'aria-expanded')).toBe('false');
    const next = await driver.open('https://arxiv.org/abs/2210.16859');
    const other = PANEL('2210.16859');
    await expect.poll(() => next.attribute(`${other} [data-action="collapse"]`, 'aria-expanded')).toBe('false');
    await next.click(`${other} [data-action="collapse"]`);
    await expect.poll(() => next.attribute(`${other} [data-action="collapse"]`, 'aria-expanded')).toBe('true');
    await next.close();
    await tab.close();
  });
});

test.describe('arXiv HTML page', () => {
  test('the panel lists every figure and table in order; Enter on one moves the page and the focus to it', async ({
    driver,
  }) => {
    const tab = await driver.open('https://arxiv.org/html/2503.04567v1');
    const panel = PANEL('2503.04567');
    const items = `${panel} [data-section="figures"] [data-figure]`;
    await expect.poll(() => tab.count(items)).toBe(FIXTURE_FLOATS.length);
    expect(await tab.texts(`${items} .pl-fig-label`)).toEqual(FIXTURE_FLOATS.map((f) => f.label));
    expect(await tab.attributes(items, 'data-kind')).toEqual(FIXTURE_FLOATS.map((f) => f.kind));
    // An earlier journey may have left panels collapsed (the choice is remembered).
    const fold = `${panel} [data-action="collapse"]`;
    if ((await tab.attribute(fold, 'aria-expanded')) === 'false') await tab.click(fold);
    await tab.focus(`${panel} [data-figure="S2.T1"] a`);
    await tab.press('Enter');
    await expect.poll(() => tab.evaluate(() => document.activeElement?.id ?? '', undefined)).toBe('S2.T1');
    await tab.close();
  });
});

test.describe('arXiv listing page', () => {
  test('puts a chip on every entry; a chip opens the full panel with Enter and Escape closes it', async ({
    driver,
  }) => {
    const tab = await driver.open('https://arxiv.org/list/cs.LG/new');
    const chips = 'paperlens-chip[data-paperlens="chip"]';
    await expect.poll(() => tab.count(chips)).toBe(8);
    await expect.poll(() => tab.count(`${chips} >>> [data-chip-state="loading"]`)).toBe(0);
    expect(await tab.attributes(chips, 'data-paper-id')).toEqual([
      '2607.01001',
      '2607.01002',
      '2607.01003',
      '2607.01004',
      '2607.01005',
      '2607.01006',
      '2210.16859',
      '2402.01092',
    ]);
    const chip = '[data-paperlens="chip"][data-paper-id="2607.01003"] >>> button';
    // Related counts come in a second answer (chips/counts), after the states: polled, not read once.
    await expect
      .poll(() => tab.texts(`[data-paperlens="chip"][data-paper-id="2607.01001"] >>> [data-related-count]`))
      .toEqual([expect.stringMatching(/^[1-9]\d* related$/)]);
    await tab.focus(chip);
    await tab.press('Enter');
    await expect.poll(() => tab.attribute(chip, 'aria-expanded')).toBe('true');
    const panel = PANEL('2607.01003');
    await expect.poll(() => tab.texts(`${panel} [data-author]`)).toEqual(['Feng Chen', 'Daniel Kunin', 'Priya Raman']);
    await expect.poll(() => tab.count(`${panel} [data-section="related"] [data-paper-id]`)).toBeGreaterThan(0);
    await tab.press('Escape');
    await expect.poll(() => tab.count('paperlens-panel')).toBe(0);
    expect(await tab.focused(chip)).toBe(true);
    await tab.close();
  });
});
