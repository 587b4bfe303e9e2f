/**
 * The background side of the harvest: the messages that start and steer it, and the driver that runs it
 * one request at a time with the alarm that brings a stopped worker back.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { createHandlers, type Handlers } from '../../../src/background/handlers';
import { HarvestDriver, type HarvestDriverDeps } from '../../../src/background/harvest-service';
import { type Database, openDatabase } from '../../../src/db/database';
import { countPapers } from '../../../src/db/papers';
import { DAY_MS } from '../../../src/harvest/view';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import { recorded } from './fake-oai';

let db: Database;
let t: number;
let wakes: number;
let handlers: Handlers;
beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory(), name: `harvest-service-${Math.random()}` });
  t = Date.parse('2026-11-30T21:40:00Z');
  wakes = 0;
  const dbFn = async () => db;
  handlers = createHandlers({
    db: dbFn,
    engine: new EngineService(dbFn),
    settings: async () => DEFAULT_SETTINGS,
    now: () => new Date(t),
    harvest: { wake: () => void wakes++ },
  });
});

function driver(extra: Partial<HarvestDriverDeps> = {}) {
  const log = { asked: [] as { url: URL; at: number }[], alarms: [] as (number | undefined)[], changed: 0 };
  const d = new HarvestDriver({
    db: async () => db,
    now: () => t,
    online: () => true,
    sleep: async (ms) => {
      t += ms;
    },
    alarm: async (when) => void log.alarms.push(when),
    fetchText: async (raw) => {
      const url = new URL(raw);
      log.asked.push({ url, at: t });
      t += 250;
      return recorded(url);
    },
    corpusChanged: async () => void log.changed++,
    ...extra,
  });
  return { d, log };
}

const start = (categories = ['cs.LG']) => handlers['harvest/start']({ categories, start: '2026-11-23' });

describe('harvest messages', () => {
  it('start a harvest and nudge the driver; a second one is refused while the first is under way', async () => {
    const r = await start();
    expect(r.harvest).toMatchObject({ status: 'running', categories: ['cs.LG'], start: '2026-11-23', windows: 1 });
    expect(wakes).toBe(1);
    await expect(start(['hep-th'])).rejects.toThrow('a harvest is already running: cancel it first');
    await handlers['harvest/pause']({});
    await expect(start(['hep-th'])).rejects.toThrow('a harvest is already paused: cancel it first');
    await handlers['harvest/cancel']({});
    expect((await start(['hep-th'])).harvest?.categories).toEqual(['hep-th']);
  });

  it('refuse bad requests with a BadRequest naming the field', async () => {
    for (const [data, message] of [
      [{ categories: 'cs.LG', start: '2026-11-23' }, /categories must be a list/],
      [{ categories: ['cs.LG'], start: 20261123 }, /start must be a day/],
      [{ categories: ['cs.LG'], start: '2026-11-23', format: 'oai_dc' }, /format must be one of arXiv, arXivRaw/],
      [{ categories: ['alg-geom'], start: '2026-11-23' }, /no OAI-PMH set for alg-geom/],
      [{ categories: ['cs.LG'], start: '2027-01-01' }, /in the future/],
    ] as const) {
      const e = await handlers['harvest/start'](data as never).catch((x: Error) => x);
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).name).toBe('BadRequest');
      expect((e as Error).message).toMatch(message);
    }
    await expect(handlers['harvest/pause']({})).rejects.toThrow('there is no harvest to change: start one first');
    await expect(handlers['harvest/daily']({ daily: 'yes' } as never)).rejects.toThrow('daily must be true or false');
  });

  it('say when the stored harvest cannot be read, and let a new one replace it', async () => {
    await db.put('meta', { formatVersion: 1, id: 'x' }, 'harvest');
    expect(await handlers['harvest/status']({})).toEqual({
      harvest: null,
      unreadable: 'the saved harvest state is damaged',
    });
    await expect(handlers['harvest/resume']({})).rejects.toThrow(/cannot be read .* start a new one/);
    expect((await start()).harvest?.status).toBe('running');
  });
});

describe('the driver', () => {
  it('runs a started harvest to the end, one request at a time, 3 s apart, telling search after each page', async () => {
    await start(['cs.LG', 'stat.ML']);
    const { d, log } = driver();
    await d.wake();
    const status = await handlers['harvest/status']({});
    expect(status.harvest).toMatchObject({ status: 'done', totals: { read: 9, added: 8, requests: 4 } });
    expect(log.asked).toHaveLength(4);
    for (let i = 1; i < log.asked.length; i++)
      expect((log.asked[i]?.at ?? 0) - (log.asked[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(3000);
    expect(log.changed).toBe(4);
    expect(await countPapers(db, 'imported')).toBe(8);
    // Done, no daily update: the alarm is cleared.
    expect(log.alarms.at(-1)).toBeUndefined();
  });

  it('always sets the alarm past a step, so a worker stopped during it is woken to carry on', async () => {
    await start();
    // The worker is stopped while its first request is in flight: the answer never comes.
    let sent = 0;
    const stopped = driver({
      fetchText: () => {
        sent = t;
        return new Promise(() => undefined);
      },
    });
    void stopped.d.wake();
    await expect.poll(() => sent).toBeGreaterThan(0);
    const alarm = stopped.log.alarms[0] ?? 0;
    expect(alarm).toBeGreaterThan(sent);
    // The alarm starts a new worker, which reads the stored harvest and carries on from it.
    t = alarm;
    const { d, log } = driver();
    await d.wake();
    const after = (await handlers['harvest/status']({})).harvest;
    expect(after).toMatchObject({ status: 'done', totals: { read: 7, requests: 4 } });
    expect(Object.fromEntries(log.asked[0]?.url.searchParams ?? [])).toMatchObject({
      set: 'cs:cs:LG',
      from: '2026-11-23',
    });
  });

  it('leaves a long wait to the alarm (Retry-After of minutes) instead of sleeping through it', async () => {
    await start();
    const busy = driver({ fetchText: async () => ({ status: 503, text: '', retryAfter: '600' }) });
    await busy.d.wake();
    const waitUntil = busy.log.alarms.at(-1) ?? 0;
    expect(waitUntil - t).toBeGreaterThan(590_000);
    expect(busy.log.alarms.length).toBeLessThan(5);
    t = waitUntil;
    const { d } = driver();
    await d.wake();
    expect((await handlers['harvest/status']({})).harvest?.status).toBe('done');
  });

  it('schedules the daily update a day after a build, and runs it when the alarm comes', async () => {
    await handlers['harvest/start']({ categories: ['cs.LG'], start: '2026-11-23', daily: true });
    const { d, log } = driver();
    await d.wake();
    const done = (await handlers['harvest/status']({})).harvest;
    expect(done?.nextUpdateAt).toBe((done?.finishedAt ?? 0) + DAY_MS);
    expect(log.alarms.at(-1)).toBe(done?.nextUpdateAt);
    t = (done?.nextUpdateAt ?? 0) + 1;
    await d.wake();
    const updated = (await handlers['harvest/status']({})).harvest;
    expect(updated).toMatchObject({ status: 'done', pass: 'update', counts: { requests: 1 } });
    expect(Object.fromEntries(log.asked.at(-1)?.url.searchParams ?? [])).toMatchObject({
      from: '2026-11-30',
      until: '2026-12-01',
    });
    await handlers['harvest/daily']({ daily: false });
    await d.wake();
    expect(log.alarms.at(-1)).toBeUndefined();
  });

  it('does nothing, and asks for nothing, when no harvest was started', async () => {
    const { d, log } = driver();
    await d.wake();
    expect(log.asked).toEqual([]);
    expect(log.alarms).toEqual([undefined]);
  });
});
