/**
 * The chip runner on a listing (linkedom): batches, one chip per entry however often it runs, and chips
 * filled in from the background's answers.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ChipData, PagePaper } from '../../../src/messaging/protocol';
import { CHIP_BATCH, ChipRunner } from '../../../src/overlay/chips';
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
  it('asks for chip data in batches and puts exactly one chip on each entry, even when run again', async () => {
    const doc = listing(450);
    const asked: number[] = [];
    let settled = 0;
    const fetchChips = async (papers: PagePaper[]) => {
      asked.push(papers.length);
      const out: Record<string, ChipData> = {};
      for (const p of papers)
        out[p.id] = { inCorpus: false, saved: p.id === '2607.10007', topics: [], relatedCount: 3 };
      return out;
    };
    const learned: string[] = [];
    const runner = new ChipRunner({
      api,
      url,
      fetchChips,
      learn: (papers) => learned.push(...papers.map((p) => p.id)),
      onSettled: (n) => {
        settled = n;
      },
    });
    await run(doc, runner);
    await run(doc, runner);
    await new Promise((r) => setTimeout(r, 10));
    expect(asked).toEqual([CHIP_BATCH, CHIP_BATCH, 450 - 2 * CHIP_BATCH]);
    expect(doc.querySelectorAll('paperlens-chip[data-paperlens="chip"]').length).toBe(450);
    expect(settled).toBe(450);
    // Learned once, after the chips, not once per batch (each learn makes the background rebuild).
    expect(learned).toHaveLength(450);
    const saved = doc.querySelector('[data-paper-id="2607.10007"]');
    expect(saved?.hasAttribute('data-saved')).toBe(true);
    expect(saved?.previousElementSibling?.getAttribute('title')).toBe('Abstract');
    runner.stop();
    expect(doc.querySelectorAll('paperlens-chip').length).toBe(0);
  });
});
