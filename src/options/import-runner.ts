/**
 * Running an import from a user's file, in the options page: the page lives as long as the user keeps
 * it open, unlike a service worker that the browser stops after 30 s idle or 5 min of work. The file
 * is streamed (bytes → text → the format's importer → `importPapers`), never read whole, so a
 * multi-gigabyte snapshot passes in bounded memory.
 *
 * Consistency comes from `importPapers`: each batch of papers and the running ImportRecord are written
 * in one transaction. Cancelling, closing the tab or a full disk stops between batches or aborts the
 * current one whole, leaving the record 'partial' with counts matching what was written; the same
 * file imported again under the same id resumes (merging is idempotent), or the import can be removed.
 */
import { detectFormat, type ImportFormat, type ImportItem, type ImportReport, importStream } from '../corpus/importers';
import type { Database } from '../db/database';
import { importPapers } from '../db/imports';

/** What the runner needs of a File (a Blob in Node tests). */
export interface ImportFile {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface ImportProgress {
  readonly bytes: number;
  readonly total: number;
  /** Records read so far (papers + rejections). */
  readonly read: number;
  readonly rejected: number;
  /** Lines the category filter passed over (snapshot only) are not counted in `read`. */
  readonly format: ImportFormat;
}

export interface RunImportOptions {
  /** Resume this import (the id of a 'partial' record); a new id otherwise. */
  readonly importId?: string;
  /** Snapshot category filter: `cs.LG`, or whole archives like `cs`. */
  readonly categories?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ImportProgress) => void;
  readonly batchSize?: number;
  /** Records between progress reports (default 200: plenty for a progress bar, little rendering). */
  readonly progressEvery?: number;
  readonly now?: () => Date;
}

export class ImportError extends Error {
  override name = 'ImportError';
}

export const newImportId = (at: Date, random: () => number = Math.random): string =>
  `import-${at.toISOString().replace(/[-:.]/g, '')}-${Math.floor(random() * 36 ** 4).toString(36)}`;

/**
 * True when the browser refused a batch's transaction: QuotaExceededError on the transaction (a full
 * disk or an exhausted origin quota), which its pending requests report as AbortError.
 */
export function isRefusedWrite(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  const inner = (e as { target?: { error?: { name?: unknown } } } | null)?.target?.error?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError' || name === 'AbortError';
}

/** Streams `file` into the database. Resolves with the report; rejects with ImportError (or the abort reason). */
export async function runImport(db: Database, file: ImportFile, options: RunImportOptions = {}): Promise<ImportReport> {
  const at = (options.now ?? (() => new Date()))();
  const importId = options.importId ?? newImportId(at);
  const { signal } = options;
  let bytes = 0;
  const counter = new TransformStream<Uint8Array, BufferSource>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk as Uint8Array<ArrayBuffer>);
    },
  });
  const reader = file.stream().pipeThrough(counter).pipeThrough(new TextDecoderStream()).getReader();
  const next = async (): Promise<string | undefined> => {
    signal?.throwIfAborted();
    const r = await reader.read();
    return r.done ? undefined : r.value;
  };
  try {
    // The first chunk (64 KiB from a File) is enough to tell the format.
    let first = (await next()) ?? '';
    while (first.trim() === '' && first.length < 1 << 20) {
      const more = await next();
      if (more === undefined) break;
      first += more;
    }
    const format = detectFormat(first, file.name);
    if (!format)
      throw new ImportError(
        `Paperlens can't tell what kind of file ${file.name} is: expected arXiv API (Atom) or RSS XML, OAI-PMH XML, JSON lines (arXiv snapshot or id/title/abstract) or BibTeX`,
      );
    async function* text(): AsyncGenerator<string> {
      yield first;
      for (let chunk = await next(); chunk !== undefined; chunk = await next()) yield chunk;
    }
    let read = 0;
    let rejected = 0;
    let lastReport = 0;
    const progress = (force: boolean) => {
      if (!options.onProgress || (!force && read - lastReport < (options.progressEvery ?? 200))) return;
      lastReport = read;
      options.onProgress({ bytes, total: file.size, read, rejected, format });
    };
    async function* counted(items: AsyncIterable<ImportItem>): AsyncGenerator<ImportItem> {
      for await (const item of items) {
        // Checked per record too: one 64 KiB chunk holds dozens of snapshot lines.
        signal?.throwIfAborted();
        if (item.kind === 'paper' || item.kind === 'rejected') read++;
        if (item.kind === 'rejected') rejected++;
        progress(false);
        yield item;
      }
    }
    const items = importStream(format, text(), {
      file: file.name,
      importId,
      at: at.toISOString(),
      ...(options.categories?.length ? { categories: options.categories } : {}),
    });
    const report = await importPapers(db, counted(items), {
      importId,
      file: file.name,
      format,
      at: at.toISOString(),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    progress(true);
    return report;
  } catch (e) {
    // The user's cancel is an abort too, but of our signal, not of a transaction.
    if (!signal?.aborted && isRefusedWrite(e)) {
      const rec = await db.get('imports', importId).catch(() => undefined);
      const written = rec ? rec.added + rec.merged : 0;
      throw new ImportError(
        `Storage is full (the browser refused to write): the batch after paper ${written} was rolled back whole. ` +
          `The corpus is consistent: it holds the ${written} papers of this import written before it. ` +
          'Free disk space or remove an import, then resume.',
      );
    }
    throw e;
  } finally {
    reader.cancel().catch(() => {});
  }
}
