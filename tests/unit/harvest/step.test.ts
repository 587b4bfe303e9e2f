/**
 * The harvest state machine on a fake clock, against recorded OAI-PMH answers and a real (fake-indexeddb)
 * database: arXiv's rate and Retry-After are honoured, every error path ends in a clear message with
 * nothing half-written, and the harvest resumes from what is stored after any step.
 */
import { describe, expect, it } from 'vitest';
import { updateHarvest } from '../../../src/db/harvest-store';
import { allPapers, countPapers } from '../../../src/db/papers';
import { MIN_INTERVAL_MS } from '../../../src/harvest/oai';
import {
  cancel,
  type HarvestRequest,
  type HarvestState,
  newHarvest,
  pause,
  resume,
  setDaily,
  startUpdate,
} from '../../../src/harvest/state';
import { BUSY_DEFAULT_MS, MAX_BUSY, RETRY_DELAYS_MS, readyAt } from '../../../src/harvest/step';
import { DAY_MS, harvestView, nextAction } from '../../../src/harvest/view';
import { type Harness, harness, oaiFixture } from './fake-oai';

const ID = 'harvest-test-1';

async function begin(h: Harness, req: Partial<HarvestRequest> = {}): Promise<HarvestState> {
  const made = newHarvest({ categories: ['cs.LG'], start: '2026-11-23', ...req }, ID, h.now());
  if (!made.ok) throw new Error(made.error);
  await updateHarvest(h.db, () => made.value);
  return made.value;
}

const gaps = (h: Harness) => h.asked.slice(1).map((a, i) => a.at - (h.asked[i]?.at ?? 0));
const ask = (h: Harness, i: number) => Object.fromEntries(h.asked[i]?.url.searchParams ?? []);

describe('a harvest over several pages', () => {
  it('follows resumption tokens to the end, one request every 3 s, and imports every record', async () => {
    const h = await harness();
    await begin(h, { categories: ['cs.LG', 'stat.ML'] });
    const end = await h.runToEnd();
    expect(end?.status).toBe('done');
    expect(h.asked.map((_, i) => ask(h, i))).toEqual([
      { verb: 'ListRecords', metadataPrefix: 'arXiv', set: 'cs:cs:LG', from: '2026-11-23', until: '2026-11-30' },
      // A token is an exclusive argument: nothing else goes with it.
      { verb: 'ListRecords', resumptionToken: '6930213|1001' },
      { verb: 'ListRecords', resumptionToken: '6930213|2001' },
      { verb: 'ListRecords', metadataPrefix: 'arXiv', set: 'stat:stat:ML', from: '2026-11-23', until: '2026-11-30' },
    ]);
    for (const g of gaps(h)) expect(g).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
    // 7 cs.LG records and 2 stat.ML ones, one of which is a cs.LG cross-list: 8 papers, one merged.
    expect(end?.totals).toEqual({ read: 9, added: 8, merged: 1, rejected: 0, requests: 4 });
    expect(await countPapers(h.db, 'imported')).toBe(8);
    expect(end?.through).toEqual({ 'cs:cs:LG': '2026-11-30', 'stat:stat:ML': '2026-11-30' });
    // One import for the whole harvest, with its totals, removable as a whole.
    expect(await h.db.get('imports', ID)).toMatchObject({ state: 'done', read: 9, added: 8, merged: 1 });
    const routing = (await allPapers(h.db)).find((p) => p.id === '2611.20101');
    expect(routing?.provenance).toEqual([expect.objectContaining({ kind: 'imported', importId: ID })]);
    expect(routing?.authors.map((a) => a.name)).toEqual(['Adaeze Okafor', 'Henrik Lindqvist']);
  });

  it('keeps the token, the window and the counts after each page (what a restarted worker reads)', async () => {
    const h = await harness();
    await begin(h);
    await h.turn();
    expect(await h.stored()).toMatchObject({
      token: '6930213|1001',
      taskIndex: 0,
      window: { read: 3, requests: 1, size: 7 },
      pageSize: 3,
      totals: { read: 3, requests: 1 },
    });
    const view = harvestView((await h.stored()) as HarvestState, h.now());
    expect(view.current).toMatchObject({ category: 'cs.LG', set: 'cs:cs:LG', from: '2026-11-23', page: 1, read: 3 });
    // 4 records left in the window at 3 a page: 2 requests.
    expect(view.requestsLeft).toBe(2);
    expect(view.etaMs).toBeGreaterThanOrEqual(2 * MIN_INTERVAL_MS - 1);
  });

  it('reads the arXivRaw format (versions and their dates)', async () => {
    const h = await harness();
    await begin(h, { categories: ['hep-th'], format: 'arXivRaw' });
    const end = await h.runToEnd();
    expect(ask(h, 0)).toMatchObject({ metadataPrefix: 'arXivRaw', set: 'physics:hep-th' });
    expect(end?.totals).toMatchObject({ read: 2, added: 2 });
    const islands = (await allPapers(h.db)).find((p) => p.id === '2611.20215');
    expect(islands?.authors.map((a) => a.name)).toEqual(['Tomas Ruiz', 'Aisha Bello']);
    expect(islands?.published).toBe('2026-11-24');
  });

  it('counts the request and its time before sending it: a worker stopped mid-request still waits 3 s', async () => {
    const h = await harness();
    await begin(h);
    await h.turn();
    // The next request: the worker stops while it is in flight (its answer never arrives).
    h.env.fetchText = async () => {
      throw new Error('worker stopped');
    };
    const sentAt = readyAt((await h.stored()) as HarvestState);
    await h.turn();
    const s = (await h.stored()) as HarvestState;
    expect(s.lastRequestAt).toBe(sentAt);
    expect(s.totals.requests).toBe(2);
    expect(readyAt(s)).toBeGreaterThanOrEqual(sentAt + MIN_INTERVAL_MS);
  });

  it('asks for the same page again when stopped between writing papers and storing the new position', async () => {
    const h = await harness();
    await begin(h);
    await h.turn();
    h.failCommit = (after) => after.token === '6930213|2001';
    await expect(h.turn()).rejects.toThrow('worker stopped');
    const s = await h.stored();
    expect(s?.token).toBe('6930213|1001');
    const end = await h.runToEnd();
    expect(ask(h, 2)).toEqual({ verb: 'ListRecords', resumptionToken: '6930213|1001' });
    // Page 2 was written twice; its papers merged into themselves, and it is counted once.
    expect(end?.totals.read).toBe(7);
    expect(await countPapers(h.db, 'imported')).toBe(7);
  });
});

