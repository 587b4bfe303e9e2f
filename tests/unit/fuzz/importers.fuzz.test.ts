/**
 * Fuzzing every importer and the seed parsers: random text, and real-shaped files (our fixtures) cut,
 * spliced with hostile text and fed in random chunk sizes. No importer throws; every paper it yields
 * passes validatePaper; every rejection and fatal error says where and why; large files finish in
 * bounded time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePaper } from '../../../src/core/paper';
import { parseBibtex } from '../../../src/corpus/importers/bibtex';
import {
  collect,
  detectFormat,
  IMPORT_FORMATS,
  type ImportFormat,
  importStream,
} from '../../../src/corpus/importers/index';
import { parseSeed } from '../../../src/corpus/seeds/index';
import { hostileText, LARGE_RUNS, RUNS, timed, timedAsync } from './budget';

const DIR = new URL('../../fixtures/importers/', import.meta.url);
const SAMPLES = readdirSync(DIR).map((name) => ({ name, text: readFileSync(new URL(name, DIR), 'utf8') }));
const SEED_DIR = new URL('../../../data/seeds/', import.meta.url);
const SEEDS = readdirSync(SEED_DIR)
  .filter((n) => n.endsWith('.txt'))
  .map((name) => readFileSync(new URL(name, SEED_DIR), 'utf8'));

const OPTIONS = { file: 'fuzz.txt', importId: 'fuzz', at: '2026-11-23T10:00:00.000Z' } as const;

/** Splits text into chunks of random sizes, as a file stream would deliver it. */
function chunked(text: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (let k = 0; i < text.length; k++) {
    const n = sizes[k % Math.max(1, sizes.length)] ?? 64;
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** A sample mangled: cut short, with hostile text spliced in at a few places. */
const mangled = fc
  .tuple(
    fc.constantFrom(...SAMPLES),
    fc.array(fc.tuple(fc.nat(), hostileText(80)), { maxLength: 4 }),
    fc.option(fc.nat()),
  )
  .map(([sample, splices, cut]) => {
    let text = sample.text;
    for (const [at, s] of splices) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + s + text.slice(i);
    }
    return cut === null ? text : text.slice(0, cut % (text.length + 1));
  });

async function runImporter(format: ImportFormat, text: string, sizes: readonly number[]) {
  const { papers, report } = await timedAsync(() =>
    collect(importStream(format, chunked(text, sizes), OPTIONS), 'fuzz.txt', format),
  );
  for (const p of papers) expect(validatePaper(p).ok).toBe(true);
  for (const r of report.rejections) {
    expect(r.where).not.toBe('');
    expect(r.reason).not.toBe('');
  }
  if (report.error !== undefined) expect(report.error).not.toBe('');
  return { papers, report };
}

const sizes = fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 5 });

describe('importers under fuzzing', () => {
  it('every importer reads random and hostile text without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...IMPORT_FORMATS), hostileText(600), sizes, async (format, text, s) => {
        await runImporter(format, text, s);
      }),
      { numRuns: RUNS },
    );
  });

  it('every importer reads mangled real-shaped files (cut, spliced, any chunking) without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...IMPORT_FORMATS), mangled, sizes, async (format, text, s) => {
        await runImporter(format, text, s);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('the detected importer reads its own mangled file, and detection never throws', async () => {
    await fc.assert(
      fc.asyncProperty(mangled, sizes, async (text, s) => {
        const format = timed(() => detectFormat(text.slice(0, 65536), 'fuzz'));
        if (format) await runImporter(format, text, s);
      }),
      { numRuns: RUNS },
    );
  });

  it('large hostile files (a few MB) take time linear in their size, not quadratic', async () => {
    // A ratio, not a wall-clock limit: a loaded CI machine slows both sizes alike, while a quadratic
    // parser (BibTeX was, before) takes 16 times as long for 4 times the input. The best of three runs
    // each: a pause of the machine (GC, another process) lengthens one run, never all three.
    const cost = async (format: ImportFormat, unit: string, bytes: number) => {
      const text = unit.repeat(Math.ceil(bytes / unit.length));
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run++) {
        const start = performance.now();
        await collect(importStream(format, chunked(text, [65536]), OPTIONS), 'fuzz.txt', format);
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...IMPORT_FORMATS),
        fc.constantFrom('{', '<a>', '@article{', '"', '\n', '<![CDATA[', '{"id":"2101.00001","title":"'),
        async (format, unit) => {
          await runImporter(format, unit.repeat(Math.ceil(50_000 / unit.length)), [65536]);
          const small = await cost(format, unit, 500_000);
          const large = await cost(format, unit, 2_000_000);
          expect(large, `${format} on ${JSON.stringify(unit)}: 0.5 MB ${small.toFixed(0)} ms`).toBeLessThan(
            8 * small + 300,
          );
        },
      ),
      { numRuns: LARGE_RUNS },
    );
  });

  it('deeply nested XML and BibTeX braces end in a clear error or a rejection, not a stack overflow', async () => {
    const xml = `<feed>${'<a>'.repeat(100_000)}`;
    const { report } = await runImporter('arxiv-atom', xml, [65536]);
    expect(report.read + (report.error ? 1 : 0)).toBeGreaterThan(0);
    const bib = `@article{k, title={${'{'.repeat(100_000)}}}`;
    timed(() => parseBibtex(bib));
    await runImporter('bibtex', bib, [65536]);
  });
});

describe('seed parsers under fuzzing', () => {
  it('parse, or refuse with the documented "matches no known seed format" error', () => {
    const seedish = fc.oneof(
      hostileText(800),
      fc
        .tuple(fc.constantFrom(...SEEDS), fc.nat(), hostileText(100))
        .map(([t, at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1))),
    );
    fc.assert(
      fc.property(seedish, (text) => {
        try {
          const doc = timed(() => parseSeed(text, 'fuzz.txt'));
          expect(Array.isArray(doc.entries)).toBe(true);
        } catch (e) {
          expect((e as Error).message).toMatch(/matches no known seed format|took \d+ ms/);
          if ((e as Error).message.startsWith('took')) throw e;
        }
      }),
      { numRuns: RUNS },
    );
  });
});
