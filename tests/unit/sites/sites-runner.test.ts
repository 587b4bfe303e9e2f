/**
 * The badge runner on a page (linkedom), with a fake background: badges only for what the background
 * says are corpus papers, one per paper, one badges/recognise message per pass (ids where the links name
 * one, titles otherwise), and content added later read on its own.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../../src/core/paper';
import type { RecogniseEntry } from '../../../src/messaging/protocol';
import { BadgeRunner, type Recogniser } from '../../../src/overlay/badges';
import { scholarResults } from '../../../src/sites/scholar';
import type { PanelApi } from '../../../src/ui/panel/Panel';

const result = (title: string, href = 'https://example.org/x') =>
  `<div class="gs_r gs_or"><div class="gs_ri"><h3 class="gs_rt"><a href="${href}">${title}</a></h3><div class="gs_a">A Author - 2024</div><div class="gs_fl"></div></div></div>`;

function page(...results: string[]) {
  return parseHTML(`<html><body><div id="gs_res_ccl_mid">${results.join('')}</div></body></html>`)
    .document as unknown as Document;
}

/** A background with two corpus papers: one known by arXiv id, one by title (2210.16859 is saved). */
function fakeBackground() {
  const calls = { recognise: [] as RecogniseEntry[][] };
  const corpus = new Set(['2210.16859', '2409.17858']);
  const recogniser: Recogniser = async (entries) => {
    calls.recognise.push(entries);
    return entries.flatMap((e, index) => {
      const id = (e.id ?? (e.title === 'Known By Title' ? '2409.17858' : undefined)) as PaperId | undefined;
      return id ? [{ index, id, inCorpus: corpus.has(id), saved: id === '2210.16859' }] : [];
    });
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
  it('asks about every entry in one message and badges corpus papers only', async () => {
    const doc = page(
      result('A Solvable Model', 'https://arxiv.org/abs/2210.16859'),
      result('Not In The Corpus', 'https://arxiv.org/abs/2001.08361'),
      result('Known By Title'),
      result('Unknown Title Entirely'),
    );
    const { recogniser, calls } = fakeBackground();
    const runner = new BadgeRunner({ adapter: scholarResults, url, api: {} as PanelApi, recogniser });
    await runner.scan(doc);
    expect(badges(doc)).toEqual([
      ['2210.16859', true],
      ['2409.17858', false],
    ]);
    // Entries with an arXiv id are asked about by id, the others by title, all in one message.
    expect(calls.recognise).toEqual([
      [{ id: '2210.16859' }, { id: '2001.08361' }, { title: 'Known By Title' }, { title: 'Unknown Title Entirely' }],
    ]);
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
    // The second pass read only the new entry: nothing else went to the background again.
    expect(calls.recognise).toHaveLength(2);
    expect(calls.recognise.at(-1)).toEqual([{ id: '2210.16859' }]);
    runner.stop();
    expect(badges(doc)).toEqual([]);
  });
});
