/**
 * Conformance: every real sample in ../shared/fixtures/real goes through its importer. Read from
 * ../shared when present (never copied into the project); skipped with a message when absent.
 * The oracle is the file itself: every record element in it is either a validated paper or a named
 * rejection, and ids come out as the file wrote them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePaper } from '../../../src/core/paper';
import { collect, detectFormat, type ImportFormat, importStream } from '../../../src/corpus/importers/index';

const real = new URL('../../../../shared/fixtures/real/', import.meta.url);
const present = existsSync(real);

function files(sub: string): string[] {
  const dir = new URL(`${sub}/`, real);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => statSync(new URL(f, dir)).isFile())
    .map((f) => `${sub}/${f}`)
    .sort();
}

const CASES: { dir: string; format: ImportFormat; record: RegExp }[] = [
  { dir: 'arxiv_api_atom', format: 'arxiv-atom', record: /<entry>/g },
  { dir: 'arxiv_rss', format: 'arxiv-rss', record: /<item[\s>]/g },
  { dir: 'arxiv_oai', format: 'oai-pmh', record: /<record>/g },
  { dir: 'arxiv_oai/rendered_by_arxiv_oaipmh_code', format: 'oai-pmh', record: /<record>/g },
  { dir: 'kaggle_jsonl', format: 'arxiv-snapshot', record: /^\{/gm },
];

describe.skipIf(!present)('importers on the real samples (skipped: ../shared/fixtures/real is not present)', () => {
  for (const { dir, format, record } of CASES) {
    describe(dir, () => {
      it.each(files(dir))('%s', async (file) => {
        const text = readFileSync(new URL(file, real), 'utf8');
        expect(detectFormat(text.slice(0, 4096), file)).toBe(format);
        const { papers, report } = await collect(
          importStream(format, text, { file, importId: 'conformance', at: '2026-01-01T00:00:00Z' }),
          file,
          format,
        );
        const isApiError = /\/api\/errors#/.test(text);
        if (isApiError) {
          expect(report.error).toMatch(/^entry 1: arXiv API error: /);
          return;
        }
        expect(report.error).toBeUndefined();
        expect(report.read).toBe((text.match(record) ?? []).length);
        for (const p of papers) {
          expect(validatePaper(p).ok).toBe(true);
          expect(p.title).not.toMatch(/\n|\\'|\{\\/);
          // Every id the importer produced is written in the file.
          expect(text).toContain(p.id);
        }
        for (const r of report.rejections) expect(r.reason).not.toBe('');
      });
    });
  }
});