describe("arXiv's flow control", () => {
  it('waits as long as a 503 Retry-After says, shows it, and then goes on', async () => {
    const h = await harness();
    await begin(h);
    h.script.push(undefined, { status: 503, text: 'Retry after 120 seconds', retryAfter: '120' });
    await h.turn();
    const busy = await h.turn();
    expect(busy?.status).toBe('running');
    expect(busy?.wait).toMatchObject({ reason: 'retry-after' });
    expect(busy?.wait?.message).toMatch(/wait 120 s \(HTTP 503 with Retry-After: 120\)/);
    const at503 = h.asked[1]?.at ?? 0;
    expect(readyAt(busy as HarvestState)).toBe(at503 + h.latencyMs + 120_000);
    expect(harvestView(busy as HarvestState, h.now()).wait?.message).toMatch(/Retry-After/);
    const end = await h.runToEnd();
    expect(end?.status).toBe('done');
    expect((h.asked[2]?.at ?? 0) - at503).toBeGreaterThanOrEqual(120_000);
    // The 503 asked for page 2; after the wait the same page is asked for.
    expect(ask(h, 2)).toEqual(ask(h, 1));
    expect(end?.totals.read).toBe(7);
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const h = await harness();
    await begin(h);
    const when = new Date(h.now() + 10 * 60_000).toUTCString();
    h.script.push({ status: 503, text: '', retryAfter: when });
    const s = await h.turn();
    // Whole seconds: HTTP dates carry no milliseconds.
    expect(Math.abs(readyAt(s as HarvestState) - Date.parse(when))).toBeLessThan(1000);
  });

  it('waits a minute on a 503 without Retry-After, and stops after too many 503s in a row', async () => {
    const h = await harness();
    await begin(h);
    h.script.push({ status: 503, text: '' });
    const first = await h.turn();
    expect(readyAt(first as HarvestState) - (h.asked[0]?.at ?? 0) - h.latencyMs).toBe(BUSY_DEFAULT_MS);
    for (let i = 0; i < MAX_BUSY; i++) h.script.push({ status: 503, text: '', retryAfter: '5' });
    const end = await h.runToEnd();
    expect(end?.status).toBe('error');
    expect(end?.error?.kind).toBe('busy');
    expect(end?.error?.message).toMatch(/HTTP 503 21 times in a row/);
    expect(await countPapers(h.db, 'imported')).toBe(0);
  });

  it('keeps a Retry-After wait through pause and resume', async () => {
    const h = await harness();
    await begin(h);
    h.script.push({ status: 503, text: '', retryAfter: '300' });
    const waiting = (await h.turn()) as HarvestState;
    const resumed = resume(pause(waiting));
    expect(readyAt(resumed)).toBe(readyAt(waiting));
  });
});

