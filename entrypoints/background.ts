import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import corpus from '../data/corpus.json';
import { createHandlers, dispatch } from '../src/background/handlers';
import { installBundle } from '../src/background/install';
import { validateBundle } from '../src/corpus/bundle';
import { type Database, openDatabase } from '../src/db/database';
import { parseRequest } from '../src/messaging/protocol';

export default defineBackground({
  main() {
    // One open database per service-worker life; the bundled corpus is installed (or found current)
    // before any handler reads it.
    let ready: Promise<Database> | undefined;
    const db = (): Promise<Database> => {
      ready ??= (async () => {
        const d = await openDatabase();
        const bundle = validateBundle(corpus);
        if (!bundle.ok) throw new Error(`Paperlens: the bundled corpus is invalid: ${bundle.error}`);
        await installBundle(d, bundle.value);
        return d;
      })();
      ready.catch(() => {
        ready = undefined;
      });
      return ready;
    };
    const handlers = createHandlers({ db, now: () => new Date() });

    browser.runtime.onInstalled.addListener(() => {
      void db();
    });

    browser.runtime.onMessage.addListener((raw: unknown, sender) => {
      // Only our own contexts may talk to the background.
      if (sender.id !== browser.runtime.id) return undefined;
      const request = parseRequest(raw);
      if (!request) return Promise.resolve({ ok: false, error: 'unknown or malformed message' });
      return dispatch(handlers, request).then(
        (value) => ({ ok: true, value }),
        (e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
    });
  },
});
