import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import corpus from '../data/corpus.json';
import { EngineService } from '../src/background/engine-service';
import { describeError } from '../src/background/errors';
import { createHandlers, dispatch } from '../src/background/handlers';
import { startHarvest } from '../src/background/harvest-start';
import { installBundle } from '../src/background/install';
import { registerMenusAndCommands } from '../src/background/menus';
import { watchSiteScripts } from '../src/background/site-scripts';
import { openWelcomeOnce } from '../src/background/welcome';
import { validateBundle } from '../src/corpus/bundle';
import { indexPending } from '../src/db/corpus';
import { type Database, openDatabase } from '../src/db/database';
import { refusal } from '../src/messaging/access';
import { parseRequest } from '../src/messaging/protocol';
import { parseSettings } from '../src/settings/schema';
import { getSettings, updateSettings } from '../src/settings/store';
import { startSync } from '../src/sync/background';

export default defineBackground({
  main() {
    const bundle = validateBundle(corpus);
    // One open database per service-worker life; the bundled corpus is installed (or found current)
    // before any handler reads it.
    let ready: Promise<Database> | undefined;
    const db = (): Promise<Database> => {
      ready ??= (async () => {
        if (!bundle.ok) throw new Error(`the bundled corpus is invalid: ${bundle.error}`);
        const d = await openDatabase();
        // Papers stored before the index existed are indexed first (the bundle update reads the index).
        while ((await indexPending(d)) > 0);
        await installBundle(d, bundle.value);
        return d;
      })();
      ready.catch(() => {
        ready = undefined;
      });
      return ready;
    };
    const engine = new EngineService(db, bundle.ok ? (bundle.value.authorStats ?? []) : [], {
      // Chrome stops a worker 30 s after its last extension event or API call: a long merge calls one.
      keepAlive: () => void browser.runtime.getPlatformInfo(),
    });
    const saveSettings = async (raw: Record<string, unknown>) => void (await updateSettings(parseSettings(raw)));
    const wake = () => void harvest.wake();
    const deps = { db, engine, settings: getSettings, saveSettings, now: () => new Date(), harvest: { wake } };
    const handlers = createHandlers(deps);
    // Each harvested page reaches search through the same path as an import from the options page.
    const harvest = startHarvest(db, () => handlers['corpus/changed']({}));
    registerMenusAndCommands(handlers);
    startSync(db, getSettings);
    watchSiteScripts();

    browser.runtime.onInstalled.addListener(({ reason }) => {
      void db().then(() => engine.busy());
      void openWelcomeOnce(reason);
    });

    browser.runtime.onMessage.addListener((raw: unknown, sender) => {
      // Only our own contexts may talk to the background; content scripts only with the overlay's messages.
      if (sender.id !== browser.runtime.id) return undefined;
      const request = parseRequest(raw);
      if (!request) return Promise.resolve({ ok: false, error: 'unknown or malformed message' });
      const refused = refusal(request.type, sender, browser.runtime.id, browser.runtime.getURL('/'));
      if (refused) return Promise.resolve({ ok: false, error: refused });
      engine.busy();
      return dispatch(handlers, request).then(
        (value) => ({ ok: true, value }),
        (e: unknown) => ({ ok: false, error: describeError(e) }),
      );
    });
  },
});
