/** arXiv's OAI-PMH vocabulary (sets, URLs, Retry-After), the category picker's data and the harvest plan. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  EARLIEST_DATESTAMP,
  isDay,
  listRecordsUrl,
  resumeUrl,
  retryAfterMs,
  setSpecFor,
} from '../../../src/harvest/oai';
import { buildTasks, estimate, updateTasks, wallTimeFor, windowDays } from '../../../src/harvest/plan';
import { HARVEST_CATEGORIES, harvestCategory, searchCategories, setsFor } from '../../../src/harvest/taxonomy';

const cat = (code: string) => {
  const c = harvestCategory(code);
  if (!c) throw new Error(`no category ${code}`);
  return c;
};

describe('OAI sets of arXiv categories', () => {
  it.each([
    ['cs.LG', 'cs:cs:LG'],
    ['cs', 'cs'],
    ['math', 'math'],
    ['math.AG', 'math:math:AG'],
    ['stat.ML', 'stat:stat:ML'],
    ['hep-th', 'physics:hep-th'],
    ['quant-ph', 'physics:quant-ph'],
    ['astro-ph.CO', 'physics:astro-ph:CO'],
    ['cond-mat.str-el', 'physics:cond-mat:str-el'],
    ['physics.optics', 'physics:physics:optics'],
    ['physics', 'physics:physics'],
    ['nlin.CD', 'physics:nlin:CD'],
    ['q-bio.NC', 'q-bio:q-bio:NC'],
    ['eess.SP', 'eess:eess:SP'],
  ])('%s is in set %s', (code, set) => {
    expect(setSpecFor(code)).toBe(set);
  });

  it('has no set for legacy archives or typos', () => {
    for (const code of ['alg-geom', 'cmp-lg', 'cs..LG', 'CS.LG', '', 'cs.LG; DROP'])
      expect(setSpecFor(code)).toBeUndefined();
  });

  // arXiv's own ListSets answer, rendered by its oaipmh code: every category of the picker is a real set.
  const listSets = new URL(
    '../../../../shared/fixtures/real/arxiv_oai/rendered_by_arxiv_oaipmh_code/arXiv-oaipmh-rendered__ListSets.xml',
    import.meta.url,
  );
  it.skipIf(!existsSync(listSets))('maps every harvestable category to a set arXiv lists (real ListSets)', () => {
    const sets = new Set([...readFileSync(listSets, 'utf8').matchAll(/<setSpec>([^<]+)<\/setSpec>/g)].map((m) => m[1]));
    const missing = HARVEST_CATEGORIES.filter((c) => !sets.has(c.set)).map((c) => `${c.code} → ${c.set}`);
    expect(missing).toEqual([]);
    expect(HARVEST_CATEGORIES.length).toBeGreaterThan(150);
  });
});

describe('OAI-PMH requests', () => {
  it('asks for a window with set, format and dates, and for the next page with the token alone', () => {
    const first = new URL(
      listRecordsUrl({ set: 'cs:cs:LG', from: '2026-01-01', until: '2026-01-31', format: 'arXiv' }),
    );
    expect(first.origin + first.pathname).toBe('https://oaipmh.arxiv.org/oai');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      verb: 'ListRecords',
      metadataPrefix: 'arXiv',
      set: 'cs:cs:LG',
      from: '2026-01-01',
      until: '2026-01-31',
    });
    const next = new URL(resumeUrl('6930213|1001'));
    expect(Object.fromEntries(next.searchParams)).toEqual({ verb: 'ListRecords', resumptionToken: '6930213|1001' });
  });

  it('reads Retry-After as seconds or an HTTP date, never below 3 s, and ignores nonsense', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('0', now)).toBe(3000);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(3000);
    expect(retryAfterMs('99999999', now)).toBe(24 * 3600_000);
    for (const bad of [undefined, null, '', 'soon', '-5']) expect(retryAfterMs(bad, now)).toBeUndefined();
  });

  it('knows calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2026-13-01', '2026-1-01', '20260101', 7]) expect(isDay(bad)).toBe(false);
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });
});

describe('the category picker', () => {
  it('offers every current category with an expected size, and no legacy archive', () => {
    const data = JSON.parse(readFileSync(new URL('../../../data/arxiv-categories.json', import.meta.url), 'utf8'));
    const current = Object.entries(data.categories as Record<string, string>).filter(
      ([, n]) => !n.endsWith('(legacy)'),
    );
    expect(HARVEST_CATEGORIES.map((c) => c.code)).toEqual(current.map(([c]) => c));
    expect(Object.keys(data.perYear)).toEqual(current.map(([c]) => c));
    for (const c of HARVEST_CATEGORIES) expect(Number.isInteger(c.perYear) && c.perYear > 0, c.code).toBe(true);
    expect(harvestCategory('alg-geom')).toBeUndefined();
  });

  it('finds categories by code or by the words of their name', () => {
    const codes = (q: string) => searchCategories(q).map((c) => c.code);
    expect(codes('machine learning')).toEqual(['cs.LG', 'stat.ML']);
    expect(codes('cs.cl')).toEqual(['cs.CL']);
    expect(codes('hep')).toEqual(['hep-ex', 'hep-lat', 'hep-ph', 'hep-th']);
    expect(codes('astro co')).toContain('astro-ph.CO');
    expect(codes('zzz')).toEqual([]);
    expect(codes('')).toHaveLength(HARVEST_CATEGORIES.length);
  });

  it('harvests an archive once, not again for its categories, and names unknown codes', () => {
    const { chosen, unknown } = setsFor(['cs.LG', 'cs', 'stat.ML', 'cs.CL', 'stat.ML', 'nope']);
    expect(chosen.map((c) => c.set)).toEqual(['cs', 'stat:stat:ML']);
    expect(unknown).toEqual(['nope']);
  });
});

describe('the plan: windows, estimates, wall time', () => {
  it('cuts a busy category into short windows that cover every day once, up to today', () => {
    const tasks = buildTasks([cat('cs.LG')], '2025-01-01', '2026-11-30');
    expect(windowDays(cat('cs.LG').perYear)).toBe(37);
    expect(tasks[0]).toMatchObject({ set: 'cs:cs:LG', from: '2025-01-01', until: '2025-02-06' });
    for (let i = 1; i < tasks.length; i++) expect(tasks[i]?.from).toBe(addDays(tasks[i - 1]?.until ?? '', 1));
    expect(tasks.at(-1)?.until).toBe('2026-11-30');
    const total = tasks.reduce((n, t) => n + t.expected, 0);
    expect(Math.abs(total - (cat('cs.LG').perYear * 699) / 365)).toBeLessThan(tasks.length);
  });

  it('gives a quiet category one window, and starts no earlier than arXiv has datestamps', () => {
    const tasks = buildTasks([cat('cs.GL')], '1995-01-01', '2026-11-30');
    expect(tasks[0]?.from).toBe(EARLIEST_DATESTAMP);
    expect(tasks.length).toBe(Math.ceil((daysBetween(EARLIEST_DATESTAMP, '2026-11-30') + 1) / 3650));
  });

  it('updates each set from the day it was complete through', () => {
    const tasks = updateTasks([cat('cs.LG'), cat('hep-th')], { 'cs:cs:LG': '2026-11-29' }, '2026-01-01', '2026-12-01');
    expect(tasks.map((t) => [t.set, t.from, t.until])).toEqual([
      ['cs:cs:LG', '2026-11-29', '2026-12-01'],
      ['physics:hep-th', '2026-01-01', '2026-12-01'],
    ]);
  });

  it('estimates requests per window and the least wall time at one request every 3 s', () => {
    const tasks = buildTasks([cat('cs.LG')], '2026-01-01', '2026-12-31');
    const e = estimate(tasks);
    expect(e.requests).toBe(tasks.reduce((n, t) => n + Math.max(1, Math.ceil(t.expected / 1000)), 0));
    expect(e.minMs).toBe((e.requests - 1) * 3000);
    expect(wallTimeFor(100, 1000)).toBe(99 * 3000 + 1000);
    expect(wallTimeFor(100, 5000)).toBe(100 * 5000);
    expect(wallTimeFor(0, 5000)).toBe(0);
  });
});
