import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { installBundle } from '../../../src/background/install';
import { applyPatch, validatePatch } from '../../../src/backup/entry';
import { BACKUP_FORMAT_VERSION, canonical, describePlan, parseBackup } from '../../../src/backup/format';
import type { Paper, PaperId } from '../../../src/core/paper';
import { validateBundle } from '../../../src/corpus/bundle';
import { planBackupRestore, readBackup, restoreBackup } from '../../../src/db/backup';
import { type Database, openDatabase } from '../../../src/db/database';
import { learnPapers } from '../../../src/db/imports';
import { newEntry, putEntry } from '../../../src/db/reading-list';

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')));
const now = new Date('2026-11-23T10:00:00.000Z');
const settings = { learnFromPages: false, theme: 'dark' };

async function freshProfile(): Promise<Database> {
  const db = await openDatabase({ factory: new IDBFactory() });
  if (!bundle.ok) throw new Error(bundle.error);
  await installBundle(db, bundle.value);
  return db;
}

const learned: Paper = {
  id: '2501.09876' as PaperId,
  arxivId: '2501.09876' as PaperId & never,
  title: 'A Paper Seen on a Page',
  authors: [{ name: 'Ada Lovelace', key: 'lovelace a' }],
  published: '2025-01-17',
  provenance: [{ kind: 'learned', url: 'https://arxiv.org/abs/2501.09876', at: '2026-11-20T09:00:00.000Z' }],
};

let db: Database;
beforeEach(async () => {
  db = await freshProfile();
  await learnPapers(db, [learned], 'https://arxiv.org/abs/2501.09876', new Date('2026-11-20T09:00:00.000Z'));
  const e = newEntry({ ...learned }, new Date('2026-11-21T08:00:00.000Z'));
  await putEntry(db, applyPatch(e, { status: 'read', tags: ['theory', 'to cite'], notes: 'Eq. 4 ✓' }, now));
  await putEntry(db, newEntry({ id: '2210.16859' as PaperId, title: 'A Solvable Model', authors: [] }, now));
});

describe('full backup', () => {
  it('restores exactly into a fresh profile: export → import → export gives the same file', async () => {
    const first = await readBackup(db, settings, now);
    expect(first.formatVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(first.readingList.map((e) => e.paperId)).toEqual(['2210.16859', '2501.09876']);
    expect(first.papers.map((p) => p.id)).toContain('2501.09876');
    const text = JSON.stringify(first);

    const fresh = await freshProfile();
    const parsed = parseBackup(JSON.parse(text));
    if (!parsed.ok) throw new Error(parsed.error);
    const plan = await planBackupRestore(fresh, parsed.value, {});
    expect(plan.entries).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(plan.settings).toBe(true);
    expect(describePlan(plan)).toMatch(/^2 reading-list entries added, 0 updated; /);
    await restoreBackup(fresh, parsed.value);
    const second = await readBackup(fresh, settings, now);
    expect(canonical(second)).toBe(canonical(first));
    // Restoring again changes nothing.
    expect((await planBackupRestore(fresh, parsed.value, settings)).entries).toEqual({
      added: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it('refuses a file cut short or with one bad record, naming what is wrong, and writes nothing', async () => {
    const good = await readBackup(db, settings, now);
    const text = JSON.stringify(good);
    expect(() => JSON.parse(text.slice(0, text.length / 2))).toThrow();
    const bad = { ...good, readingList: [...good.readingList, { ...good.readingList[0], paperId: 'nope' }] };
    const r = parseBackup(JSON.parse(JSON.stringify(bad)));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/reading-list entry #3: entry nope: bad paperId/) });
    const dup = parseBackup(
      JSON.parse(JSON.stringify({ ...good, readingList: [good.readingList[0], good.readingList[0]] })),
    );
    expect(dup.ok ? '' : dup.error).toMatch(/appears twice/);
    expect(parseBackup({ ...good, papers: undefined })).toMatchObject({ ok: false });
    expect(parseBackup({ ...good, formatVersion: 2 })).toEqual({
      ok: false,
      error: expect.stringMatching(/formatVersion 2 is newer/),
    });
    expect(parseBackup([])).toMatchObject({ ok: false });
  });
});

describe('reading-list edits', () => {
  const base = newEntry({ id: '2210.16859' as PaperId, title: 'T', authors: [] }, new Date('2026-01-01T00:00:00Z'));
  it('set readAt when the status becomes read, keep it while read and clear it when unread', () => {
    const read = applyPatch(base, { status: 'read' }, now);
    expect(read.readAt).toBe(now.toISOString());
    expect(applyPatch(read, { notes: 'x' }, new Date('2027-01-01T00:00:00Z')).readAt).toBe(now.toISOString());
    expect(applyPatch(read, { status: 'reading' }, now).readAt).toBeUndefined();
  });
  it('clean tags (trimmed, no repeats ignoring case) and leave an unchanged entry untouched', () => {
    const e = applyPatch(base, { tags: [' ML ', 'ml', 'theory'] }, now);
    expect(e.tags).toEqual(['ML', 'theory']);
    expect(applyPatch(e, { addTags: ['Theory', 'new'], removeTags: ['ml'] }, now).tags).toEqual(['theory', 'new']);
    expect(applyPatch(e, { tags: ['ML', 'theory'] }, new Date('2030-01-01T00:00:00Z'))).toBe(e);
  });
  it('refuse bad edits with a clear error', () => {
    expect(validatePatch({ status: 'done' })).toMatchObject({ ok: false, error: expect.stringMatching(/status/) });
    expect(validatePatch({ priority: 4 })).toMatchObject({ ok: false });
    expect(validatePatch({ colour: 'red' })).toMatchObject({ ok: false, error: expect.stringMatching(/colour/) });
    expect(validatePatch({ tags: ['x'.repeat(61)] })).toMatchObject({ ok: false });
    expect(validatePatch({ notes: 'fine', priority: 1 })).toMatchObject({ ok: true });
  });
});
