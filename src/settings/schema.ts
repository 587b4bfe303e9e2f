/** User settings: their shape, defaults and check. Pure; stored by src/settings/store.ts. */

export interface Settings {
  /** Store papers seen on pages as learned papers, so the corpus grows as the user browses. */
  readonly learnFromPages: boolean;
  /** Where the abs-page panel goes. */
  readonly panelPlacement: 'below-abstract' | 'above-abstract';
  readonly theme: 'auto' | 'light' | 'dark';
  /** The abs-page panel starts collapsed. */
  readonly panelCollapsed: boolean;
  /** Sync the reading list across the user's browsers (browser.storage.sync). Off by default. */
  readonly syncEnabled: boolean;
  /** Fetch fresh papers from arXiv when the user asks (needs the optional arXiv host permissions). Off by default. */
  readonly arxivUpdates: boolean;
  /** The arXiv categories "update from arXiv" asks for, e.g. `cs.LG`. */
  readonly arxivCategories: readonly string[];
  /** Sites (ids of src/sites/permissions.ts SITES) where the overlay is turned off. */
  readonly disabledSites: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  learnFromPages: true,
  panelPlacement: 'below-abstract',
  theme: 'auto',
  panelCollapsed: false,
  syncEnabled: false,
  arxivUpdates: false,
  arxivCategories: ['cs.LG'],
  disabledSites: [],
};

/** An arXiv category code as the API accepts it: `cs.LG`, `hep-th`, `math.AG`, `astro-ph.CO`. */
export const isArxivCategory = (c: string): boolean => /^[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$/.test(c);

/** Keeps the known, well-typed fields of a stored value and fills the rest from the defaults. */
export function parseSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    learnFromPages: typeof r.learnFromPages === 'boolean' ? r.learnFromPages : DEFAULT_SETTINGS.learnFromPages,
    panelPlacement:
      r.panelPlacement === 'above-abstract' || r.panelPlacement === 'below-abstract'
        ? r.panelPlacement
        : DEFAULT_SETTINGS.panelPlacement,
    theme: r.theme === 'light' || r.theme === 'dark' || r.theme === 'auto' ? r.theme : DEFAULT_SETTINGS.theme,
    panelCollapsed: typeof r.panelCollapsed === 'boolean' ? r.panelCollapsed : DEFAULT_SETTINGS.panelCollapsed,
    syncEnabled: typeof r.syncEnabled === 'boolean' ? r.syncEnabled : DEFAULT_SETTINGS.syncEnabled,
    arxivUpdates: typeof r.arxivUpdates === 'boolean' ? r.arxivUpdates : DEFAULT_SETTINGS.arxivUpdates,
    arxivCategories:
      Array.isArray(r.arxivCategories) &&
      r.arxivCategories.length <= 20 &&
      r.arxivCategories.every((c) => typeof c === 'string' && isArxivCategory(c))
        ? (r.arxivCategories as string[])
        : DEFAULT_SETTINGS.arxivCategories,
    disabledSites:
      Array.isArray(r.disabledSites) &&
      r.disabledSites.length <= 100 &&
      r.disabledSites.every((c) => typeof c === 'string' && /^[a-z0-9.-]{1,100}$/.test(c))
        ? (r.disabledSites as string[])
        : DEFAULT_SETTINGS.disabledSites,
  };
}
