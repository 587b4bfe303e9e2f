/**
 * Fuzzing what comes from files and other browsers: backups (random values, and real backups with one
 * field broken), reading-list entries and edits, settings, sync items and corpus bundles. Each answers
 * with a value or a Result error that names the problem; none throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, validateEntry, validatePatch } from '../../../src/backup/entry';
import { makeBackup, parseBackup } from '../../../src/backup/format';
import { validateBundle } from '../../../src/corpus/bundle';
import type { ReadingListEntry } from '../../../src/db/schema';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/settings/schema';
import { decodeItems, decodeRecord } from '../../../src/sync/merge';
import { hostileText, RUNS, timed } from './budget';

const entry = (id: string, notes: string): ReadingListEntry =>
  ({
    paperId: id,
    status: 'to-read',
    priority: 2,
    tags: ['a'],
    notes,
    addedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    title: 'T',
    authors: ['A B'],
  }) as unknown as ReadingListEntry;

const backup = makeBackup(
  {
    readingList: [entry('2210.16859', 'n'), entry('2101.00001', '')],
    settings: { ...DEFAULT_SETTINGS },
    papers: [
      {
        id: '2210.16859',
        title: 'A Solvable Model of Neural Scaling Laws',
        authors: [{ name: 'A B', key: 'b|a' }],
        provenance: [{ kind: 'learned', url: 'https://arxiv.org/abs/2210.16859', at: 'x' }],
      } as never,
    ],
    imports: [],
  },
  new Date('2026-11-23T10:00:00Z'),
);

/** A valid backup with one value somewhere inside replaced by something random. */
const brokenBackup = fc.tuple(fc.nat(), fc.anything({ maxDepth: 2 }), hostileText(50)).map(([pick, value, text]) => {
  const copy = JSON.parse(JSON.stringify(backup)) as Record<string, unknown>;
  const paths: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (o: unknown) => {
    if (typeof o !== 'object' || o === null) return;
    for (const k of Object.keys(o)) {
      paths.push([o as Record<string, unknown>, k]);
      walk((o as Record<string, unknown>)[k]);
    }
  };
  walk(copy);
  const [holder, key] = paths[pick % paths.length] as [Record<string, unknown>, string];
  holder[key] = pick % 3 === 0 ? text : value;
  return copy;
});

describe('backups under fuzzing', () => {
  it('a valid backup parses (the generator is sound)', () => {
    expect(parseBackup(JSON.parse(JSON.stringify(backup))).ok).toBe(true);
  });

  it('random values are refused with a "backup:" error, never an exception', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (v) => {
        const r = timed(() => parseBackup(v));
        if (!r.ok) expect(r.error).toMatch(/^backup: /);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('a backup with one field broken parses to a valid backup or a clear error naming where', () => {
    fc.assert(
      fc.property(brokenBackup, (v) => {
        const r = timed(() => parseBackup(v));
        if (r.ok) for (const e of r.value.readingList) expect(validateEntry(e).ok).toBe(true);
        else expect(r.error).toMatch(/^backup: .+/);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('a huge backup (20,000 entries, long notes) is checked in bounded time', () => {
    const big = {
      ...JSON.parse(JSON.stringify(backup)),
      readingList: Array.from({ length: 20_000 }, (_, i) =>
        entry(`title:${i.toString(36)}`, 'x'.repeat(i % 100 === 0 ? 50_000 : 10)),
      ),
    };
    expect(timed(() => parseBackup(big)).ok).toBe(true);
  });
});

describe('entries, edits, settings, sync items and bundles under fuzzing', () => {
  it('entries and edits validate or say which field is bad; a valid edit applies', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 2 }), fc.anything({ maxDepth: 2 }), (e, p) => {
        const re = timed(() => validateEntry(e));
        if (!re.ok) expect(re.error).toMatch(/^entry/);
        const rp = timed(() => validatePatch(p));
        if (rp.ok) {
          const applied = applyPatch(entry('2210.16859', 'n'), rp.value, new Date('2026-11-23T10:00:00Z'));
          expect(validateEntry(applied).ok).toBe(true);
        } else expect(rp.error).not.toBe('');
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('hostile text in an edit (notes, tags) is kept as text, within the limits', () => {
    fc.assert(
      fc.property(hostileText(500), fc.array(hostileText(40), { maxLength: 10 }), (notes, tags) => {
        const rp = validatePatch({ notes, addTags: tags });
        if (!rp.ok) return;
        const applied = applyPatch(entry('2210.16859', ''), rp.value, new Date('2026-11-23T10:00:00Z'));
        expect(applied.notes).toBe(notes);
        expect(validateEntry(applied).ok).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('settings parse from any stored value to valid settings (unknown or bad fields fall back)', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (v) => {
        const s = timed(() => parseSettings(v));
        expect(Object.keys(s).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
        expect(parseSettings(s)).toEqual(s);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('sync items from another browser decode or are dropped, never throw', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(fc.string(), fc.constant('e:2210.16859')), fc.anything({ maxDepth: 3 })),
        (items) => {
          timed(() => decodeItems(items));
          for (const [k, v] of Object.entries(items)) timed(() => decodeRecord(k, v));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('corpus bundles validate or refuse with a "corpus bundle" error', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (v) => {
        const r = timed(() => validateBundle(v));
        if (!r.ok) expect(r.error).toMatch(/corpus bundle/);
      }),
      { numRuns: RUNS },
    );
  });
});
