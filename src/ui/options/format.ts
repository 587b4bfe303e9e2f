/** Small display helpers of the options page. Pure. */
import type { ImportFormat } from '../../corpus/importers';

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  'arxiv-atom': 'arXiv API (Atom)',
  'arxiv-rss': 'arXiv RSS',
  'oai-pmh': 'OAI-PMH',
  'arxiv-snapshot': 'arXiv metadata snapshot (JSON lines)',
  bibtex: 'BibTeX',
  'arxiv-jsonl': 'arXiv JSON lines (id/title/abstract)',
};

export const formatName = (f: string): string => FORMAT_NAMES[f as ImportFormat] ?? f;

/** "cs.LG, cs, hep-th" → ["cs.LG", "cs", "hep-th"]. */
export const parseCategoryList = (s: string): string[] => [
  ...new Set(
    s
      .split(/[\s,;]+/)
      .map((c) => c.trim())
      .filter(Boolean),
  ),
];
