/** The harvest's stored state: what the user may ask for, reading it back, and controls crossing a step. */
import { describe, expect, it } from 'vitest';
import {
  cancel,
  type HarvestState,
  isHarvestImport,
  mergeCommit,
  newHarvest,
  newHarvestId,
  parseHarvestState,
  pause,
  resume,
  setDaily,
} from '../../../src/harvest/state';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const made = (req: Parameters<typeof newHarvest>[0]) => newHarvest(req, 'harvest-1', NOW);
const state = (): HarvestState => {
  const r = made({ categories: ['cs.LG'], start: '2026-06-01' });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('starting a harvest', () => {
  it('refuses what arXiv could not answer, saying why', () => {
    const error = (req: Parameters<typeof newHarvest>[0]) => {
      const r = made(req);
      return r.ok ? undefined : r.error;
    };
    expect(error({ categories: [], start: '2026-01-01' })).toBe('choose at least one arXiv category');
    expect(error({ categories: ['cs.LG', 'alg-geom', 'xx'], start: '2026-01-01' })).toBe(
      'arXiv has no OAI-PMH set for alg-geom, xx',
    );
    expect(error({ categories: ['cs.LG'], start: '2026-02-30' })).toMatch(/must be a day/);
    expect(error({ categories: ['cs.LG'], start: '2026-12-02' })).toMatch(/in the future/);
    expect(error({ categories: Array.from({ length: 21 }, () => 'cs.LG'), start: '2026-01-01' })).toMatch(/at most 20/);
  });

  it('starts running, with windows up to today, nothing counted and no request made yet', () => {
    const s = state();
    expect(s).toMatchObject({ status: 'running', pass: 'build', format: 'arXiv', daily: false, taskIndex: 0 });
    expect(s.tasks.at(-1)?.until).toBe('2026-12-01');
    expect(s.totals).toEqual({ read: 0, added: 0, merged: 0, rejected: 0, requests: 0 });
    expect(s.lastRequestAt).toBeUndefined();
  });

  it('gets an id that is also its import id', () => {
    const id = newHarvestId(new Date(NOW), () => 0.5);
    expect(id).toBe('harvest-20261201T100000000Z-i000');
    expect(isHarvestImport(id)).toBe(true);
    expect(isHarvestImport('import-20261201T100000000Z-ci00')).toBe(false);
  });
});

describe('reading the stored state back', () => {
  it('reads what it wrote', () => {
    const s = state();
    expect(parseHarvestState(structuredClone(s))).toEqual({ ok: true, value: s });
  });

  it('refuses a damaged or foreign state instead of harvesting from a guess', () => {
    const s = state() as unknown as Record<string, unknown>;
    for (const [field, bad] of [
      ['status', 'sleeping'],
      ['taskIndex', 999],
      ['tasks', [{ set: 'cs:cs:LG' }]],
      ['totals', { read: -1 }],
      ['through', { 'cs:cs:LG': 'yesterday' }],
      ['pageSize', 0],
      ['token', 42],
    ] as const)
      expect(parseHarvestState({ ...s, [field]: bad }), field).toEqual({
        ok: false,
        error: 'the saved harvest state is damaged',
      });
    expect(parseHarvestState({ ...s, formatVersion: 2 })).toEqual({
      ok: false,
      error: 'the harvest was saved by another version of Paperlens (format 2)',
    });
    expect(parseHarvestState(null).ok).toBe(false);
  });
});

describe('the user and a step crossing', () => {
  const before = state();
  const after: HarvestState = { ...before, token: 't2', totals: { ...before.totals, read: 1000, requests: 1 } };

  it('stores the step as it is when nothing changed meanwhile', () => {
    expect(mergeCommit(before, before, after)).toBe(after);
  });

  it('keeps a pause or a cancel made during the step, and the step’s progress', () => {
    expect(mergeCommit(pause(before), before, after)).toMatchObject({
      status: 'paused',
      token: 't2',
      totals: { read: 1000 },
    });
    const cancelled = mergeCommit(cancel(before, NOW + 5), before, after);
    expect(cancelled).toMatchObject({ status: 'cancelled', finishedAt: NOW + 5, totals: { read: 1000 } });
  });

  it('keeps the daily switch the user flipped, and leaves a newer harvest alone', () => {
    expect(mergeCommit(setDaily(before, true), before, after)?.daily).toBe(true);
    const other = { ...before, id: 'harvest-2' };
    expect(mergeCommit(other, before, after)).toBe(other);
    expect(mergeCommit(undefined, before, after)).toBeUndefined();
  });

  it('lets controls apply only where they make sense', () => {
    const done: HarvestState = { ...before, status: 'done' };
    expect(pause(done)).toBe(done);
    expect(resume(done)).toBe(done);
    expect(cancel(done, NOW)).toBe(done);
    expect(resume(pause(before)).status).toBe('running');
    expect(resume({ ...before, status: 'error', failures: 4, error: { kind: 'network', message: 'x' } })).toMatchObject(
      {
        status: 'running',
        failures: 0,
      },
    );
  });
});
