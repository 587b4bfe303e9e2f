import { existsSync, readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/db/database';
import { countPapers } from '../../../src/db/papers';
import { ImportError, isRefusedWrite, runImport } from '../../../src/options/import-runner';

const SAMPLE = new URL('../../../../shared/samples/arxiv-2024-03-title-abstract.jsonl', import.meta.url);

let db: Database;
beforeEach(async () => {
  db = await openDatabase({ factory: new IDBFactory() });
});

/** A File as the options page gets it, cut into small chunks so lines straddle them. */
function fileOf(name: string, text: string, chunk = 97) {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    size: bytes.byteLength,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
          c.close();
        },
      }),
  };
}

const snapshotLine = (id: string, title: string, categories = 'cs.LG') =>
  JSON.stringify({
    id,
    title,
    authors: 'Ada Lovelace and Alan Turing',
    abstract: 'An abstract.',
    categories,
    versions: [{ version: 'v1', created: 'Mon, 2 Apr 2007 19:18:42 GMT' }],
  });

describe('importing a file from the options page', () => {
  it('streams a snapshot file into the corpus and reports read, added, merged and rejected with lines', async () => {
    const text = [
      snapshotLine('2401.00001', 'First paper'),
      '{not json',
      snapshotLine('2401.00002', 'Second paper', 'hep-th'),
      snapshotLine('2401.00001', 'First paper, revised'),
    ].join('\n');
    const progress: number[] = [];
    const report = await runImport(db, fileOf('snap.jsonl', text), {
      batchSize: 2,
      onProgress: (p) => progress.push(p.bytes),
    });
    expect(report).toMatchObject({ format: 'arxiv-snapshot', read: 4, added: 2, merged: 1, rejected: 1 });
    expect(report.rejections[0]?.where).toBe('line 2');
    expect(await countPapers(db, 'imported')).toBe(2);
    expect(progress.at(-1)).toBe(new TextEncoder().encode(text).byteLength);
    expect((await db.getAll('imports')).map((r) => r.state)).toEqual(['done']);
  });

  it('keeps only the chosen categories of a snapshot', async () => {
    const text = [snapshotLine('2401.00001', 'A', 'cs.LG stat.ML'), snapshotLine('2401.00002', 'B', 'hep-th')].join(
      '\n',
    );
    const report = await runImport(db, fileOf('snap.jsonl', text), { categories: ['stat'] });
    expect(report.added).toBe(1);
    expect((await db.getAllKeys('papers')).map(String)).toEqual(['2401.00001']);
  });

  it('says clearly when it cannot tell the format', async () => {
    await expect(runImport(db, fileOf('notes.txt', 'hello world'))).rejects.toThrow(ImportError);
    await expect(runImport(db, fileOf('notes.txt', 'hello world'))).rejects.toThrow(/can't tell what kind of file/);
  });

  it('cancelled midway, leaves whole batches, a partial record whose counts match, and resumes to the end', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => snapshotLine(`2401.${String(i + 1).padStart(5, '0')}`, `P${i}`));
    const file = fileOf('big.jsonl', lines.join('\n'), 64);
    const abort = new AbortController();
    await expect(
      runImport(db, file, {
        importId: 'imp-1',
        batchSize: 10,
        progressEvery: 5,
        signal: abort.signal,
        onProgress: (p) => {
          if (p.read >= 25) abort.abort();
        },
      }),
    ).rejects.toThrow();
    const rec = await db.get('imports', 'imp-1');
    const stored = await countPapers(db, 'imported');
    expect(rec?.state).toBe('partial');
    expect(stored % 10).toBe(0);
    expect(rec?.added).toBe(stored);
    expect(stored).toBeLessThan(50);
    const report = await runImport(db, file, { importId: 'imp-1', batchSize: 10 });
    expect(report.read).toBe(50);
    expect(await countPapers(db, 'imported')).toBe(50);
    expect((await db.get('imports', 'imp-1'))?.state).toBe('done');
  });

  it('on a full disk, rolls the failing batch back whole and says the corpus is consistent', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => snapshotLine(`2401.${String(i + 1).padStart(5, '0')}`, `P${i}`));
    const full = quotaAfter(db, 1);
    const failed = runImport(full, fileOf('q.jsonl', lines.join('\n')), { importId: 'imp-q', batchSize: 10 });
    await expect(failed).rejects.toThrow(ImportError);
    await expect(failed).rejects.toThrow(/Storage is full.*after paper 10 was rolled back whole.*consistent/s);
    expect(await countPapers(db, 'imported')).toBe(10);
    expect(await db.get('imports', 'imp-q')).toMatchObject({ state: 'partial', added: 10 });
  });

  it('recognises quota errors however the browser reports them', () => {
    expect(isRefusedWrite(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isRefusedWrite({ name: 'AbortError', target: { error: { name: 'QuotaExceededError' } } })).toBe(true);
    expect(isRefusedWrite(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isRefusedWrite(new Error('other'))).toBe(false);
  });

  it.skipIf(!existsSync(SAMPLE))('imports the 5,637-paper arXiv JSON lines sample (id/title/abstract)', async () => {
    const report = await runImport(db, fileOf('sample.jsonl', readFileSync(SAMPLE, 'utf8'), 65536), {
      batchSize: 500,
    });
    expect(report.format).toBe('arxiv-jsonl');
    expect(report.read).toBe(5637);
    expect(report.added + report.merged).toBe(5637 - report.rejected);
    const p = await db.get('papers', '2403.00006');
    expect(p?.abstract).toMatch(/^We study the local sensitivity/);
  });
});

/**
 * The database as a full disk makes it: the first `okBatches` batch transactions succeed, then the next
 * one aborts as IndexedDB does on QuotaExceededError (the whole transaction rolled back).
 */
function quotaAfter(real: Database, okBatches: number): Database {
  let batches = 0;
  const bindAll = <T extends object>(target: T, override: (key: PropertyKey) => unknown): T =>
    new Proxy(target, {
      get(t, key) {
        const o = override(key);
        if (o !== undefined) return o;
        const v = Reflect.get(t, key, t);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
  return bindAll(real, (key) => {
    if (key !== 'transaction') return undefined;
    return (...args: Parameters<Database['transaction']>) => {
      const tx = real.transaction(...args);
      const isBatch = Array.isArray(args[0]) && args[0].includes('papers') && args[1] === 'readwrite';
      if (!isBatch || ++batches <= okBatches) return tx;
      // The puts are queued as usual; at commit the browser finds no room and aborts the whole
      // transaction: pending requests fail with AbortError, the transaction with QuotaExceededError.
      return bindAll(tx, (k) => {
        if (k !== 'done') return undefined;
        tx.abort();
        return tx.done.catch(() => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        });
      });
    };
  });
}
