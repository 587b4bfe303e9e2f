/**
 * Scholarly sites Paperlens knows, and the host permission each needs. arxiv.org is granted at install
 * (manifest `host_permissions`); the others are optional (`optional_host_permissions` in wxt.config.ts)
 * and asked for from the options page when the user turns a site on. A site adapter for a new site
 * adds its entry here; tests/unit/options/permissions.test.ts checks every optional origin is declared
 * in wxt.config.ts. Pure data.
 */

export interface SitePermission {
  readonly id: string;
  readonly name: string;
  /** Match patterns, as `permissions.request({ origins })` takes them. */
  readonly origins: readonly string[];
  /** Granted at install (required) or asked for when the user turns the site on (optional). */
  readonly kind: 'required' | 'optional';
  /** Whether Paperlens has an adapter for the site yet; optional sites without one are listed as coming. */
  readonly supported: boolean;
}

export const SITES: readonly SitePermission[] = [
  { id: 'arxiv', name: 'arXiv', origins: ['https://arxiv.org/*'], kind: 'required', supported: true },
  {
    id: 'scholar',
    name: 'Google Scholar',
    origins: ['https://scholar.google.com/*'],
    kind: 'optional',
    supported: false,
  },
  {
    id: 'semantic-scholar',
    name: 'Semantic Scholar',
    origins: ['https://www.semanticscholar.org/*'],
    kind: 'optional',
    supported: false,
  },
  { id: 'openreview', name: 'OpenReview', origins: ['https://openreview.net/*'], kind: 'optional', supported: false },
  {
    id: 'huggingface',
    name: 'Hugging Face papers',
    origins: ['https://huggingface.co/*'],
    kind: 'optional',
    supported: false,
  },
];

/** Every optional origin: the sites' and arXiv's API (for "Update from arXiv"). */
export const OPTIONAL_ORIGINS: readonly string[] = [
  ...SITES.filter((s) => s.kind === 'optional').flatMap((s) => s.origins),
  'https://export.arxiv.org/*',
];
