/**
 * The badge runner on a page (linkedom), with a fake background: badges only for corpus papers, one per
 * paper, one titles/scan message per pass, and content added later read on its own.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../../src/core/paper';
import { BadgeRunner, type Recogniser } from '../../../src/overlay/badges';
import { scholarResults } from '../../../src/sites/scholar';
import type { PanelApi } from '../../../src/ui/panel/Panel';

const result = (title: string, href = 'https://example.org/x') =>
  `<div class="gs_r gs_or"><div class="gs_ri"><h3 class="gs_rt"><a href="${href}">${title}</a></h3><div class="gs_a">A Author - 2024</div><div class="gs_fl"></div></div></div>`;

function page(...results: string[]) {
  return parseHTML(`<html><body><div id="gs_res_ccl_mid">${results.join('')}</div></body></html>`)
    .document as unknown as Document;
}

/** A corpus of two papers: one known by arXiv id, one by title; "Almost" matches only weakly. */
function fakeBackground() {
  const calls = { scan: [] as string[][], lookup: [] as string[][] };
  const recogniser: Recogniser = {
    scan: async (titles) => {
      calls.scan.push(titles);
      return titles.flatMap((t, index) =>
        t === 'Known By Title'
          ? [{ index, id: '2409.17858' as PaperId, confidence: 1 }]
          : t === 'Almost Known By Title'
            ? [{ index, id: '2409.17858' as PaperId, confidence: 0.85 }]
            : [],
      );
    },
    lookup: async (ids) => {
      calls.lookup.push(ids);
      const corpus = new Set(['2210.16859', '2409.17858']);
      return { inCorpus: ids.filter((id) => corpus.has(id)), saved: ids.filter((id) => id === '2210.16859') };
    },
    paper: async () => undefined,
  };
  return { recogniser, calls };
}

const url = new URL('https://scholar.google.com/scholar?q=x');
const badges = (doc: Document) =>
  Array.from(doc.querySelectorAll('paperlens-badge')).map((b) => [
    b.getAttribute('data-paper-id'),
    b.hasAttribute('data-saved'),
  ]);

describe('badge runner', () => {
  it('badges corpus papers only: arXiv ids through the corpus, titles at the badge threshold', async () => {
    const doc = page(
      result('A Solvable Model', 'https://arxiv.org/abs/2210.16859'),
      result('Not In The Corpus', 'https://arxiv.org/abs/2001.08361'),
      result('Known By Title'),
      result('Almost Known By Title'),
      result('Unknown Title Entirely'),
    );
    const { recogniser, calls } = fakeBackground();
    const runner = new BadgeRunner({ adapter: scholarResults, url, api: {} as PanelApi, recogniser });
    await runner.scan(doc);
    expect(badges(doc)).toEqual([
      ['2210.16859', true],
      ['2409.17858', false],
    ]);
    // Titles of entries with an arXiv id are not sent; all other titles go in one message.
    expect(calls.scan).toEqual([['Known By Title', 'Almost Known By Title', 'Unknown Title Entirely']]);
    // The badge is a contract host with an open shadow root, beside the title link.
    const host = doc.querySelector('paperlens-badge');
    expect(host?.getAttribute('data-paperlens')).toBe('badge');
    expect(host?.previousElementSibling?.tagName).toBe('A');
  });

  it('one badge per paper, and later content is read on its own', async () => {
    const doc = page(result('Known By Title'), result('Known By Title'));
    const { recogniser, calls } = fakeBackground();
    let settled = -1;
    const runner = new BadgeRunner({
      adapter: scholarResults,
      url,
      api: {} as PanelApi,
      recogniser,
      onSettled: (n) => {
        settled = n;
      },
    });
    await runner.scan(doc);
    expect(badges(doc)).toHaveLength(1);
    expect(settled).toBe(1);
    const list = doc.querySelector('#gs_res_ccl_mid');
    if (!list) throw new Error('fixture');
    const holder = doc.createElement('div');
    holder.innerHTML = result('Late Arrival', 'https://arxiv.org/abs/2210.16859');
    list.append(...Array.from(holder.children));
    await runner.scan(doc);
    expect(badges(doc).map(([id]) => id)).toEqual(['2409.17858', '2210.16859']);
    // The second pass read only the new entry: no title went to the background again.
    expect(calls.scan).toHaveLength(1);
    expect(calls.lookup.at(-1)).toEqual(['2210.16859']);
    runner.stop();
    expect(badges(doc)).toEqual([]);
  });
});
