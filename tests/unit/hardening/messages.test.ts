/**
 * Every message type, sent malformed: the background answers with a clear error (a BadRequest that
 * names the field), never a TypeError from deep inside and never a silent write. And who may send what:
 * content scripts only the overlay's messages.
 */
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineService } from '../../../src/background/engine-service';
import { createHandlers, dispatch, type Handlers } from '../../../src/background/handlers';
import { installBundle } from '../../../src/background/install';
import { validateBundle } from '../../../src/corpus/bundle';
import { type Database, openDatabase } from '../../../src/db/database';
import { PAGE_TYPES, refusal } from '../../../src/messaging/access';
import { CORPUS_TYPES } from '../../../src/messaging/corpus';
import { HARVEST_TYPES } from '../../../src/messaging/harvest';
import { LIBRARY_TYPES } from '../../../src/messaging/library';
import { OVERLAY_TYPES } from '../../../src/messaging/overlay';
import { type MessageType, parseRequest } from '../../../src/messaging/protocol';
import { shouldRetry, withRetry } from '../../../src/messaging/retry';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';

const ALL: readonly MessageType[] = [...OVERLAY_TYPES, ...LIBRARY_TYPES, ...CORPUS_TYPES, ...HARVEST_TYPES];

/** Values no field of any message accepts where a list, an id, a paper or bounded text is expected. */
const BAD: readonly unknown[] = [
  null,
  -1,
  'not-an-id',
  [42],
  { __proto__: { polluted: true } },
  'toString',
  'constructor',
  '__proto__',
  'x'.repeat(300_000),
  // Longer than any list a message may carry (exports take the most: 100,000 ids).
  Array.from({ length: 100_001 }, () => '2101.00001'),
];

/** For each type with fields: its fields, each of which must refuse every BAD value. */
const FIELDS: Partial<Record<MessageType, readonly string[]>> = {
  'panel/data': ['paper'],
  'chips/data': ['papers', 'learnFrom'],
  'chips/counts': ['ticket'],
  'badges/recognise': ['entries'],
  'library/open': ['view'],
  'search/query': ['query'],
  'readingList/toggle': ['paper'],
  'readingList/add': ['ids'],
  'readingList/update': ['id', 'patch'],
  'readingList/updateMany': ['ids', 'patch'],
  'readingList/remove': ['ids'],
  'library/author': ['key'],
  'library/topic': ['id'],
  'library/paper': ['id'],
  'library/export': ['ids', 'format'],
  'backup/import': ['backup'],
  'corpus/categories': ['limit'],
  'corpus/removeImport': ['importId'],
  'harvest/start': ['categories', 'start'],
  'harvest/daily': ['daily'],
};

/** Fields a payload may leave out. */
const OPTIONAL: ReadonlySet<string> = new Set(['corpus/categories.limit', 'chips/data.learnFrom']);

/** Fields that are free text (a search, an author key, a topic id): short strings are valid there. */
const FREE_TEXT: ReadonlySet<string> = new Set(['search/query.query', 'library/author.key', 'library/topic.id']);

/** A well-formed payload per type, so one field at a time can be broken. */
const VALID: Partial<Record<MessageType, Record<string, unknown>>> = {
  'panel/data': { paper: { id: '2210.16859', title: 'T', authors: ['A'], url: 'https://arxiv.org/abs/2210.16859' } },
  'chips/data': { papers: [], learnFrom: 'https://arxiv.org/list/cs.LG/new' },
  'chips/counts': { ticket: 'x-1' },
  'badges/recognise': { entries: [{ id: '2210.16859' }, { title: 'A Solvable Model of Neural Scaling Laws' }] },
  'library/open': { view: 'paper=2210.16859' },
  'search/query': { query: 'scaling' },
  'readingList/toggle': {
    paper: { id: '2210.16859', title: 'T', authors: ['A'], url: 'https://arxiv.org/abs/2210.16859' },
  },
  'readingList/add': { ids: ['2210.16859'] },
  'readingList/update': { id: '2210.16859', patch: { status: 'read' } },
  'readingList/updateMany': { ids: ['2210.16859'], patch: { status: 'read' } },
  'readingList/remove': { ids: ['2210.16859'] },
  'library/author': { key: 'maloney a' },
  'library/topic': { id: 'cs.LG' },
  'library/paper': { id: '2210.16859' },
  'library/export': { ids: ['2210.16859'], format: 'bibtex' },
  'backup/import': { backup: {}, apply: false },
  'corpus/categories': { limit: 5 },
  'corpus/removeImport': { importId: 'imp-1' },
  'harvest/start': { categories: ['cs.LG'], start: '2026-11-01' },
  'harvest/daily': { daily: true },
};