describe('errors: a clear message, nothing half-written, resumable', () => {
  it('retries a cut connection after a back-off, then carries on', async () => {
    const h = await harness();
    await begin(h);
    h.script.push(undefined, 'cut');
    await h.turn();
    const cut = await h.turn();
    expect(cut?.status).toBe('running');
    expect(cut?.wait?.message).toMatch(
      /arXiv could not be reached \(Failed to fetch \(connection reset\)\)\. Trying again in 10 s/,
    );
    const end = await h.runToEnd();
    expect(end?.status).toBe('done');
    expect(end?.totals.read).toBe(7);
    expect((h.asked[2]?.at ?? 0) - (h.asked[1]?.at ?? 0)).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0] ?? 0);
  });

  it('stops with the reason after repeated failures, and resumes on request', async () => {
    const h = await harness();
    await begin(h);
    h.script.push(...Array.from({ length: RETRY_DELAYS_MS.length + 1 }, () => 'cut' as const));
    const stopped = await h.runToEnd();
    expect(stopped?.status).toBe('error');
    expect(stopped?.error).toMatchObject({ kind: 'network' });
    expect(stopped?.error?.message).toMatch(
      /\(tried 4 times\)\. Nothing was half-written; resume when you are ready\./,
    );
    await updateHarvest(h.db, (s) => (s ? resume(s) : s));
    const end = await h.runToEnd();
    expect(end?.status).toBe('done');
    expect(end?.totals.read).toBe(7);
  });

  it('writes nothing of a malformed (truncated) answer, and asks again', async () => {
    const h = await harness();
    await begin(h);
    const page1 = oaiFixture('cs.LG-1.xml');
    // Cut inside the third record: two whole records are in the text, but none of it may be written.
    h.script.push({ status: 200, text: page1.slice(0, page1.indexOf('2611.20133') + 40) });
    const broken = await h.turn();
    expect(broken?.wait?.message).toMatch(/arXiv's answer could not be read \(malformed XML/);
    expect(await countPapers(h.db, 'imported')).toBe(0);
    expect(broken?.totals.read).toBe(0);
    const end = await h.runToEnd();
    expect(end?.totals.read).toBe(7);
  });

  it('asks for the window again from its start when arXiv forgot the token (badResumptionToken)', async () => {
    const h = await harness();
    await begin(h);
    h.script.push(undefined, { status: 200, text: oaiFixture('badResumptionToken.xml') });
    await h.turn();
    const restarted = await h.turn();
    expect(restarted?.wait?.message).toMatch(/badResumptionToken.*again from its start/);
    expect(restarted?.token).toBeUndefined();
    expect(restarted?.totals.read).toBe(0);
    const end = await h.runToEnd();
    expect(ask(h, 2)).toMatchObject({ set: 'cs:cs:LG', from: '2026-11-23', until: '2026-11-30' });
    expect(end?.status).toBe('done');
    expect(end?.totals).toMatchObject({ read: 7, added: 7 });
    expect(await countPapers(h.db, 'imported')).toBe(7);
  });

  it('takes noRecordsMatch as an empty window, not an error', async () => {
    const h = await harness();
    await begin(h, { categories: ['cs.GL'] });
    const end = await h.runToEnd();
    expect(end?.status).toBe('done');
    expect(end?.error).toBeUndefined();
    expect(end?.totals).toMatchObject({ read: 0, requests: 1 });
    // No papers, no empty import left behind.
    expect(await h.db.get('imports', ID)).toBeUndefined();
  });

  it('stops at once on badArgument (retrying would get the same answer), naming the request', async () => {
    const h = await harness();
    await begin(h);
    h.script.push({ status: 200, text: oaiFixture('badArgument.xml') });
    const end = await h.turn();
    expect(end?.status).toBe('error');
    expect(end?.error?.kind).toBe('oai');
    expect(end?.error?.message).toMatch(/arXiv refused the request: OAI-PMH error badArgument: Illegal date/);
    expect(end?.error?.message).toContain('set=cs%3Acs%3ALG');
    expect(h.asked).toHaveLength(1);
  });

  it('retries HTTP 500 but stops on HTTP 404', async () => {
    const h = await harness();
    await begin(h);
    h.script.push({ status: 500, text: 'Internal Server Error' });
    expect((await h.turn())?.wait?.message).toMatch(/arXiv answered HTTP 500\. Trying again/);
    h.script.push({ status: 404, text: 'Not Found' });
    const end = await h.turn();
    expect(end?.status).toBe('error');
    expect(end?.error?.message).toMatch(/^arXiv answered HTTP 404\. Nothing was half-written/);
  });

  it('sends nothing while offline, and says so', async () => {
    const h = await harness();
    await begin(h);
    h.online = false;
    const s = await h.turn();
    expect(h.asked).toHaveLength(0);
    expect(s?.totals.requests).toBe(0);
    expect(s?.wait?.message).toMatch(/You are offline/);
    h.online = true;
    expect((await h.runToEnd())?.status).toBe('done');
  });

  it('reports refused storage as an error and keeps the page to ask again', async () => {
    const h = await harness();
    await begin(h);
    const real = h.env.importPage;
    h.env.importPage = async () => {
      throw Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    };
    const end = await h.turn();
    expect(end?.status).toBe('error');
    expect(end?.error).toMatchObject({ kind: 'storage' });
    expect(end?.token).toBeUndefined();
    h.env.importPage = real;
    await updateHarvest(h.db, (s) => (s ? resume(s) : s));
    expect((await h.runToEnd())?.totals.read).toBe(7);
  });
});

