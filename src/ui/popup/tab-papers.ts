/** The papers on the current tab: the tab's own URL, and (when the page may be read) its links and titles. */
import { browser } from 'wxt/browser';
import { arxivIdFromUrl } from '../../core/ids';
import type { PaperId } from '../../core/paper';
import { send } from '../../messaging/client';
import type { RecogniseEntry } from '../../messaging/protocol';
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

/**
 * The papers on the tab: the tab URL's own, then those its links name, then titles the corpus knows (at
 * the badge threshold), with what the corpus and the reading list say of each, in one `badges/recognise`.
 */
export async function papersOn(url: string | undefined, scan: PageScan | undefined, max = 20): Promise<TabPaper[]> {
  const parse = (u: string) => {
    try {
      return arxivIdFromUrl(new URL(u))?.id;
    } catch {
      return undefined;
    }
  };
  const own = url ? parse(url) : undefined;
  const entries: RecogniseEntry[] = [
    ...(own ? [{ id: own }] : []),
    ...(scan?.links ?? []).flatMap((l) => {
      const id = parse(l);
      return id ? [{ id }] : [];
    }),
    ...(scan?.titles ?? []).slice(0, 2000).map((title) => ({ title })),
  ];
  if (!entries.length) return [];
  const { papers } = await send('badges/recognise', { entries });
  const out = new Map<PaperId, TabPaper>();
  for (const p of papers) {
    if (out.size >= max) break;
    if (out.has(p.id)) continue;
    out.set(p.id, {
      id: p.id,
      title: p.title ?? `arXiv:${p.id}`,
      authors: p.authors ?? [],
      inCorpus: p.inCorpus,
      saved: p.saved,
    });
  }
  return [...out.values()];
}
