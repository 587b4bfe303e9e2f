/** Panel styles, matching arXiv's typography and colours; dark when the browser prefers it. */
import { FIGURES_CSS } from './figures-styles';

export const PANEL_CSS = `
:host { all: initial; }
.pl-panel {
  --pl-accent: #b31b1b; --pl-accent-text: #b31b1b; --pl-fg: #000; --pl-muted: #555; --pl-bg: #f7f7f7;
  --pl-border: #ddd; --pl-link: #0068ac;
  font-family: "Lucida Grande", Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.4;
  color: var(--pl-fg); background: var(--pl-bg); border: 1px solid var(--pl-border); border-left: 3px solid var(--pl-accent);
  border-radius: 4px; margin: 1em 0; padding: 0.6em 0.9em; box-sizing: border-box;
}
@media (prefers-color-scheme: dark) {
  .pl-panel {
    --pl-accent-text: #ff8a80; --pl-fg: #e8e8e8; --pl-muted: #aaa; --pl-bg: #1f1f1f; --pl-border: #3a3a3a;
    --pl-link: #6cb6ff;
  }
}
.pl-head { display: flex; align-items: center; gap: 0.6em; flex-wrap: wrap; }
.pl-brand { font-weight: bold; color: var(--pl-accent-text); letter-spacing: 0.02em; }
.pl-status { color: var(--pl-muted); font-size: 0.9em; }
.pl-spacer { flex: 1; }
.pl-panel button {
  font: inherit; font-size: 0.9em; color: var(--pl-fg); background: transparent; border: 1px solid var(--pl-border);
  border-radius: 3px; padding: 0.15em 0.6em; cursor: pointer;
}
.pl-panel button:hover { border-color: var(--pl-accent); }
.pl-panel button:focus-visible, .pl-panel a:focus-visible { outline: 2px solid var(--pl-link); outline-offset: 1px; }
.pl-panel button[aria-pressed="true"] { background: var(--pl-accent); border-color: var(--pl-accent); color: #fff; }
.pl-panel a { color: var(--pl-link); text-decoration: none; }
.pl-panel a:hover { text-decoration: underline; }
/* Links that sit in a line of other text (an author's facts, a paper's year and authors) are underlined:
   colour alone does not tell them apart, least of all in the dark theme. */
.pl-authors a, .pl-related a { text-decoration: underline; text-underline-offset: 0.15em; }
.pl-section { margin-top: 0.6em; }
.pl-section h3 { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; color: var(--pl-muted); margin: 0 0 0.25em; }
.pl-authors { display: flex; flex-wrap: wrap; gap: 0.2em 0.9em; list-style: none; margin: 0; padding: 0; }
.pl-related li { margin: 0.25em 0; }
.pl-meta { color: var(--pl-muted); font-size: 0.9em; }
.pl-topics { display: flex; flex-wrap: wrap; gap: 0.3em; list-style: none; margin: 0; padding: 0; }
.pl-topic { border: 1px solid var(--pl-border); border-radius: 999px; padding: 0 0.6em; font-size: 0.85em; }
.pl-paper-title { margin: 0.3em 0 0; font-weight: bold; }
.pl-empty { color: var(--pl-muted); font-style: italic; margin: 0; }
.pl-fold { border: none !important; padding: 0 0.2em !important; color: var(--pl-muted) !important; }
.pl-small { font-size: 0.8em !important; padding: 0 0.4em !important; }
.pl-reason { color: var(--pl-muted); font-size: 0.85em; }
.pl-rel-title { font-weight: normal; }
.pl-related { padding-left: 1.4em; list-style: decimal; }
.pl-code { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2em 1em; }
.pl-novelty-shared { margin: 0.2em 0 0; padding-left: 1.2em; font-size: 0.9em; }
.pl-topic { display: inline-block; }
.pl-panel:focus { outline: none; }
[hidden] { display: none !important; }
.pl-error { color: var(--pl-accent-text); }
${FIGURES_CSS}`;