describe('the user steering a running harvest', () => {
  it('a pause during a request keeps both the pause and the page it brought', async () => {
    const h = await harness();
    await begin(h);
    const real = h.env.fetchText;
    h.env.fetchText = async (url) => {
      await updateHarvest(h.db, (s) => (s ? pause(s) : s));
      return real(url);
    };
    const s = await h.turn();
    expect(s?.status).toBe('paused');
    expect(s?.token).toBe('6930213|1001');
    expect(s?.totals.read).toBe(3);
    h.env.fetchText = real;
    expect(await h.turn()).toMatchObject({ status: 'paused' });
    expect(h.asked).toHaveLength(1);
    await updateHarvest(h.db, (x) => (x ? resume(x) : x));
    expect((await h.runToEnd())?.totals.read).toBe(7);
  });

  it('cancel stops for good and keeps what was harvested as a finished import', async () => {
    const h = await harness();
    await begin(h);
    await h.turn();
    await updateHarvest(h.db, (s) => (s ? cancel(s, h.now()) : s));
    const s = await h.stored();
    expect(s?.status).toBe('cancelled');
    expect(await h.turn()).toMatchObject({ status: 'cancelled' });
    expect(h.asked).toHaveLength(1);
    expect(await h.db.get('imports', ID)).toMatchObject({ state: 'done', read: 3 });
    expect(harvestView(s as HarvestState, h.now()).requestsLeft).toBe(0);
  });
});

describe('the daily update', () => {
  it('harvests each set from the day it was complete through, once a day, and takes no news calmly', async () => {
    const h = await harness();
    await begin(h, { daily: true });
    const built = (await h.runToEnd()) as HarvestState;
    const next = nextAction(built, h.now());
    expect(next).toEqual({ kind: 'update', at: (built.finishedAt ?? 0) + DAY_MS });
    h.advance(DAY_MS);
    await updateHarvest(h.db, (s) => (s ? startUpdate(s, h.now()) : s));
    const updated = await h.runToEnd();
    // From the day cs:cs:LG was complete through, to today; nothing new: noRecordsMatch, not an error.
    expect(ask(h, 3)).toMatchObject({ set: 'cs:cs:LG', from: '2026-11-30', until: '2026-12-01' });
    expect(updated).toMatchObject({ status: 'done', pass: 'update', passCounts: { read: 0, requests: 1 } });
    expect(updated?.totals.read).toBe(7);
    expect(updated?.through).toEqual({ 'cs:cs:LG': '2026-12-01' });
  });

  it('is off unless asked for, and can be turned off', async () => {
    const h = await harness();
    await begin(h);
    const built = (await h.runToEnd()) as HarvestState;
    expect(nextAction(built, h.now())).toEqual({ kind: 'idle' });
    expect(nextAction(setDaily(built, true), h.now()).kind).toBe('update');
    expect(nextAction(setDaily(setDaily(built, true), false), h.now())).toEqual({ kind: 'idle' });
  });
});
