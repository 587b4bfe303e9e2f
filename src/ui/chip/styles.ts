/** Chip styles: small, quiet, in arXiv's colours (its red for saved papers); dark when the browser prefers it. */
export const CHIP_CSS = `
:host { all: initial; }
.pl-chip {
  --pl-accent: #b31b1b; --pl-fg: #333; --pl-muted: #666; --pl-bg: #f3f3f3; --pl-border: #ccc;
  display: inline-flex; align-items: center; gap: 0.35em; vertical-align: baseline; margin: 0 0.4em;
  font-family: "Lucida Grande", Helvetica, Arial, sans-serif; font-size: 11px; line-height: 1.5;
  color: var(--pl-fg); background: var(--pl-bg); border: 1px solid var(--pl-border); border-radius: 999px;
  padding: 0 0.6em; cursor: pointer;
}
@media (prefers-color-scheme: dark) {
  .pl-chip { --pl-fg: #ddd; --pl-muted: #aaa; --pl-bg: #2a2a2a; --pl-border: #444; }
}
.pl-chip:hover { border-color: var(--pl-accent); }
.pl-chip:focus-visible { outline: 2px solid #0068ac; outline-offset: 1px; }
.pl-chip[data-chip-state="saved"] { background: var(--pl-accent); border-color: var(--pl-accent); color: #fff; }
.pl-chip[data-chip-state="loading"] { color: var(--pl-muted); }
.pl-chip-mark { color: var(--pl-accent); }
.pl-chip[data-chip-state="saved"] .pl-chip-mark { color: #fff; }
.pl-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.pl-chip { position: relative; }
.pl-chip-topic { border-left: 1px solid var(--pl-border); padding-left: 0.35em; }
.pl-chip-code { border-left: 1px solid var(--pl-border); padding-left: 0.35em; white-space: nowrap; }
.pl-chip-related { color: var(--pl-muted); border-left: 1px solid var(--pl-border); padding-left: 0.35em; }
.pl-chip[data-chip-state="saved"] .pl-chip-related { color: #fff; }
`;