const bundle = validateBundle(JSON.parse(readFileSync(new URL('../../../data/corpus.json', import.meta.url), 'utf8')));
let db: Database;
let handlers: Handlers;

beforeAll(async () => {
  if (!bundle.ok) throw new Error(bundle.error);
  db = await openDatabase({ factory: new IDBFactory() });
  await installBundle(db, bundle.value);
  const dbFn = async () => db;
  handlers = createHandlers({
    db: dbFn,
    engine: new EngineService(dbFn),
    settings: async () => DEFAULT_SETTINGS,
    now: () => new Date('2026-11-23T10:00:00Z'),
  });
});

/** Sends a raw message the way the background's listener does: parse, then dispatch. */
async function answer(raw: unknown): Promise<{ ok: true } | { ok: false; error: string; name: string }> {
  const request = parseRequest(raw);
  if (!request) return { ok: false, error: 'unknown or malformed message', name: 'parseRequest' };
  try {
    await dispatch(handlers, request);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: (e as Error).message, name: (e as Error).name };
  }
}

async function snapshot() {
  return { list: await db.getAll('readingList'), papers: await db.count('papers') };
}

describe('malformed messages', () => {
  it('every type lists its fields here (a new message type needs a malformed-payload case)', () => {
    const noFields = ALL.filter((t) => !FIELDS[t]);
    // These take an empty payload (or only optional, clamped fields): nothing to break but the envelope.
    expect(noFields.sort()).toEqual(
      [
        'readingList/list',
        'library/corpus',
        'backup/export',
        'corpus/status',
        'corpus/imports',
        'corpus/changed',
        'corpus/resetBundled',
        'corpus/integrity',
        'corpus/repair',
        'harvest/status',
        'harvest/pause',
        'harvest/resume',
        'harvest/cancel',
      ].sort(),
    );
  });

  it('a non-object envelope or payload, or an unknown type, is refused for every type', async () => {
    for (const type of ALL)
      for (const data of [undefined, null, 1, 'x', [], [1]])
        expect(await answer({ type, data }), type).toEqual({
          ok: false,
          error: 'unknown or malformed message',
          name: 'parseRequest',
        });
    for (const raw of [null, 'panel/data', { type: 'nope', data: {} }, { type: 'toString', data: {} }, { data: {} }])
      expect((await answer(raw)).ok).toBe(false);
  });

  it('every field of every type refuses bad values with a BadRequest naming the problem, and writes nothing', async () => {
    const before = await snapshot();
    let cases = 0;
    for (const [type, fields] of Object.entries(FIELDS) as [MessageType, string[]][]) {
      for (const field of fields)
        for (const bad of [...BAD, undefined]) {
          const data = { ...VALID[type], [field]: bad };
          if (bad === undefined) delete data[field];
          const r = await answer({ type, data });
          cases++;
          // Optional fields may be left out. Free-text fields take any short text.
          if (OPTIONAL.has(`${type}.${field}`) && bad === undefined) continue;
          if (FREE_TEXT.has(`${type}.${field}`) && typeof bad === 'string' && bad.length < 100) {
            expect(r.ok, `${type}.${field} = ${bad}`).toBe(true);
            continue;
          }
          expect(r.ok, `${type}.${field} = ${String(bad).slice(0, 40)}`).toBe(false);
          if (!r.ok) {
            expect(r.name, `${type}.${field}: ${r.error}`).toBe('BadRequest');
            expect(r.error.length).toBeLessThan(300);
          }
        }
    }
    expect(cases).toBeGreaterThan(200);
    expect(await snapshot()).toEqual(before);
  });

  it('random payloads for every type end in an answer or a clear error, never a TypeError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ...ALL.filter((t) => t !== 'corpus/resetBundled' && t !== 'corpus/repair' && t !== 'library/open'),
        ),
        fc.dictionary(
          fc.constantFrom(
            'ids',
            'id',
            'paper',
            'papers',
            'query',
            'patch',
            'view',
            'limit',
            'sort',
            'format',
            'backup',
            'apply',
            'offset',
            'key',
            'candidates',
            'url',
            'filters',
            'importId',
            'categories',
            'start',
            'daily',
          ),
          fc.anything({ maxDepth: 2 }),
        ),
        async (type, data) => {
          const r = await answer({ type, data });
          if (!r.ok) expect(['BadRequest', 'parseRequest'], `${type}: ${r.name} ${r.error}`).toContain(r.name);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('who may send what', () => {
  const ID = 'abcdefghijklmnopabcdefghijklmnop';
  const ORIGIN = `chrome-extension://${ID}/`;
  const page = { id: ID, url: 'https://arxiv.org/abs/2210.16859', tab: { id: 3 } };
  const popup = { id: ID, url: `${ORIGIN}popup.html` };
  const libraryTab = { id: ID, url: `${ORIGIN}library.html#paper=1`, tab: { id: 4 } };

  it('content scripts get only the overlay messages (and the panel Save toggle)', () => {
    for (const type of ALL) {
      const refused = refusal(type, page, ID, ORIGIN);
      if (PAGE_TYPES.has(type)) expect(refused, type).toBeUndefined();
      else expect(refused, type).toMatch(/only to Paperlens pages/);
    }
    for (const type of [
      'readingList/list',
      'backup/export',
      'backup/import',
      'corpus/resetBundled',
      'corpus/removeImport',
    ] as const)
      expect(refusal(type, page, ID, ORIGIN)).toBeDefined();
  });

  it('extension pages (popup, library tab) get every message; other extensions get none', () => {
    for (const type of ALL) {
      expect(refusal(type, popup, ID, ORIGIN)).toBeUndefined();
      expect(refusal(type, libraryTab, ID, ORIGIN)).toBeUndefined();
      expect(refusal(type, { ...page, id: 'other' }, ID, ORIGIN)).toMatch(/only from Paperlens/);
    }
    // A page URL that merely contains the origin is still a page.
    expect(refusal('backup/export', { id: ID, url: `https://evil.example/${ORIGIN}` }, ID, ORIGIN)).toBeDefined();
  });
});

describe('retry when the service worker was stopped', () => {
  const notDelivered = new Error('Could not establish connection. Receiving end does not exist.');
  const portClosed = new Error('The message port closed before a response was received.');

  it('retries once when the message was not delivered, for every type', async () => {
    for (const type of ALL) expect(shouldRetry(type, notDelivered)).toBe(true);
    let calls = 0;
    const value = await withRetry('readingList/toggle', async () => {
      if (++calls === 1) throw notDelivered;
      return 'ok';
    });
    expect([value, calls]).toEqual(['ok', 2]);
  });

  it('retries a closed port only for messages safe to repeat (a toggle could undo itself)', () => {
    expect(shouldRetry('panel/data', portClosed)).toBe(true);
    expect(shouldRetry('readingList/add', portClosed)).toBe(true);
    expect(shouldRetry('readingList/toggle', portClosed)).toBe(false);
    expect(shouldRetry('readingList/toggle', portClosed, { paper: {} })).toBe(false);
    expect(shouldRetry('backup/import', portClosed)).toBe(false);
  });

  it('retries a closed port for a toggle that names the state wanted (repeating it changes nothing)', () => {
    expect(shouldRetry('readingList/toggle', portClosed, { paper: {}, saved: true })).toBe(true);
    expect(shouldRetry('readingList/toggle', portClosed, { paper: {}, saved: false })).toBe(true);
  });

  it('does not retry other errors, and gives up after one retry', async () => {
    expect(shouldRetry('panel/data', new Error('quota exceeded'))).toBe(false);
    let calls = 0;
    await expect(
      withRetry('panel/data', async () => {
        calls++;
        throw notDelivered;
      }),
    ).rejects.toThrow(/Could not establish/);
    expect(calls).toBe(2);
  });
});
