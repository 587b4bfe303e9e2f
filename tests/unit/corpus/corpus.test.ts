/**
 * The bundled corpus against the verified reference (the oracle): every seed paper once, with its
 * verified id, title and full author list, and the committed file equal to a fresh build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFromDataDir, DATA_DIR } from '../../../src/cli/build-corpus';
import { serialiseBundle, validateBundle } from '../../../src/corpus/bundle';
import { parseReference } from '../../../src/corpus/reference';
import { parseSeed } from '../../../src/corpus/seeds/index';

const reference = (() => {
  const r = parseReference(JSON.parse(readFileSync(`${DATA_DIR}seed-papers.json`, 'utf8')));
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();
const { bundle, matches } = buildFromDataDir();
const byId = new Map(bundle.papers.map((p) => [p.id as string, p]));

describe('bundled corpus', () => {
  it('is byte-for-byte the committed data/corpus.json', () => {
    expect(readFileSync(`${DATA_DIR}corpus.json`, 'utf8')).toBe(serialiseBundle(bundle));
  });

  it('builds the same bytes twice', () => {
    expect(serialiseBundle(buildFromDataDir().bundle)).toBe(serialiseBundle(bundle));
  });

  it('passes its own validator', () => {
    const r = validateBundle(JSON.parse(readFileSync(`${DATA_DIR}corpus.json`, 'utf8')));
    expect(r.ok ? 'ok' : r.error).toBe('ok');
  });

  it('holds exactly the distinct reference papers, once each', () => {
    expect(bundle.papers.map((p) => p.id).sort()).toEqual(reference.map((r) => r.arxivId).sort());
    expect(new Set(bundle.papers.map((p) => p.id)).size).toBe(bundle.papers.length);
  });

  describe.each(reference.map((r) => [r.arxivId, r] as const))('%s', (_id, ref) => {
    it('has the verified title, full author list and metadata', () => {
      const p = byId.get(ref.arxivId);
      expect(p?.arxivId).toBe(ref.arxivId);
      expect(p?.title).toBe(ref.title);
      expect(p?.authors.map((a) => a.name)).toEqual(ref.authors);
      expect(p?.authorsTruncated).toBeUndefined();
      expect(p?.published).toBe(ref.published ?? undefined);
      expect(p?.primaryCategory).toBe(ref.primaryCategory ?? undefined);
      expect(p?.categories).toEqual(ref.categories ?? undefined);
      expect(p?.doi).toBe(ref.doi ?? undefined);
      expect(p?.journalRef).toBe(ref.journalRef ?? undefined);
      if (ref.codeUrl) expect(p?.codeUrls).toContain(ref.codeUrl);
    });

    it('was matched from exactly the seed files the reference names', () => {
      const files = [...new Set(matches.filter((m) => m.id === ref.arxivId).map((m) => m.entry.file))].sort();
      expect(files).toEqual([...ref.seedFiles].sort());
      expect(byId.get(ref.arxivId)?.listings?.length).toBe(matches.filter((m) => m.id === ref.arxivId).length);
    });
  });

  it('maps every seed entry to exactly one paper, with no hand-written overrides', () => {
    const entries = readdirSync(`${DATA_DIR}seeds`).flatMap(
      (f) => parseSeed(readFileSync(`${DATA_DIR}seeds/${f}`, 'utf8'), f).entries,
    );
    expect(matches.length).toBe(entries.length);
    expect(matches.filter((m) => m.method === 'override')).toEqual([]);
  });

  it('keeps the newest abstract and remembers the other versions with their page', () => {
    const multi = bundle.papers.filter((p) => new Set(p.listings?.map((l) => l.source)).size > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const p of multi) {
      const texts = matches.filter((m) => m.id === p.id).map((m) => m.entry.abstract ?? '');
      const distinct = new Set(texts);
      // The author profile page shows arXiv's current text, so it wins where it has the paper.
      const profile = matches.find((m) => m.id === p.id && m.entry.file.startsWith('000_'));
      if (profile) expect(p.abstract).toBe(profile.entry.abstract);
      expect(p.abstractVersions?.length ?? 0).toBe(distinct.size - 1);
      for (const v of p.abstractVersions ?? []) expect(texts).toContain(v.text);
    }
  });

  it('keeps what the seeds say beyond the reference: organisations, code, listing label and date', () => {
    for (const m of matches) {
      const p = byId.get(m.id);
      for (const org of m.entry.organisations ?? []) expect(p?.organisations).toContain(org);
      for (const url of m.entry.codeUrls ?? []) expect(p?.codeUrls).toContain(url);
      if (m.entry.hasCode) expect(p?.hasCode).toBe(true);
      if (m.entry.date) expect(p?.listings?.map((l) => l.date)).toContain(m.entry.date);
    }
    expect(bundle.papers.some((p) => p.organisations?.length)).toBe(true);
  });

  it('never uses an introduction printed in place of the abstract as the abstract', () => {
    for (const m of matches.filter((x) => x.entry.abstractIsExcerpt))
      expect(byId.get(m.id)?.abstract).not.toBe(m.entry.abstract);
  });

  it('carries the profile page figures, labelled with that page', () => {
    expect(bundle.authorStats?.length).toBeGreaterThan(0);
    for (const s of bundle.authorStats ?? []) {
      expect(s.source).toMatch(/^seed 000_.*author profile page/);
      const page = readFileSync(`${DATA_DIR}seeds/${s.source.split(' ')[1]}`, 'utf8');
      expect(page.startsWith(s.author)).toBe(true);
      if (s.hIndex !== undefined) expect(page).toContain(`h-index${s.hIndex}`);
      if (s.citations !== undefined) expect(page).toContain(`${s.citations.toLocaleString('en-US')}citations`);
    }
  });
});

const sharedSeeds = new URL('../../../../shared/seeds/', import.meta.url);
describe.skipIf(!existsSync(sharedSeeds))('data/seeds (skipped: ../shared/seeds is not present)', () => {
  it('are the shared seed documents, unchanged', () => {
    for (const f of readdirSync(sharedSeeds))
      expect(readFileSync(`${DATA_DIR}seeds/${f}`, 'utf8')).toBe(readFileSync(new URL(f, sharedSeeds), 'utf8'));
  });
});
