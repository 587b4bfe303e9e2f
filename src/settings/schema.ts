/** User settings: their shape, defaults and check. Pure; stored by src/settings/store.ts. */

export interface Settings {
  /** Store papers seen on pages as learned papers, so the corpus grows as the user browses. */
  readonly learnFromPages: boolean;
  /** Where the abs-page panel goes. */
  readonly panelPlacement: 'below-abstract' | 'above-abstract';
  readonly theme: 'auto' | 'light' | 'dark';
  /** The abs-page panel starts collapsed. */
  readonly panelCollapsed: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  learnFromPages: true,
  panelPlacement: 'below-abstract',
  theme: 'auto',
  panelCollapsed: false,
};

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
  };
}
