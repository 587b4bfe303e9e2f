import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../../src/core/paper';
import { type Database, openDatabase } from '../../../src/db/database';
import { newEntry, putEntry, removeEntry } from '../../../src/db/reading-list';
import { recordRemovals, type SyncArea, syncOnce } from '../../../src/sync/service';

function memoryArea(): SyncArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async () => JSON.parse(JSON.stringify(data)),
    set: async (items) => void Object.assign(data, JSON.parse(JSON.stringify(items))),
    remove: async (keys) => {
      for (const k of keys) delete data[k];
    },
  };
}
const paper = (id: string) => ({ id: id as PaperId, title: `Paper ${id}`, authors: [{ name: 'A B', key: 'b a' }] });
const open = () => openDatabase({ factory: new IDBFactory() });

describe('syncing the reading list between two browsers', () => {
  it('brings each browser the other one’s entries, edits and removals', async () => {
    const area = memoryArea();
    const one: Database = await open();
    const two: Database = await open();
    await putEntry(one, newEntry(paper('2101.00001'), new Date('2026-01-01T00:00:00Z')));
    await putEntry(two, { ...newEntry(paper('2101.00002'), new Date('2026-01-01T00:00:00Z')), notes: 'mine' });
    await syncOnce(one, area, 'one', new Date('2026-01-02T00:00:00Z'));
    await syncOnce(two, area, 'two', new Date('2026-01-02T00:00:00Z'));
    await syncOnce(one, area, 'one', new Date('2026-01-02T00:00:00Z'));
    expect((await one.getAllKeys('readingList')).sort()).toEqual(['2101.00001', '2101.00002']);
    expect((await two.get('readingList', '2101.00002'))?.notes).toBe('mine');

    await removeEntry(two, '2101.00001' as PaperId);
    await recordRemovals(two, ['2101.00001' as PaperId], new Date('2026-01-03T00:00:00Z'));
    await syncOnce(two, area, 'two', new Date('2026-01-03T00:00:00Z'));
    const r = await syncOnce(one, area, 'one', new Date('2026-01-03T00:00:00Z'));
    expect(r.pulled).toBe(1);
    expect(await one.getAllKeys('readingList')).toEqual(['2101.00002']);
    // Converged: another round on either side changes nothing.
    expect(await syncOnce(two, area, 'two', new Date('2026-01-03T00:00:00Z'))).toMatchObject({ pulled: 0, pushed: 0 });
  });
});
