import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../../src/core/paper';
import type { ReadingListEntry } from '../../../src/db/schema';
import {
  decodeItems,
  encodeItems,
  merge,
  prune,
  SYNC_QUOTA,
  type SyncRecord,
  type SyncState,
  TOMBSTONE_TTL_MS,
} from '../../../src/sync/merge';

const entry = (id: string, at: number, notes = ''): ReadingListEntry => ({
  paperId: id as PaperId,
  status: 'to-read',
  priority: 2,
  tags: [],
  notes,
  addedAt: new Date(at).toISOString(),
  updatedAt: new Date(at).toISOString(),
  title: `Paper ${id}`,
  authors: ['A. Author'],
});

const ids = ['2101.00001', '2101.00002', '2101.00003', '2101.00004'];
const record: fc.Arbitrary<SyncRecord> = fc
  .record({
    at: fc.integer({ min: 1_600_000_000_000, max: 1_600_000_000_005 }),
    device: fc.constantFrom('a', 'b', 'c'),
    gone: fc.boolean(),
    notes: fc.constantFrom('', 'x', 'y'),
  })
  .map(({ at, device, gone, notes }) => ({ at, device, entry: gone ? null : entry('2101.00001', at, notes) }));
const state: fc.Arbitrary<SyncState> = fc
  .array(fc.tuple(fc.constantFrom(...ids), record), { maxLength: 6 })
  .map(
    (pairs) =>
      new Map(pairs.map(([id, r]) => [id, r.entry ? { ...r, entry: { ...r.entry, paperId: id as PaperId } } : r])),
  );

const text = (s: SyncState) => JSON.stringify([...s].sort(([x], [y]) => x.localeCompare(y)));
const same = (a: SyncState, b: SyncState) => {
  expect(text(a)).toBe(text(b));
};

describe('reading-list sync merge', () => {
  it('is commutative: two browsers end in the same state whichever pulls first', () => {
    fc.assert(fc.property(state, state, (a, b) => same(merge(a, b), merge(b, a))));
  });
  it('is associative: three browsers converge in any grouping', () => {
    fc.assert(fc.property(state, state, state, (a, b, c) => same(merge(merge(a, b), c), merge(a, merge(b, c)))));
  });
  it('is idempotent: pulling the same state twice changes nothing', () => {
    fc.assert(fc.property(state, state, (a, b) => same(merge(merge(a, b), b), merge(a, b))));
  });

  it('keeps both edits when two browsers edit different entries', () => {
    const a = new Map([['2101.00001', { entry: entry('2101.00001', 10, 'from a'), at: 10, device: 'a' }]]);
    const b = new Map([['2101.00002', { entry: entry('2101.00002', 11, 'from b'), at: 11, device: 'b' }]]);
    const m = merge(a, b);
    expect(m.get('2101.00001')?.entry?.notes).toBe('from a');
    expect(m.get('2101.00002')?.entry?.notes).toBe('from b');
  });

  it('lets the later edit of one entry win, and a removal after an edit remove it', () => {
    const older = { entry: entry('2101.00001', 10, 'old'), at: 10, device: 'z' };
    const newer = { entry: entry('2101.00001', 20, 'new'), at: 20, device: 'a' };
    expect(merge(new Map([['x', older]]), new Map([['x', newer]])).get('x')?.entry?.notes).toBe('new');
    const removed = { entry: null, at: 30, device: 'a' };
    expect(merge(new Map([['x', newer]]), new Map([['x', removed]])).get('x')?.entry).toBeNull();
  });

  it('forgets tombstones after their expiry, and keeps entries forever', () => {
    const s = new Map<string, SyncRecord>([
      ['2101.00001', { entry: null, at: 0, device: 'a' }],
      ['2101.00002', { entry: entry('2101.00002', 0), at: 0, device: 'a' }],
    ]);
    expect([...prune(s, TOMBSTONE_TTL_MS + 1).keys()]).toEqual(['2101.00002']);
    expect(prune(s, TOMBSTONE_TTL_MS).size).toBe(2);
  });
});

describe('storage.sync items', () => {
  it('round-trip entries and tombstones through the compact form', () => {
    const e: ReadingListEntry = {
      ...entry('2210.16859', Date.UTC(2026, 0, 2)),
      status: 'read',
      readAt: '2026-01-03T00:00:00.000Z',
      tags: ['scaling', 'theory'],
      notes: 'Section 3 is the key.',
      priority: 1,
    };
    const s = new Map<string, SyncRecord>([
      ['2210.16859', { entry: e, at: Date.parse(e.updatedAt), device: 'dev1' }],
      ['2101.00009', { entry: null, at: 5, device: 'dev2' }],
    ]);
    const { items, left } = encodeItems(s);
    expect(left).toEqual([]);
    expect(Object.fromEntries(decodeItems(JSON.parse(JSON.stringify(items))))).toEqual(Object.fromEntries(s));
  });

  it('stay within the quotas when the reading list is bigger than storage.sync, newest first', () => {
    const s = new Map<string, SyncRecord>();
    for (let i = 0; i < 2000; i++) {
      const id = `2101.${String(i).padStart(5, '0')}`;
      s.set(id, { entry: { ...entry(id, i * 1000, 'n'.repeat(30)), tags: ['a', 'b'] }, at: i * 1000, device: 'd' });
    }
    const big = `2101.99999`;
    s.set(big, { entry: entry(big, 9e12, 'x'.repeat(9000)), at: 9e12, device: 'd' });
    const { items, left } = encodeItems(s);
    const sizes = Object.entries(items).map(([k, v]) => new TextEncoder().encode(k + JSON.stringify(v)).length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(SYNC_QUOTA.perItem);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(SYNC_QUOTA.total);
    expect(sizes.length).toBeLessThanOrEqual(SYNC_QUOTA.items);
    expect(left).toContain(big);
    expect(items['e:2101.01999']).toBeDefined(); // the newest entries sync
    expect(items['e:2101.00000']).toBeUndefined(); // the oldest stay local
    expect(left.length + sizes.length).toBe(2001);
  });

  it('ignores items that are not ours or do not parse', () => {
    expect(decodeItems({ settings: 1, 'e:not-an-id': { u: 1, d: 'a', x: 1 }, 'e:2101.00001': { u: 'x' } }).size).toBe(
      0,
    );
  });
});
