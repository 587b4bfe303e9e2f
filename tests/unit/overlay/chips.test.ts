/**
 * The chip runner on a listing (linkedom): every entry sent once, state and topics first, related counts
 * in a second answer per batch, one chip per entry however often it runs, and chips filled in from the
 * background's answers.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ChipData, PagePaper } from '../../../src/messaging/protocol';
import { CHIP_BATCH, type ChipBackground, ChipRunner, FIRST_BATCH } from '../../../src/overlay/chips';
import { arxivListing } from '../../../src/sites/arxiv-listing';
import type { PanelApi } from '../../../src/ui/panel/Panel';

function listing(n: number) {
  const entries = Array.from(
    { length: n },
    (_, i) => `<dt><a href="/abs/2607.${String(10000 + i)}" title="Abstract">arXiv:2607.${10000 + i}</a></dt>
      <dd><div class='meta'><div class='list-title'><span class='descriptor'>Title:</span> Paper ${i}</div>
      <div class='list-authors'><a href="#">Ann Author</a></div></div></dd>`,
  );
  return parseHTML(`<html><body><div id='dlpage'><dl id='articles'>${entries.join('')}</dl></div></body></html>`)
    .document as unknown as Document;
}

const api = {} as PanelApi;
const url = new URL('https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000');

async function run(doc: Document, runner: ChipRunner) {
  const entries = arxivListing.entries?.(doc) ?? [];
  await runner.add(entries, (el) => arxivListing.readEntry?.(el, url));
}

/** A background that answers every entry, and records what it was asked. */
function fakeBackground(failCounts = false) {
  const calls: { data: { ids: string[]; learnFrom: string | undefined }[]; counts: string[] } = {
    data: [],
    counts: [],
  };
  const batches = new Map<string, string[]>();
  const background: ChipBackground = {
    async data(papers: PagePaper[], learnFrom) {
      calls.data.push({ ids: papers.map((p) => p.id), learnFrom });
      const chips: Record<string, ChipData> = {};
      for (const p of papers)
        chips[p.id] = {
          inCorpus: p.id === '2607.10003',
          saved: p.id === '2607.10007',
          ...(p.id === '2607.10005' ? { code: 2 } : {}),
          topics: [{ kind: 'topic', id: 't', label: 'Scaling', why: 'w' }],
        };
      const ticket = `t-${batches.size}`;
      batches.set(
        ticket,
        papers.map((p) => p.id),
      );
      return { chips, counts: ticket };
    },
    async counts(ticket) {
      calls.counts.push(ticket);
      if (failCounts) throw new Error('worker stopped');
      const ids = batches.get(ticket);
      return ids ? Object.fromEntries(ids.map((id) => [id, id === '2607.10009' ? 150 : 3])) : null;
    },
  };
  return { background, calls };
}

const settled = () => new Promise((r) => setTimeout(r, 50));

describe('listing chips', () => {
  it('sends every entry once, shows every chip’s state, then its related count, and puts exactly one chip on each entry', async () => {
    const doc = listing(1250);
    const { background, calls } = fakeBackground();
    const events: string[] = [];
    let settledCount = 0;
    let counted: () => void = () => {};
    const allCounted = new Promise<void>((resolve) => {
      counted = resolve;
    });
    const runner = new ChipRunner({
      api,
      url,
      background,
      onVisible: () => events.push('visible'),
      onSettled: (n) => {
        settledCount = n;
        events.push('settled');
      },
      onCounted: () => {
        events.push('counted');
        counted();
      },
    });
    await run(doc, runner);
    await run(doc, runner);
    await allCounted;
    const sent = calls.data.flatMap((d) => d.ids);
    // Each entry went to the background exactly once, the first request small (the entries on screen).
    expect(sent).toHaveLength(1250);
    expect(new Set(sent).size).toBe(1250);
    expect(calls.data[0]?.ids.length).toBeLessThanOrEqual(FIRST_BATCH);
    expect(Math.max(...calls.data.map((d) => d.ids.length))).toBeLessThanOrEqual(CHIP_BATCH);
    // The background learns what it was sent, from this page.
    expect(new Set(calls.data.map((d) => d.learnFrom))).toEqual(new Set([url.href]));
    // One counts request per batch, by ticket (the entries are not sent again).
    expect(calls.counts.sort()).toEqual(calls.data.map((_, i) => `t-${i}`).sort());
    expect(doc.querySelectorAll('paperlens-chip[data-paperlens="chip"]').length).toBe(1250);
    expect(settledCount).toBe(1250);
    expect(events).toEqual(['visible', 'settled', 'counted']);
    const host = (id: string) => doc.querySelector(`[data-paper-id="${id}"]`);
    const button = (id: string) => host(id)?.shadowRoot?.querySelector('button');
    expect(host('2607.10007')?.hasAttribute('data-saved')).toBe(true);
    expect(button('2607.10007')?.getAttribute('data-chip-state')).toBe('saved');
    expect(button('2607.10003')?.getAttribute('data-chip-state')).toBe('corpus');
    expect(button('2607.10004')?.getAttribute('data-chip-state')).toBe('new');
    expect(host('2607.10007')?.previousElementSibling?.getAttribute('title')).toBe('Abstract');
    // A paper with code: the host carries the count, the chip shows the icon with it and says it.
    expect(host('2607.10005')?.getAttribute('data-code')).toBe('2');
    expect(button('2607.10005')?.querySelector('.pl-chip-code')?.textContent).toBe('</> 2 code links,');
    expect(doc.querySelectorAll('paperlens-chip[data-code]').length).toBe(1);
    const countOf = (id: string) => button(id)?.querySelector('[data-related-count]')?.textContent;
    expect(countOf('2607.10001')).toBe('3 related');
    expect(countOf('2607.10009')).toBe('99+ related');
    // The accessible name is the chip's text, with what is not shown said off screen around it.
    expect(button('2607.10001')?.hasAttribute('aria-label')).toBe(false);
    expect(button('2607.10001')?.textContent).toMatch(/^Paperlens, not in your corpus: ○.*3 related; details for /);
    runner.stop();
    expect(doc.querySelectorAll('paperlens-chip').length).toBe(0);
  });

  it('shows state and topics while the counts are still out, and keeps them when counting fails', async () => {
    const doc = listing(5);
    const { background } = fakeBackground(true);
    let counted = false;
    const runner = new ChipRunner({ api, url, background, onCounted: () => (counted = true) });
    await run(doc, runner);
    await settled();
    const button = doc.querySelector('[data-paper-id="2607.10003"]')?.shadowRoot?.querySelector('button');
    expect(button?.getAttribute('data-chip-state')).toBe('corpus');
    expect(button?.querySelector('[data-topic="t"]')?.textContent).toBe('Scaling');
    expect(button?.querySelector('[data-related-count]')).toBeNull();
    expect(counted).toBe(true);
    runner.stop();
  });

  it('stops reading and asking when its signal is aborted, and removes what it added', async () => {
    const doc = listing(3000);
    const { background, calls } = fakeBackground();
    const abort = new AbortController();
    const runner = new ChipRunner({ api, url, background, signal: abort.signal });
    const done = run(doc, runner);
    abort.abort();
    await done;
    await settled();
    expect(calls.data.flatMap((d) => d.ids).length).toBeLessThan(3000);
    expect(calls.counts).toEqual([]);
    expect(doc.querySelectorAll('paperlens-chip').length).toBe(0);
  });
});
