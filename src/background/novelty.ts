/**
 * Novelty as the panel and the library show it: the engine's figure (engine/novelty.ts, read from the
 * index snapshot) with the earliest earlier paper of each shared word named by its corpus title.
 */
import type { Paper, PaperId } from '../core/paper';
import { idOfDoc } from '../engine/index/docs';
import { type Novelty, type NoveltyPaper, noveltyDistribution, noveltyOf, noveltySource } from '../engine/novelty';
import type { EarlierUse, NoveltyView } from '../messaging/novelty';
import type { EngineService } from './engine-service';

/** Shared words named with their earlier paper, at most. */
const SHARED_SHOWN = 8;

export async function noveltyView(engine: EngineService, paper: NoveltyPaper): Promise<NoveltyView> {
  const n = await noveltyOf(paper, noveltySource(await engine.snapshot()));
  return viewOf(engine, n, paper.categories?.[0]);
}

/** An author's papers judged at most (newest first): each reads a few postings. */
export const AUTHOR_NOVELTY_PAPERS = 40;

/** The distribution of novelty over an author's papers (one snapshot, one source for all of them). */
export async function authorNovelty(engine: EngineService, papers: readonly Paper[]) {
  if (papers.length === 0) return undefined;
  const source = noveltySource(await engine.snapshot());
  const newest = [...papers]
    .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))
    .slice(0, AUTHOR_NOVELTY_PAPERS);
  const results: Novelty[] = [];
  // One after another: they share the snapshot's cache, and an author view is not a hot path.
  for (const p of newest)
    results.push(
      await noveltyOf(
        { id: p.id, title: p.title, ...(p.abstract ? { abstract: p.abstract } : {}), categories: p.categories ?? [] },
        source,
      ),
    );
  return { ...noveltyDistribution(results), judged: results.length };
}

export async function viewOf(engine: EngineService, n: Novelty, category: string | undefined): Promise<NoveltyView> {
  if (n.status === 'withheld') return n;
  const shown = n.shared.slice(0, SHARED_SHOWN);
  const ids = shown.map((s) => idOfDoc(s.first)).filter((id): id is PaperId => id !== undefined);
  const records = new Map((await engine.papers(ids)).flatMap((p) => (p ? [[p.id, p] as const] : [])));
  const shared: EarlierUse[] = [];
  for (const s of shown) {
    const id = idOfDoc(s.first);
    const p = id ? records.get(id) : undefined;
    if (!p) continue;
    const year = Number((p.published ?? '').slice(0, 4));
    shared.push({ word: s.word, id: p.id, title: p.title, ...(year ? { year } : {}) });
  }
  return {
    status: 'scored',
    share: n.share,
    distinctive: n.distinctive,
    novel: n.novel.map((w) => w.word),
    shared,
    earlier: n.earlier,
    earlierInCategory: n.earlierInCategory,
    ...(category ? { category } : {}),
  };
}
