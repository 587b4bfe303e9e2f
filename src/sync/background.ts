/**
 * Sync wiring in the background: off unless the user turned `syncEnabled` on. Then a round runs at
 * start, after every local reading-list change (debounced) and whenever storage.sync changes (another
 * browser pushed). Our own pushes also fire storage.onChanged; the round after them finds nothing to do.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Database } from '../db/database';
import type { Settings } from '../settings/schema';
import { watchSettings } from '../settings/store';
import { type SyncArea, type SyncReport, syncOnce } from './service';
import { onReadingListChanged } from './signal';

const area: SyncArea = {
  get: () => browser.storage.sync.get(null) as Promise<Record<string, unknown>>,
  set: (items) => browser.storage.sync.set(items),
  remove: (keys) => browser.storage.sync.remove(keys),
};

const deviceItem = storage.defineItem<string>('local:syncDevice');

/** A random id per browser profile, for the tie-break of equal timestamps. */
export async function deviceId(): Promise<string> {
  let id = await deviceItem.getValue();
  if (!id) {
    id = crypto.randomUUID();
    await deviceItem.setValue(id);
  }
  return id;
}

export const lastSyncReport = storage.defineItem<(SyncReport & { at: string; error?: string }) | null>(
  'local:syncReport',
  { fallback: null },
);

/** `syncEnabled` is the options page's toggle; read defensively so an older settings shape means off. */
const enabled = (s: Settings) => (s as { syncEnabled?: unknown }).syncEnabled === true;

export function startSync(db: () => Promise<Database>, settings: () => Promise<Settings>): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = running.then(async () => {
      if (!enabled(await settings())) return;
      try {
        const r = await syncOnce(await db(), area, await deviceId(), new Date());
        await lastSyncReport.setValue({ ...r, at: new Date().toISOString() });
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        await lastSyncReport.setValue({ pulled: 0, pushed: 0, left: [], at: new Date().toISOString(), error });
      }
    });
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(round, 1500);
  };
  onReadingListChanged(soon);
  browser.storage.onChanged.addListener((_changes, areaName) => {
    if (areaName === 'sync') soon();
  });
  watchSettings((s) => {
    if (enabled(s)) soon();
  });
  round();
}
