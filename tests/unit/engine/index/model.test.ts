/**
 * The persistent index against a naive model: random sequences of adds, edits, removals, merges, merges
 * killed half-way and fresh readers (a restarted worker), each checked against a `Map<term, Set<id>>`
 * kept by the obvious rule. Whatever the sequence, every word's papers, every author's papers, every exact
 * title and the corpus counts must be the model's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorKey } from '../../../../src/core/authors';
import type { Paper, PaperId } from '../../../../src/core/paper';
import { KEYWORD } from '../../../../src/engine/index/analyze';
import { MemoryIndex } from '../../../../src/engine/index/memory';
import { search } from '../../../../src/engine/index/query';
import { idOf, type Snapshot } from '../../../../src/engine/index/reader';
import { scanTitles } from '../../../../src/engine/index/scan';
import { searchTerms } from '../../../../src/engine/index/tokens';

const WORDS = 'quokka wombat numbat dingo emu kiwi kakapo tuatara platypus echidna bilby quoll'.split(' ');
const AUTHORS = ['Ada Lovelace', 'Emmy Noether', 'Alan Turing', 'Grace Hopper'];

const idArb = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((n) => `2501.${String(n).padStart(5, '0')}`),
  fc.integer({ min: 1, max: 8 }).map((n) => `hep-th/99010${String(n).padStart(2, '0')}`),
  fc.integer({ min: 1, max: 8 }).map((n) => `title:t${n}`),
);
interface GenPaper {
  id: string;
  title: string[];
  abstract: string[];
  authors: string[];
  learned: boolean;
}
const paperArb: fc.Arbitrary<GenPaper> = fc.record({
  id: idArb,
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 6 }),
  abstract: fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }),
  authors: fc.subarray(AUTHORS, { minLength: 1 }),
  learned: fc.boolean(),
});

type Op =
  | { kind: 'write'; papers: GenPaper[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'merge'; all: boolean }
  | { kind: 'crash'; after: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(paperArb, { minLength: 1, maxLength: 6 }).map((papers) => ({ kind: 'write' as const, papers })),
  },
  {
    weight: 2,
    arbitrary: fc.array(idArb, { minLength: 1, maxLength: 4 }).map((ids) => ({ kind: 'remove' as const, ids })),
  },
  { weight: 2, arbitrary: fc.boolean().map((all) => ({ kind: 'merge' as const, all })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 6 }).map((after) => ({ kind: 'crash' as const, after })) },
);

function toPaper(p: GenPaper): Paper {
  return {
    id: p.id as PaperId,
    title: p.title.join(' '),
    abstract: p.abstract.join(' '),
    authors: p.authors.map((name) => ({ name, key: authorKey(name) })),
    provenance: p.learned
      ? [{ kind: 'learned', url: 'https://example.org/', at: '2026-01-01T00:00:00Z' }]
      : [{ kind: 'bundled', corpusVersion: 'test' }],
  };
}

/** The live papers holding `term`, as the index answers it (whole lists, deletions applied). */
async function docsWith(snap: Snapshot, term: string): Promise<string[]> {
  const infos = (await snap.lookup([term])).get(term) ?? [];
  const out: string[] = [];
  for (const p of await snap.postings(infos, true)) {
    const [docs, del] = [await snap.docs(p.seg), await snap.deletions(p.seg)];
    for (const local of p.docs) if (del.locals?.[local] !== 1) out.push(idOf(docs, docs.docs[local] ?? 0) ?? '?');
  }
  return out.sort();
}

describe('the persistent index against a naive model', () => {
  it('answers every word, author, title and count as the model does, through any sequence of commits and merges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const index = new MemoryIndex();
        const model = new Map<string, Paper>();
        for (const op of ops) {
          if (op.kind === 'write') {
            // One commit per op; a repeated id in one op: the last version wins, as in an import batch.
            const batch = new Map(op.papers.map((p) => [p.id, toPaper(p)] as const));
            index.write([...batch.values()]);
            for (const [id, p] of batch) model.set(id, p);
          } else if (op.kind === 'remove') {
            const ids = [...new Set(op.ids)];
            index.write([], ids as PaperId[]);
            for (const id of ids) model.delete(id);
          } else if (op.kind === 'merge') await index.merge({ all: op.all });
          else {
            await index.merge({ all: true, crashAfter: op.after });
            index.collect();
          }
        }
        // A fresh reader: a worker that restarted after the last step.
        const snap = await index.reader().snapshot();
        expect(snap.size).toBe(model.size);
        expect(snap.manifest.counts.papers).toBe(model.size);
        const learned = [...model.values()].filter((p) => p.provenance[0]?.kind === 'learned').length;
        expect(snap.manifest.counts.learned).toBe(learned);
        for (const w of WORDS) {
          const want = [...model.values()]
            .filter((p) => searchTerms(`${p.title} ${p.abstract}`).includes(w))
            .map((p) => p.id as string)
            .sort();
          expect(await docsWith(snap, w), w).toEqual(want);
          // A word in one or two papers may be a slip and also finds a far more frequent spelling
          // (query.ts RARE_TERM): the exact set is asked of words in more papers.
          if (want.length > 2) {
            const hits = await search(snap, w, { prefix: false, limit: 1000 });
            expect(hits.hits.map((h) => h.id as string).sort(), `search ${w}`).toEqual(want);
          }
        }
        for (const a of AUTHORS) {
          const want = [...model.values()]
            .filter((p) => p.authors.some((x) => x.name === a))
            .map((p) => p.id as string);
          expect(await docsWith(snap, KEYWORD.author + authorKey(a)), a).toEqual(want.sort());
        }
        const titles = [...model.values()].map((p) => p.title);
        const hits = await scanTitles(snap, titles, async (ids) => ids.map((id) => model.get(id)?.title));
        // Every live title is recognised as some live paper with that very title (titles may repeat).
        for (const h of hits.filter((x) => x.kind === 'exact')) expect(model.get(h.id)?.title).toBe(titles[h.index]);
        expect(new Set(hits.filter((x) => x.kind === 'exact').map((h) => h.index)).size).toBe(titles.length);
      }),
      { numRuns: 150 },
    );
  });
});
