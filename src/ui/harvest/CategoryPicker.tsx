/**
 * Choosing what to harvest: arXiv's categories, searchable, each with the papers a year to expect; the
 * chosen ones listed above the search, each removable. Plain checkboxes and buttons, so it works by
 * keyboard and reads well to a screen reader.
 */
import { useMemo, useState } from 'preact/hooks';
import { harvestCategory, searchCategories } from '../../harvest/taxonomy';
import { count } from './format';

export function CategoryPicker({
  chosen,
  onChange,
}: {
  chosen: readonly string[];
  onChange: (codes: string[]) => void;
}) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => searchCategories(query), [query]);
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...chosen.filter((c) => c !== code), code] : chosen.filter((c) => c !== code));
  return (
    <div class="pl-picker" data-section="category-picker">
      <div class="pl-chosen" aria-live="polite">
        <span id="pl-chosen-label">Chosen: </span>
        {chosen.length === 0 && <span class="pl-muted">none yet</span>}
        <ul class="pl-chips" aria-labelledby="pl-chosen-label">
          {chosen.map((code) => (
            <li key={code} data-chosen-category={code}>
              <button
                type="button"
                class="pl-chip"
                aria-label={`Remove ${code} (${harvestCategory(code)?.name ?? code})`}
                onClick={() => toggle(code, false)}
              >
                {code} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <label class="pl-field">
        <span>Find a category</span>
        <input
          type="search"
          data-field="category-search"
          placeholder="e.g. machine learning, hep-th, cs.CL"
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <fieldset class="pl-categories">
        <legend class="pl-visually-hidden">arXiv categories</legend>
        {matches.length === 0 && <p class="pl-muted">No arXiv category matches “{query}”.</p>}
        <ul class="pl-list">
          {matches.map((c) => (
            <li key={c.code} data-category={c.code}>
              <label>
                <input
                  type="checkbox"
                  data-category-choice={c.code}
                  checked={chosen.includes(c.code)}
                  onChange={(e) => toggle(c.code, (e.currentTarget as HTMLInputElement).checked)}
                />{' '}
                <strong>{c.code}</strong> {c.name}
                {c.archive ? ' (the whole archive)' : ''}{' '}
                <span class="pl-meta">· about {count(c.perYear)} papers a year</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}
