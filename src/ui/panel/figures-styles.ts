/** Styles of the panel's figures section (Figures.tsx), on the panel's own colour variables. */
export const FIGURES_CSS = `
.pl-figures { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35em; max-height: 24em; overflow-y: auto; }
.pl-figures li { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.2em 0.6em; }
.pl-fig { display: flex; align-items: flex-start; gap: 0.6em; flex: 1 1 18em; min-width: 0; }
.pl-fig-thumb {
  flex: none; width: 4.5em; height: 3.2em; object-fit: contain; background: #fff;
  border: 1px solid var(--pl-border); border-radius: 2px;
}
.pl-fig-text { min-width: 0; overflow-wrap: anywhere; }
.pl-fig-label { font-weight: bold; }
.pl-cells { border-collapse: collapse; font-size: 0.8em; color: var(--pl-fg); }
.pl-cells th, .pl-cells td { border: 1px solid var(--pl-border); padding: 0 0.3em; text-align: left; white-space: nowrap; }
.pl-fig-ask { margin: 0; }
.pl-fig-result:focus { outline: none; }
`;
