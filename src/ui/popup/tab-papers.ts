/** The papers on the current tab: the tab's own URL, and (when the page may be read) its links and titles. */
import { browser } from 'wxt/browser';
import { arxivIdFromUrl } from '../../core/ids';
import type { PaperId } from '../../core/paper';
import { send } from '../../messaging/client';
import { collectFromPage, type PageScan } from './scan';

export interface TabPaper {
  readonly id: PaperId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly inCorpus: boolean;
  readonly saved: boolean;
}

export async function activeTab() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** Runs the collector in the tab; undefined when the page may not be read (no activeTab grant, chrome:// …). */
export async function scanTab(tabId: number): Promise<PageScan | undefined> {
  try {
    const [r] = await browser.scripting.executeScript({ target: { tabId }, func: collectFromPage });
    return r?.result as PageScan | undefined;
  } catch {
    return undefined;
  }
}

/** Ids from the tab URL and the scan, then what the corpus and the reading list say of them. */
export async function papersOn(url: string | undefined, scan: PageScan | undefined, max = 20): Promise<TabPaper[]> {
  const ids: PaperId[] = [];
  const add = (id: PaperId) => {
    if (!ids.includes(id)) ids.push(id);
  };
  const parse = (u: string) => {
    try {
      return arxivIdFromUrl(new URL(u))?.id;
    } catch {
      return undefined;
    }
  };
  const own = url ? parse(url) : undefined;
  if (own) add(own);
  for (const l of scan?.links ?? []) {
    const id = parse(l);
    if (id) add(id);
  }
  if (scan?.titles.length) {
    const { matches } = await send('titles/scan', { candidates: scan.titles.slice(0, 2000) });
    for (const m of matches) if (m.confidence >= 0.9) add(m.id);
  }
  const some = ids.slice(0, max);
  if (!some.length) return [];
  const { inCorpus, saved } = await send('papers/lookup', { ids: some });
  const known = new Set(inCorpus);
  const isSaved = new Set(saved);
  return Promise.all(
    some.map(async (id) => {
      const paper = known.has(id) ? (await send('papers/get', { id })).paper : null;
      return {
        id,
        title: paper?.title ?? `arXiv:${id}`,
        authors: paper ? paper.authors.map((a) => a.name) : [],
        inCorpus: known.has(id),
        saved: isSaved.has(id),
      };
    }),
  );
}
