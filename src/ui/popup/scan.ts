/**
 * "Scan this page": a function run in the tab by scripting.executeScript (activeTab: no standing host
 * permission). It must be self-contained (it is serialised) and only reads: links and title-like text.
 */
export interface PageScan {
  readonly url: string;
  readonly links: string[];
  readonly titles: string[];
}

export function collectFromPage(): PageScan {
  const links = new Set<string>();
  for (const a of Array.from(document.querySelectorAll('a[href]')).slice(0, 5000))
    links.add((a as HTMLAnchorElement).href);
  const titles = new Set<string>();
  const sel = 'meta[name="citation_title"], h1, h2, h3, h4, a, [class*="title"], [class*="Title"]';
  for (const el of Array.from(document.querySelectorAll(sel)).slice(0, 5000)) {
    const t = (el.getAttribute('content') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t.length >= 15 && t.length <= 300) titles.add(t);
  }
  return { url: location.href, links: [...links].slice(0, 2000), titles: [...titles].slice(0, 2000) };
}
