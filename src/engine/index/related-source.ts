/**
 * Related work's view of an index snapshot (`RelatedSource`, related.ts). Pure.
 *
 * Candidates come from the postings of the asking paper's strongest words (top tiers of big words: the
 * papers where the word weighs most) and of its authors' keywords, accumulated per segment into score
 * arrays. Document frequencies are exact for the asking paper's words (vocabulary blocks); a candidate's
 * other words are estimated from the segments' head records (exact for the most frequent 32k words of a
 * segment, and at most the head's lowest frequency for the rest), which keeps a lookup at a few reads.
 */
import type { PaperId } from '../../core/paper';
import type { RelatedPaperRecord, RelatedSource } from '../related';
import { KEYWORD } from './analyze';
import { idOf, type Postings, type Snapshot, type TermInfo } from './reader';
import type { HeadRecord } from './segment';

function headDf(head: HeadRecord, t: string): number | undefined {
  let lo = 0;
  let hi = head.terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((head.terms[mid] ?? '') < t) lo = mid + 1;
    else hi = mid;
  }
  return head.terms[lo] === t ? head.df[lo] : undefined;
}

export function relatedSource(
  snap: Snapshot,
  papers: (ids: readonly PaperId[]) => Promise<readonly (RelatedPaperRecord | undefined)[]>,
): RelatedSource {
  const dfMemo = new Map<string, number>();
  const df = async (terms: readonly string[]) => {
    const missing = terms.filter((t) => !dfMemo.has(t));
    if (missing.length) for (const [t, n] of await snap.df(missing)) dfMemo.set(t, n);
    return new Map(terms.map((t) => [t, dfMemo.get(t) ?? 0] as const));
  };

  /** Accumulates weights of postings per (segment, local doc); returns the best `limit` as ids. */
  const accumulate = async (
    lists: readonly { p: Postings; w: number }[],
    limit: number,
    minScore: number,
    exclude: PaperId | undefined,
  ) => {
    const out: { id: PaperId; score: number }[] = [];
    let count = 0;
    for (const seg of snap.segments) {
      const mine = lists.filter((l) => l.p.seg.id === seg.id);
      if (mine.length === 0) continue;
      const score = new Float64Array(seg.docs);
      const touched: number[] = [];
      for (const { p, w } of mine)
        for (const local of p.docs) {
          if (score[local] === 0) touched.push(local);
          score[local] = (score[local] ?? 0) + w;
        }
      const del = await snap.deletions(seg);
      const keep = touched.filter((l) => del.locals?.[l] !== 1 && (score[l] ?? 0) >= minScore);
      keep.sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0) || a - b);
      if (keep.length === 0) continue;
      const docs = await snap.docs(seg);
      let fromSeg = 0;
      for (const local of keep) {
        const id = idOf(docs, docs.docs[local] ?? 0) as PaperId | undefined;
        if (!id || id === exclude) continue;
        count++;
        // The global top `limit` holds at most `limit` papers of one segment.
        if (fromSeg++ < limit) out.push({ id, score: score[local] ?? 0 });
      }
    }
    out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return { top: out.slice(0, limit), count };
  };

  /** Postings of weighted words and of authors (keywords, read whole); words whole only when asked. */
  const postingsOf = async (
    weighted: ReadonlyMap<string, number>,
    authorKeys: readonly string[],
    authorW: number,
    wholeWords: boolean,
  ) => {
    const authorTerms = [...new Set(authorKeys)].map((k) => KEYWORD.author + k);
    const infos = await snap.lookup([...weighted.keys(), ...authorTerms]);
    const flat: { info: TermInfo; w: number }[] = [];
    for (const [t, w] of weighted) for (const info of infos.get(t) ?? []) flat.push({ info, w });
    for (const t of authorTerms) for (const info of infos.get(t) ?? []) flat.push({ info, w: authorW });
    const keywordInfos = new Set(authorTerms.flatMap((t) => infos.get(t) ?? []));
    const lists = await snap.postings(
      flat.map((f) => f.info),
      (info) => wholeWords || keywordInfos.has(info),
    );
    return lists.map((p, i) => ({ p, w: flat[i]?.w ?? 0 }));
  };

  return {
    size: snap.size,
    df,
    async dfEstimate(terms, exact) {
      const heads = await snap.heads();
      const out = new Map<string, number>();
      for (const t of terms) {
        const known = exact.get(t) ?? dfMemo.get(t);
        if (known !== undefined) {
          out.set(t, known);
          continue;
        }
        let n = 0;
        for (const { seg, head } of heads) {
          const x = headDf(head, t);
          if (x !== undefined) n += x;
          // Outside an incomplete head a word is rarer than the head's rarest: count half of that.
          else if (!seg.headComplete) n += Math.max(1, Math.floor(seg.headMinDf / 2));
        }
        out.set(t, n);
      }
      return out;
    },
    async candidates(weighted, authorKeys, limit, authorWeight) {
      const lists = await postingsOf(weighted, authorKeys, authorWeight, false);
      return (await accumulate(lists, limit, 0, undefined)).top;
    },
    async countSharing(terms, authorKeys, minShared, cap, exclude) {
      const weighted = new Map(terms.map((t) => [t, 1] as const));
      // An author alone makes a paper related: weigh one as much as the words it takes.
      const lists = await postingsOf(weighted, authorKeys, minShared, true);
      const { count } = await accumulate(lists, 0, minShared, exclude);
      return Math.min(count, cap + 1);
    },
    papers,
  };
}
