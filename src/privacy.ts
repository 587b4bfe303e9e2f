/**
 * Every kind of request Paperlens can make, and when. The options page renders this list under
 * "Privacy"; tests/unit/options/privacy.test.ts fails when a `fetch(` call site in src/ or entrypoints/
 * is not listed here, so the list cannot fall behind the code.
 *
 * By default the list is empty in practice: each entry needs a setting the user turned on, an optional
 * host permission the browser asked them for, and a click.
 */

export interface RequestKind {
  readonly id: string;
  /** What is asked for, in the user's words. */
  readonly what: string;
  /** Where the request goes: an origin pattern. */
  readonly to: string;
  /** When it happens. */
  readonly when: string;
  /** What the request carries about the user. */
  readonly sends: string;
  /** Source files that make this request (paths from the repository root). */
  readonly callSites: readonly string[];
}

export const REQUESTS: readonly RequestKind[] = [
  {
    id: 'arxiv-new-papers',
    what: 'Newest papers in your chosen arXiv categories (arXiv API search query)',
    to: 'https://export.arxiv.org/api/query',
    when: 'Only when you click "Update from arXiv", with "Fresh papers from arXiv" turned on (off by default). At most one request every 3 seconds.',
    sends: 'The category codes you chose (e.g. cat:cs.LG). No cookies, no reading list, no browsing history.',
    callSites: ['src/options/fetch-text.ts'],
  },
  {
    id: 'arxiv-missing-metadata',
    what: 'Full metadata (abstract, authors, dates) for papers the corpus only saw on a listing page (arXiv API id_list)',
    to: 'https://export.arxiv.org/api/query',
    when: 'In the same "Update from arXiv" click, after the category query; up to 100 ids per request, at most 10 requests per update.',
    sends: 'The arXiv ids of those papers, which reveals that you browsed pages listing them.',
    callSites: ['src/options/fetch-text.ts'],
  },
  {
    id: 'arxiv-oai-harvest',
    what: 'Every paper in the arXiv categories you chose, added or changed since the day you chose (arXiv OAI-PMH ListRecords, about 1,000 records per request)',
    to: 'https://oaipmh.arxiv.org/oai',
    when: 'Only after you click "Build from arXiv" (welcome page or settings) and allow oaipmh.arxiv.org; then in the background until the harvest is done, paused or cancelled: one request at a time, at least 3 seconds apart, waiting as long as arXiv asks (503 Retry-After). With "update once a day" on, the same once a day for what changed.',
    sends:
      "The OAI set of each chosen category (e.g. cs:cs:LG), the dates, and arXiv's resumption token. No cookies, no reading list, no browsing history.",
    callSites: ['src/options/fetch-text.ts'],
  },
  {
    id: 'arxiv-html-figures',
    what: "A paper's HTML version (its figures and tables, then the figure images the list shows as thumbnails)",
    to: 'https://arxiv.org/html/',
    when: 'Only when you click "Figures" in the panel of an arXiv abstract page: one request for that paper\'s HTML version, then its figure images as the list shows them. On an HTML page the panel lists the page\'s own figures and asks for nothing.',
    sends:
      'The arXiv id of the paper whose page you are on (arxiv.org already served you that page). No cookies, no reading list.',
    callSites: ['src/options/fetch-text.ts'],
  },
];

/** Files allowed to call fetch(): each must appear in some entry's callSites. */
export const FETCH_CALL_SITES: ReadonlySet<string> = new Set(REQUESTS.flatMap((r) => r.callSites));
