/** Badge styles: a small pill that sits in the flow of a title line on any site, in any theme. */
export const BADGE_CSS = `
:host { all: initial; }
.pl-badge {
  --pl-accent: #b31b1b; --pl-fg: #333; --pl-bg: #f3f3f3; --pl-border: #ccc;
  display: inline-flex; align-items: center; gap: 0.3em; vertical-align: middle; margin: 0 0.4em;
  font-family: "Lucida Grande", Helvetica, Arial, sans-serif; font-size: 11px; font-weight: normal;
  line-height: 1.5; color: var(--pl-fg); background: var(--pl-bg); border: 1px solid var(--pl-border);
  border-radius: 999px; padding: 0 0.55em; cursor: pointer; white-space: nowrap;
}
@media (prefers-color-scheme: dark) {
  .pl-badge { --pl-fg: #ddd; --pl-bg: #2a2a2a; --pl-border: #444; }
}
.pl-badge:hover { border-color: var(--pl-accent); }
.pl-badge:focus-visible { outline: 2px solid #0068ac; outline-offset: 1px; }
.pl-badge[data-badge-state="saved"] { background: var(--pl-accent); border-color: var(--pl-accent); color: #fff; }
.pl-badge-mark { color: var(--pl-accent); }
.pl-badge-code { border-left: 1px solid var(--pl-border); padding-left: 0.3em; }
.pl-badge[data-badge-state="saved"] .pl-badge-mark { color: #fff; }
`;
