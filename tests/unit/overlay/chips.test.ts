/**
 * The chip runner on a listing (linkedom): state first in slices, related counts after, one chip per entry
 * however often it runs, and chips filled in from the background's answers.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { ChipData, PagePaper } from '../../../src/messaging/protocol';
import { CHIP_BATCH, ChipRunner, COUNT_BATCH } from '../../../src/overlay/chips';
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

describe('listing chips', () => {
  it('shows every chip’s state first, then related counts, and puts exactly one chip on each entry', async () => {
    const doc = listing(450);
    const asked: { n: number; counts: boolean }[] = [];
    const events: string[] = [];
    const fetchChips = async (papers: PagePaper[], counts: boolean) => {
      asked.push({ n: papers.length, counts });
      const out: Record<string, ChipData> = {};
      for (const p of papers)
        out[p.id] = {
          inCorpus: false,
          saved: p.id === '2607.10007',
          topics: [],
          ...(counts ? { relatedCount: p.id === '2607.10009' ? 150 : 3 } : {}),
        };
      return out;
    };
    const learned: string[] = [];
    let settled = 0;
    const runner = new ChipRunner({
      api,
      url,
      fetchChips,
      learn: (papers) => {
        events.push('learned');
        learned.push(...papers.map((p) => p.id));
      },
      onSettled: (n) => {
        settled = n;
        events.push('settled');
      },
      onCounted: () => events.push('counted'),
    });
    await run(doc, runner);
    await run(doc, runner);
    // Counts come after the state, in later slices, and learning after them: wait for the end (a loaded
    // machine is slower than any fixed pause) rather than for a set time.
    await vi.waitFor(() => expect(events).toContain('learned'), { timeout: 10_000 });
    const state = asked.filter((a) => !a.counts);
    const counts = asked.filter((a) => a.counts);
    expect(state.reduce((s, a) => s + a.n, 0)).toBe(450);
    expect(Math.max(...state.map((a) => a.n))).toBeLessThanOrEqual(CHIP_BATCH);
    expect(counts.reduce((s, a) => s + a.n, 0)).toBe(450);
    expect(Math.max(...counts.map((a) => a.n))).toBeLessThanOrEqual(COUNT_BATCH);
    // Every state request goes out before the first count request.
    expect(asked.findIndex((a) => a.counts)).toBe(state.length);
    expect(doc.querySelectorAll('paperlens-chip[data-paperlens="chip"]').length).toBe(450);
    expect(settled).toBe(450);
    // Learned once, after the counts, not once per batch (each learn changes the corpus).
    expect(events).toEqual(['settled', 'counted', 'learned']);
    expect(learned).toHaveLength(450);
    const saved = doc.querySelector('[data-paper-id="2607.10007"]');
    expect(saved?.hasAttribute('data-saved')).toBe(true);
    expect(saved?.previousElementSibling?.getAttribute('title')).toBe('Abstract');
    const countOf = (id: string) =>
      doc.querySelector(`[data-paper-id="${id}"]`)?.shadowRoot?.querySelector('[data-related-count]')?.textContent;
    expect(countOf('2607.10001')).toBe('3 related');
    expect(countOf('2607.10009')).toBe('99+ related');
    runner.stop();
    expect(doc.querySelectorAll('paperlens-chip').length).toBe(0);
  });

  it('shows state and topics while the counts are still out, and keeps them when counting fails', async () => {
    const doc = listing(5);
    const runner = new ChipRunner({
      api,
      url,
      learn: () => {},
      fetchChips: async (papers, counts) => {
        if (counts) throw new Error('worker stopped');
        return Object.fromEntries(
          papers.map((p) => [
            p.id,
            { inCorpus: true, saved: false, topics: [{ kind: 'topic', id: 't', label: 'Scaling', why: 'w' }] },
          ]),
        );
      },
    });
    await run(doc, runner);
    await new Promise((r) => setTimeout(r, 20));
    const button = doc.querySelector('paperlens-chip')?.shadowRoot?.querySelector('button');
    expect(button?.getAttribute('data-chip-state')).toBe('corpus');
    expect(button?.querySelector('[data-topic="t"]')?.textContent).toBe('Scaling');
    expect(button?.querySelector('[data-related-count]')).toBeNull();
    runner.stop();
  });
});
