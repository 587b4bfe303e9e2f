import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../../src/core/paper';
import { newEntry } from '../../../src/db/reading-list';
import type { ReadingListEntry } from '../../../src/db/schema';
import { visibleRange } from '../../../src/ui/components/VirtualList';
import { visibleEntries } from '../../../src/ui/library/ReadingListView';
import { parseRoute, routeHash } from '../../../src/ui/library/route';

describe('library page routes', () => {
  it('land the overlay’s links on the right view', () => {
    expect(parseRoute('#author=roberts%20d')).toEqual({ view: 'author', key: 'roberts d' });
    expect(parseRoute('#topic=scaling-laws')).toEqual({ view: 'topic', key: 'scaling-laws' });
    expect(parseRoute('#paper=hep-th%2F9901001')).toEqual({ view: 'paper', key: 'hep-th/9901001' });
    expect(parseRoute('#corpus')).toEqual({ view: 'corpus' });
    expect(parseRoute('')).toEqual({ view: 'list' });
    expect(parseRoute('#author=')).toEqual({ view: 'list' });
    expect(parseRoute('#paper=%E0%A4%A')).toEqual({ view: 'list' });
  });
  it('round-trip through routeHash', () => {
    for (const h of ['#author=a%20b', '#topic=cs.LG', '#paper=2210.16859', '#backup'])
      expect(routeHash(parseRoute(h))).toBe(h);
  });
});

describe('virtual list', () => {
  it('renders only the rows in view plus the overscan', () => {
    expect(visibleRange(10_000, 0, 34, 680, 6)).toEqual({ first: 0, last: 26 });
    expect(visibleRange(10_000, 34 * 5000, 34, 680, 6)).toEqual({ first: 4994, last: 5026 });
    expect(visibleRange(10, 0, 34, 680, 6)).toEqual({ first: 0, last: 9 });
    expect(visibleRange(0, 0, 34, 680, 6).last).toBe(-1);
  });
});

describe('reading-list table', () => {
  const at = (d: string) => new Date(`2026-01-${d}T00:00:00Z`);
  const e = (id: string, title: string, d: string, extra: Partial<ReadingListEntry> = {}): ReadingListEntry => ({
    ...newEntry({ id: id as PaperId, title, authors: [{ name: 'Ada Lovelace', key: 'lovelace a' }] }, at(d)),
    ...extra,
  });
  const list = [
    e('2101.00001', 'Beta paper', '01', { status: 'read', tags: ['Theory'] }),
    e('2101.00002', 'Alpha paper', '02', { notes: 'mentions transformers' }),
    e('2101.00003', 'Gamma paper', '03', { status: 'reading', priority: 1 }),
  ];
  const ids = (xs: ReadingListEntry[]) => xs.map((x) => x.paperId);
  it('filters by text (title, notes, authors), status and tag', () => {
    const base = { text: '', status: '' as const, tag: '', sort: 'added' as const };
    expect(ids(visibleEntries(list, { ...base, text: 'transformers' }))).toEqual(['2101.00002']);
    expect(ids(visibleEntries(list, { ...base, status: 'read' }))).toEqual(['2101.00001']);
    expect(ids(visibleEntries(list, { ...base, tag: 'theory' }))).toEqual(['2101.00001']);
    expect(visibleEntries(list, { ...base, text: 'lovelace' })).toHaveLength(3);
  });
  it('sorts newest saved first, by title, by status and by priority', () => {
    const base = { text: '', status: '' as const, tag: '' };
    expect(ids(visibleEntries(list, { ...base, sort: 'added' }))).toEqual(['2101.00003', '2101.00002', '2101.00001']);
    expect(ids(visibleEntries(list, { ...base, sort: 'title' }))).toEqual(['2101.00002', '2101.00001', '2101.00003']);
    expect(ids(visibleEntries(list, { ...base, sort: 'status' }))[0]).toBe('2101.00003');
    expect(ids(visibleEntries(list, { ...base, sort: 'priority' }))[0]).toBe('2101.00003');
  });
});
