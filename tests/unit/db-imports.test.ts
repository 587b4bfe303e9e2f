/** Imports into IndexedDB (fake-indexeddb): batches, resumable records, removal, learned papers. */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { installBundle } from '../../src/background/install';
import type { Paper, PaperId } from '../../src/core/paper';
import { validateBundle } from '../../src/corpus/bundle';
import { importStream } from '../../src/corpus/importers/index';
import type { ImportFormat } from '../../src/corpus/importers/report';
import { readManifest } from '../../src/db/corpus';
import { type Database, openDatabase } from '../../src/db/database';
import { importPapers, learnPapers, removeImport } from '../../src/db/imports';
import { allPapers, countPapers, getPaper } from '../../src/db/papers';
import { listEntries, newEntry, putEntry } from '../../src/db/reading-list';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/importers/${name}`, import.meta.url), 'utf8');
const bundle = (() => {
  const r = validateBundle(JSON.parse(readFileSync(new URL('../../data/corpus.json', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

let db: Database;
beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory(), name: `imports-${Math.random()}` });
});

async function runImport(format: ImportFormat, file: string, importId = `${format}-1`, batchSize = 2) {
  const options = { file, importId, at: '2026-02-01T00:00:00.000Z' };
  return importPapers(db, importStream(format, fixture(file), options), { ...options, format, batchSize });
}

describe('importing a file', () => {
  it('counts read, added, merged and rejected, and records a finished import', async () => {
    const report = await runImport('arxiv-snapshot', 'snapshot.jsonl');
    expect(report).toMatchObject({ read: 5, added: 3, merged: 0, rejected: 2 });
    expect(await countPapers(db)).toBe(3);
    expect(await db.get('imports', 'arxiv-snapshot-1')).toMatchObject({
      state: 'done',
      read: 5,
      added: 3,
      rejected: 2,
    });
  });

  it('merges on re-import, updating metadata, and never touches the reading list', async () => {
    await runImport('arxiv-snapshot', 'snapshot.jsonl');
    const paper = (await allPapers(db))[0] as Paper;
    const entry = { ...newEntry(paper, new Date('2026-01-01T00:00:00Z')), status: 'reading' as const, notes: 'mine' };
    await putEntry(db, entry);
    const again = await runImport('arxiv-snapshot', 'snapshot.jsonl');
    expect(again).toMatchObject({ added: 0, merged: 3 });
    expect(await countPapers(db)).toBe(3);
    expect((await getPaper(db, paper.id))?.provenance).toHaveLength(1);
    expect(await listEntries(db)).toEqual([entry]);
  });

  it('leaves a malformed file’s unparsed part out, and the corpus otherwise unchanged', async () => {
    await installBundle(db, bundle);
    const before = await allPapers(db);
    const report = await runImport('arxiv-atom', 'truncated.xml');
    expect(report.error).toMatch(/malformed XML/);
    expect(report).toMatchObject({ read: 1, added: 1 });
    const after = await allPapers(db);
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((p) => before.some((b) => b.id === p.id))).toEqual(before);
    expect(await db.get('imports', 'arxiv-atom-1')).toMatchObject({ state: 'partial' });
  });

  it('an import that fails at once (API error feed) writes no paper', async () => {
    const report = await runImport('arxiv-atom', 'atom-error.xml');
    expect(report.error).toMatch(/arXiv API error/);
    expect(await countPapers(db)).toBe(0);
  });

  it('merges into a bundled paper without losing its bundled provenance or full author list', async () => {
    await installBundle(db, bundle);
    const report = await runImport('bibtex', 'reading-list.bib');
    expect(report.rejected).toBe(1);
    const solvable = bundle.papers.find((p) => p.id === '2210.16859') as Paper;
    const stored = await getPaper(db, solvable.id);
    expect(stored?.provenance.map((p) => p.kind)).toEqual(['bundled', 'imported']);
    expect(stored?.authors).toEqual(solvable.authors);
    expect(stored?.abstract).toBe(solvable.abstract);
  });
  it('a file that lacks a field (no authors, no abstract) leaves what the corpus had', async () => {
    await installBundle(db, bundle);
    const solvable = bundle.papers.find((p) => p.id === '2210.16859') as Paper;
    // As the real title-and-abstract sample gives a paper: a title, no authors, no categories.
    const bare: Paper = {
      id: solvable.id,
      title: solvable.title,
      authors: [],
      abstract: '',
      provenance: [{ kind: 'imported', importId: 'sample', file: 'sample.jsonl', at: '2026-02-01T00:00:00.000Z' }],
    };
    await importPapers(db, [bare], { importId: 'sample', file: 'sample.jsonl', format: 'arxiv-jsonl' });
    const stored = await getPaper(db, solvable.id);
    expect(stored?.authors).toEqual(solvable.authors);
    expect(stored?.abstract).toBe(solvable.abstract);
    expect(stored?.categories).toEqual(solvable.categories);
    expect(stored?.provenance.map((p) => p.kind)).toEqual(['bundled', 'imported']);
  });
});

describe('removing an import', () => {
  it('deletes papers only that import brought, and strips it from the others', async () => {
    await installBundle(db, bundle);
    await runImport('bibtex', 'reading-list.bib', 'bib-1');
    const result = await removeImport(db, 'bib-1');
    expect(result.kept).toBeGreaterThan(0);
    const ids = (await allPapers(db)).map((p) => p.id).sort();
    expect(ids).toEqual(bundle.papers.map((p) => p.id).sort());
    for (const p of await allPapers(db)) expect(p.provenance.map((q) => q.kind)).toEqual(['bundled']);
    expect(await db.get('imports', 'bib-1')).toBeUndefined();
  });

  it('an interrupted import can be resumed by running it again with the same id', async () => {
    const items = importStream('arxiv-snapshot', fixture('snapshot.jsonl'), {
      file: 'snapshot.jsonl',
      importId: 'snap',
      at: '2026-02-01T00:00:00.000Z',
    });
    // Interrupt after the first batch: the source throws, as a closed tab or a crash would.
    async function* interrupted() {
      let n = 0;
      for await (const item of items) {
        if (item.kind === 'paper' && ++n > 1) throw new Error('interrupted');
        yield item;
      }
    }
    await expect(
      importPapers(db, interrupted(), {
        importId: 'snap',
        file: 'snapshot.jsonl',
        format: 'arxiv-snapshot',
        batchSize: 1,
      }),
    ).rejects.toThrow('interrupted');
    expect(await db.get('imports', 'snap')).toMatchObject({ state: 'partial', added: 1 });
    expect(await countPapers(db)).toBe(1);
    await runImport('arxiv-snapshot', 'snapshot.jsonl', 'snap');
    expect(await db.get('imports', 'snap')).toMatchObject({ state: 'done' });
    expect(await countPapers(db)).toBe(3);
  });
});

describe('learning papers from pages', () => {
  it('adds unknown papers as learned, and only adds the page to known ones', async () => {
    await installBundle(db, bundle);
    const known = bundle.papers[0] as Paper;
    // A listing page shows less than the bundle knows: a shortened title and no authors or abstract.
    const glimpse: Paper = { id: known.id, title: 'A shortened title', authors: [], provenance: [] };
    const fresh: Paper = { id: '2601.00001' as PaperId, title: 'New', authors: [], provenance: [] };
    const result = await learnPapers(
      db,
      [glimpse, fresh],
      'https://arxiv.org/list/cs.LG/new',
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(result).toEqual({ added: 1, merged: 1 });
    const stored = await getPaper(db, known.id);
    expect(stored?.title).toBe(known.title);
    expect(stored?.authors).toEqual(known.authors);
    expect(stored?.abstract).toBe(known.abstract);
    expect(stored?.provenance.map((p) => p.kind)).toEqual(['bundled', 'learned']);
    expect((await getPaper(db, fresh.id))?.provenance).toEqual([
      { kind: 'learned', url: 'https://arxiv.org/list/cs.LG/new', at: '2026-03-01T00:00:00.000Z' },
    ]);
  });

  it('a page seen again writes nothing: the corpus revision stays, so caches of it stay good', async () => {
    const id = '2601.00003' as PaperId;
    const at = new Date('2026-03-01T00:00:00Z');
    const page = {
      id,
      title: 'Seen',
      authors: ['A. Author'],
      abstract: 'Text.',
      categories: ['cs.LG'],
      provenance: [],
    };
    await learnPapers(
      db,
      [{ ...page, authors: [{ name: 'A. Author', key: 'author|a' }] }],
      'https://arxiv.org/abs/2601.00003',
      at,
    );
    const before = (await readManifest(db)).revision;
    await learnPapers(
      db,
      [{ ...page, authors: [{ name: 'A. Author', key: 'author|a' }] }],
      'https://arxiv.org/abs/2601.00003',
      new Date('2026-03-02T00:00:00Z'),
    );
    expect((await readManifest(db)).revision).toBe(before);
  });

  it('remembers the first page that showed a paper; later pages only fill what it lacks', async () => {
    const id = '2601.00002' as PaperId;
    const at = new Date('2026-03-01T00:00:00Z');
    await learnPapers(db, [{ id, title: 'Seen', authors: [], provenance: [] }], 'https://arxiv.org/list/cs.LG/new', at);
    const first = await getPaper(db, id);
    // The same paper on every day's listing: the record does not grow.
    for (const day of ['02', '03', '04'])
      await learnPapers(
        db,
        [{ id, title: 'Seen again', authors: [], provenance: [] }],
        `https://arxiv.org/list/cs.LG/pastweek?day=${day}`,
        at,
      );
    expect(await getPaper(db, id)).toEqual(first);
    // An abs page shows the abstract the listing did not: that fills the gap, nothing else changes.
    await learnPapers(
      db,
      [{ id, title: 'Seen', authors: [], abstract: 'What it says.', categories: ['cs.LG'], provenance: [] }],
      'https://arxiv.org/abs/2601.00002',
      at,
    );
    const filled = await getPaper(db, id);
    expect(filled?.abstract).toBe('What it says.');
    expect(filled?.categories).toEqual(['cs.LG']);
    expect(filled?.title).toBe('Seen');
    expect(filled?.provenance).toEqual(first?.provenance);
  });
});
