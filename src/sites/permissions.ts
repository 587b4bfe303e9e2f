/**
 * Scholarly sites Paperlens knows, and the host permission each needs. arxiv.org is granted at install
 * (manifest `host_permissions`); the others are optional (`optional_host_permissions` in wxt.config.ts)
 * and asked for from the options page when the user turns a site on. A site adapter for a new site
 * adds its entry here; tests/unit/options/permissions.test.ts checks every optional origin is declared
 * in wxt.config.ts. Pure data.
 */
import { OAI_ORIGINS } from '../harvest/oai';
import { SCHOLAR_HOSTS } from './scholar';

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
  // The scholarly sites with an adapter (src/sites/registry.ts BADGE_ADAPTERS) are on by default: their
  // content script is in the manifest. Each can be turned off in the options (settings.disabledSites).
  {
    id: 'scholar',
    name: 'Google Scholar',
    origins: SCHOLAR_HOSTS.map((h) => `https://${h}/*`),
    kind: 'required',
    supported: true,
  },
  {
    id: 'semantic-scholar',
    name: 'Semantic Scholar',
    origins: ['https://www.semanticscholar.org/*'],
    kind: 'required',
    supported: true,
  },
  { id: 'openreview', name: 'OpenReview', origins: ['https://openreview.net/*'], kind: 'required', supported: true },
  {
    id: 'huggingface',
    name: 'Hugging Face papers',
    origins: ['https://huggingface.co/papers*'],
    kind: 'required',
    supported: true,
  },
  { id: 'alphaxiv', name: 'alphaXiv', origins: ['https://www.alphaxiv.org/*'], kind: 'required', supported: true },
  {
    id: 'paperswithcode',
    name: 'Papers with Code',
    origins: ['https://paperswithcode.com/*'],
    kind: 'required',
    supported: true,
  },
  { id: 'dblp', name: 'DBLP', origins: ['https://dblp.org/*'], kind: 'required', supported: true },
  { id: 'catalyzex', name: 'CatalyzeX', origins: ['https://www.catalyzex.com/*'], kind: 'required', supported: true },
];

/**
 * Any other site: asked for one origin at a time (options page, popup) and then recognised with the
 * generic recogniser through a registered content script (src/background/site-scripts.ts).
 */
export const ANY_SITE_ORIGIN = '*://*/*';

/** Where the badge content script runs by default: every non-arXiv site above. */
export const BADGE_SITE_MATCHES: readonly string[] = SITES.filter((s) => s.id !== 'arxiv').flatMap((s) => s.origins);

/** The match pattern for one site the user turns on: `https://example.org/*`. Undefined for non-web URLs. */
export function originPattern(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(/^[a-z]+:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  if (!/^[a-z0-9.-]+$/i.test(u.hostname) || !u.hostname.includes('.')) return undefined;
  return `${u.protocol}//${u.hostname}/*`;
}

/** Every optional origin: the sites', arXiv's API ("Update from arXiv") and OAI-PMH ("Build from arXiv"). */
export const OPTIONAL_ORIGINS: readonly string[] = [
  ...SITES.filter((s) => s.kind === 'optional').flatMap((s) => s.origins),
  'https://export.arxiv.org/*',
  ...OAI_ORIGINS,
  ANY_SITE_ORIGIN,
];

/** Match patterns the user granted that are whole sites (`scheme://host/*`) beyond the built-in ones. */
export function userSiteOrigins(granted: readonly string[]): string[] {
  const builtIn = new Set<string>([...SITES.flatMap((s) => s.origins), 'https://export.arxiv.org/*', ...OAI_ORIGINS]);
  return [...new Set(granted)].filter((o) => /^https?:\/\/[a-z0-9.-]+\/\*$/i.test(o) && !builtIn.has(o)).sort();
}
