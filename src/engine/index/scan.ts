/**
 * Title recognition over the index: which corpus papers do strings on a page name? Pure.
 *
 * The segments' title tables (title-keys.ts) are read once and kept (about 38 bytes per title); a scan
 * looks every string's keys up in them, answers exact matches at once (the doc number is the id), and
 * reads only the titles of near matches to verify them (titles.ts). So 2,000 strings cost 2,000 probes and
 * a read per near match, whatever the corpus size.
 */
import type { PaperId } from '../../core/paper';
import { bestMatch, type LeadTable, leadsOf, type ScanHit, type TitleIndexOptions } from '../titles';
import { contains, FIRST_ALLOCATED, idOfDoc } from './docs';
import { idOf, type Snapshot } from './reader';
import { type Probe, probeKeys } from './title-keys';

const DEFAULTS = { minConfidence: 0.8, minContentWords: 3, maxVerify: 24 } as const;

/** The id of a global doc: computed, or from the allocation table of the segment holding it. */
export async function idOfGlobal(snap: Snapshot, doc: number): Promise<PaperId | undefined> {
  if (doc < FIRST_ALLOCATED) return idOfDoc(doc);
  for (const seg of snap.segments) {
    const docs = await snap.docs(seg);
    if (contains(docs.allocDocs, doc)) return idOf(docs, doc) as PaperId | undefined;
  }
  return undefined;
}

export async function scanTitles(
  snap: Snapshot,
  candidates: readonly string[],
  titlesOf: (ids: readonly PaperId[]) => Promise<readonly (string | undefined)[]>,
  options: TitleIndexOptions = {},
): Promise<ScanHit[]> {
  const opts = { ...DEFAULTS, ...options };
  const tables: LeadTable[] = [];
  for (const seg of snap.segments) {
    const [table, del] = await Promise.all([snap.titleTable(seg), snap.deletions(seg)]);
    tables.push(del.count ? { table, deleted: (d) => contains(del.globals, d) } : { table });
  }
  const unique = new Map<string, { probe: Probe; leads: ReturnType<typeof leadsOf> } | undefined>();
  for (const c of candidates) {
    if (unique.has(c)) continue;
    const probe = c.length <= 2000 ? probeKeys(c) : undefined;
    unique.set(c, probe ? { probe, leads: leadsOf(probe, tables, opts.maxVerify) } : undefined);
  }
  // Titles only for leads that need verifying (no exact match).
  const toRead = new Set<number>();
  for (const u of unique.values()) if (u && u.leads.exact.length === 0) for (const d of u.leads.fuzzy) toRead.add(d);
  const docs = [...toRead];
  const ids = await Promise.all(docs.map((d) => idOfGlobal(snap, d)));
  const found = await titlesOf(ids.filter((x): x is PaperId => x !== undefined));
  const titleOf = new Map<number, string>();
  let k = 0;
  docs.forEach((d, i) => {
    if (ids[i] === undefined) return;
    const t = found[k++];
    if (t !== undefined) titleOf.set(d, t);
  });
  const matches = new Map<string, { id: PaperId; confidence: number; kind: 'exact' | 'fuzzy' } | undefined>();
  for (const [c, u] of unique) {
    if (!u) {
      matches.set(c, undefined);
      continue;
    }
    const m = bestMatch(u.probe, u.leads, (d) => titleOf.get(d), opts.minContentWords);
    const id = m && m.confidence >= opts.minConfidence ? await idOfGlobal(snap, m.doc) : undefined;
    matches.set(c, m && id ? { id, confidence: m.confidence, kind: m.kind } : undefined);
  }
  const hits: ScanHit[] = [];
  candidates.forEach((c, index) => {
    const m = matches.get(c);
    if (m) hits.push({ ...m, index });
  });
  return hits;
}
