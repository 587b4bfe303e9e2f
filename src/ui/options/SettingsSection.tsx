/** Reading, display and sync settings (src/settings/schema.ts). */
import type { ComponentChildren } from 'preact';
import type { Settings } from '../../settings/schema';

/** "Learn from pages" on or off: here and on the welcome page (`[data-setting="learnFromPages"]`). */
export function LearnToggle({
  settings,
  update,
  children,
}: {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
  children: ComponentChildren;
}) {
  return (
    <label>
      <input
        type="checkbox"
        data-setting="learnFromPages"
        checked={settings.learnFromPages}
        onChange={(e) => void update({ learnFromPages: (e.currentTarget as HTMLInputElement).checked })}
      />{' '}
      {children}
    </label>
  );
}

export function SettingsSection({
  settings,
  update,
}: {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
}) {
  const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;
  return (
    <section data-section="settings">
      <h2>While you browse</h2>
      <p>
        <LearnToggle settings={settings} update={update}>
          Keep papers seen on pages in the corpus (learned papers)
        </LearnToggle>
      </p>
      <p>
        <label>
          Panel placement:{' '}
          <select
            data-setting="panelPlacement"
            value={settings.panelPlacement}
            onChange={(e) =>
              void update({
                panelPlacement: (e.currentTarget as HTMLSelectElement).value as Settings['panelPlacement'],
              })
            }
          >
            <option value="below-abstract">below the abstract</option>
            <option value="above-abstract">above the abstract</option>
          </select>
        </label>
      </p>
      <p>
        <label>
          Theme:{' '}
          <select
            data-setting="theme"
            value={settings.theme}
            onChange={(e) => void update({ theme: (e.currentTarget as HTMLSelectElement).value as Settings['theme'] })}
          >
            <option value="auto">as the browser</option>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </label>
      </p>
      <p>
        <label>
          <input
            type="checkbox"
            data-setting="syncEnabled"
            checked={settings.syncEnabled}
            onChange={(e) => void update({ syncEnabled: checked(e) })}
          />{' '}
          Sync my reading list through my browser account (the browser’s own sync storage)
        </label>
      </p>
    </section>
  );
}
