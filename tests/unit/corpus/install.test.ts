/** Installing the bundled corpus into IndexedDB (fake-indexeddb) without touching user data. */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { installBundle, installedCorpusVersion } from '../../../src/background/install';
import type { Paper, PaperId } from '../../../src/core/paper';
import { type CorpusBundle, validateBundle } from '../../../src/corpus/bundle';
import { type Database, openDatabase } from '../../../src/db/database';
import { importPapers } from '../../../src/db/imports';
import { allPapers, getPaper } from '../../../src/db/papers';
import { listEntries, newEntry, putEntry } from '../../../src/db/reading-list';

const bundle = (() => {
  const r = validateBundle(JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

/** The next corpus release: one paper dropped, one retitled, a new version string. */
function nextRelease(b: CorpusBundle): CorpusBundle {
  const [dropped, retitled, ...rest] = b.papers;
  if (!dropped || !retitled) throw new Error('bundle too small');
  const v = `${b.corpusVersion}-next`;
  const bundled = [{ kind: 'bundled', corpusVersion: v }] as const;
  return {
    ...b,
    corpusVersion: v,
    papers: [
      { ...retitled, title: `${retitled.title} (revised)`, provenance: bundled },
      ...rest.map((p) => ({ ...p, provenance: bundled })),
    ],
  };
}

let db: Database;
beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory(), name: `install-${Math.random()}` });
});

describe('installing the bundled corpus', () => {
  it('installs every paper on first run and records the version', async () => {
    expect(await installBundle(db, bundle)).toBe('installed');
    expect((await allPapers(db)).map((p) => p.id).sort()).toEqual(bundle.papers.map((p) => p.id).sort());
    expect(await installedCorpusVersion(db)).toBe(bundle.corpusVersion);
  });

  it('does nothing when the same version is installed again', async () => {
    await installBundle(db, bundle);
    expect(await installBundle(db, bundle)).toBe('current');
  });

  it('updates to a new corpus version: drops bundled-only papers it no longer has, updates the others', async () => {
    await installBundle(db, bundle);
    const next = nextRelease(bundle);
    expect(await installBundle(db, next)).toBe('installed');
    const ids = (await allPapers(db)).map((p) => p.id).sort();
    expect(ids).toEqual(next.papers.map((p) => p.id).sort());
    const retitled = next.papers[0] as Paper;
    expect((await getPaper(db, retitled.id))?.title).toBe(retitled.title);
    expect(await installedCorpusVersion(db)).toBe(next.corpusVersion);
  });

  it('never touches the reading list, imported papers, or what an import added to a bundled paper', async () => {
    await installBundle(db, bundle);
    const [first, second] = bundle.papers as [Paper, Paper];
    const entry = { ...newEntry(first, new Date('2026-01-01T00:00:00Z')), notes: 'read §3', tags: ['theory'] };
    await putEntry(db, entry);
    // The user imported the first (dropped in the next release) and a paper the bundle never had.
    const imported = { kind: 'imported', importId: 'bib-1', file: 'mine.bib', at: '2026-01-02T00:00:00Z' } as const;
    const own: Paper = {
      id: 'title:abc123' as PaperId,
      title: 'My Own Note Paper',
      authors: [],
      provenance: [imported],
    };
    await importPapers(db, [{ ...first, comments: 'from my bib', provenance: [imported] }, own], {
      importId: 'bib-1',
      file: 'mine.bib',
      format: 'bibtex',
    });
    await installBundle(db, nextRelease(bundle));
    expect(await listEntries(db)).toEqual([entry]);
    const kept = await getPaper(db, first.id);
    expect(kept?.provenance).toEqual([imported]);
    expect(kept?.comments).toBe('from my bib');
    expect(await getPaper(db, own.id)).toEqual(own);
    expect((await getPaper(db, second.id))?.title).toMatch(/\(revised\)$/);
  });
});
