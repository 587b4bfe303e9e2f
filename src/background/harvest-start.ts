/**
 * The harvest driver wired to the browser: the one alarm, the events that wake it (the alarm, a browser
 * start, this worker starting at all), the real fetch and clock. Listeners are added synchronously when
 * the worker starts, as MV3 requires for events to wake it.
 */
import { browser } from 'wxt/browser';
import type { Database } from '../db/database';
import { fetchText } from '../options/fetch-text';
import { systemClock } from '../options/rate-limit';
import { HARVEST_ALARM, HarvestDriver } from './harvest-service';

export function startHarvest(db: () => Promise<Database>, corpusChanged: () => Promise<unknown>): HarvestDriver {
  const driver = new HarvestDriver({
    db,
    fetchText,
    now: () => Date.now(),
    online: () => navigator.onLine,
    sleep: (ms) => systemClock.sleep(ms),
    alarm: async (when) => {
      if (when === undefined) await browser.alarms.clear(HARVEST_ALARM);
      else await browser.alarms.create(HARVEST_ALARM, { when });
    },
    corpusChanged,
    keepAlive: () => void browser.runtime.getPlatformInfo().catch(() => undefined),
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === HARVEST_ALARM) void driver.wake();
  });
  browser.runtime.onStartup.addListener(() => void driver.wake());
  // A worker that was stopped mid-harvest starts again on any event: carry on.
  void driver.wake();
  return driver;
}
