/** Answers to the page overlays: lookups, full panels, listing chips, learning and title scans. */
import { browser } from 'wxt/browser';
import { authorKey } from '../../core/authors';
import { err, ok, type Paper, type PaperId } from '../../core/paper';
import { codeUrlsIn } from '../../corpus/code-urls';
import { getPapers, putPapers } from '../../db/papers';
import { savedIds } from '../../db/reading-list';
import { toBibtex } from '../../engine/export';
import type { Tag } from '../../engine/topics';
import { RELATED_COUNT_CAP } from '../../messaging/overlay';
import { bool, list, optional, pagePaper, paperId, paperIds, shape, text } from '../../messaging/parse';
import type { AuthorInfo, ChipData, PagePaper, RelatedPaper, TopicTag } from '../../messaging/protocol';
import { learnedPaper } from '../learned';
import { type HandlerDeps, type HandlerGroup, handler } from './deps';

type OverlayTypes =
  | 'papers/lookup'
  | 'papers/get'
  | 'panel/data'
  | 'chips/data'
  | 'papers/learn'
  | 'titles/scan'
  | 'library/open';

/** Library views a page may open: an author, a topic or a paper. */
const LIBRARY_VIEW = /^(author|topic|paper)=[^\s#]{1,300}$/;

/** Related papers below this score are noise on a small corpus. */
const RELATED_MIN_SCORE = 0.08;
const RELATED_IN_PANEL = 6;

const toTopicTag = (t: Tag): TopicTag => ({ kind: t.kind, id: t.id, label: t.label, why: t.why });

/**
 * Tags as shown: one per label (cs.LG and stat.ML are both "Machine Learning": the second says its code),
 * and no single-word keyphrase ("group", "answering" say nothing on their own).
 */
export function displayTags(tags: readonly Tag[], max: number): TopicTag[] {
  const seen = new Set<string>();
  const out: TopicTag[] = [];
  for (const t of tags) {
    if (t.kind === 'keyphrase' && !t.label.includes(' ')) continue;
    const label = seen.has(t.label.toLowerCase()) ? `${t.label} (${t.id})` : t.label;
    if (seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    out.push({ ...toTopicTag(t), label });
    if (out.length >= max) break;
  }
  return out;
}

const absUrlOf = (id: PaperId) => (id.startsWith('title:') ? '' : `https://arxiv.org/abs/${id}`);

/** What the engine knows of a page paper: the corpus record's richer fields where there is one. */
function draftOf(page: PagePaper, corpus: Paper | undefined) {
  return {
    id: page.id,
    title: corpus?.title ?? page.title,
    abstract: corpus?.abstract ?? page.abstract,
    authors: corpus ? corpus.authors.map((a) => a.name) : page.authors,
    ...(corpus?.categories || page.categories ? { categories: corpus?.categories ?? page.categories ?? [] } : {}),
  };
}

const libraryView = (v: unknown) =>
  typeof v === 'string' && LIBRARY_VIEW.test(v) ? ok(v) : err('view must be author=…, topic=… or paper=…');

const chipsRequest = shape({
  papers: list('papers', 5000, pagePaper),
  counts: optional(bool('counts')),
});

const learnRequest = shape({ papers: list('papers', 5000, pagePaper), url: text('url', 4000) });

export function overlayHandlers({ db, engine, settings, now }: HandlerDeps): HandlerGroup<OverlayTypes> {
  return {
    'papers/lookup': handler(shape({ ids: paperIds('ids') }), async ({ ids: wanted }) => {
      const d = await db();
      const found = await getPapers(d, wanted);
      return { inCorpus: wanted.filter((id) => found.has(id)), saved: await savedIds(d, wanted) };
    }),

    'papers/get': handler(shape({ id: paperId('id') }), async ({ id }) => ({
      paper: (await engine.paper(id)) ?? null,
    })),

    'panel/data': handler(shape({ paper: pagePaper }), async ({ paper: page }) => {
      const corpus = await engine.paper(page.id);
      const draft = draftOf(page, corpus);
      // A page may list thousands of authors; profiles are looked up for the first 50.
      const keys = page.authors.slice(0, 50).map(authorKey);
      const [related, tags, profileList] = await Promise.all([
        engine.relatedTo(draft, RELATED_IN_PANEL * 2),
        engine.tags(draft),
        Promise.all(keys.map((k) => engine.authorProfile(k))),
      ]);
      const profiles = new Map(keys.map((k, i) => [k, profileList[i]] as const));
      const top = related.filter((r) => r.score >= RELATED_MIN_SCORE).slice(0, RELATED_IN_PANEL);
      const d = await db();
      const saved = new Set(await savedIds(d, [page.id, ...top.map((r) => r.id)]));
      const relatedPapers: RelatedPaper[] = [];
      for (const r of top) {
        const p = await engine.paper(r.id);
        if (!p) continue;
        relatedPapers.push({
          id: r.id,
          title: p.title,
          authors: p.authors.map((a) => a.name),
          ...(p.published ? { year: Number(p.published.slice(0, 4)) } : {}),
          score: r.score,
          reason: r.reason,
          url: absUrlOf(r.id),
          saved: saved.has(r.id),
        });
      }
      const authors: AuthorInfo[] = page.authors.map((name) => {
        const key = authorKey(name);
        const profile = profiles.get(key);
        return {
          name,
          key,
          corpusPapers: profile?.papers.length ?? 0,
          topCoauthors: (profile?.coauthors ?? []).slice(0, 3).map((c) => ({ name: c.name, count: c.count })),
          ...(profile?.stats
            ? {
                stats: {
                  ...(profile.stats.hIndex !== undefined ? { hIndex: profile.stats.hIndex } : {}),
                  ...(profile.stats.citations !== undefined ? { citations: profile.stats.citations } : {}),
                  ...(profile.stats.papers !== undefined ? { papers: profile.stats.papers } : {}),
                  source: profile.stats.source,
                },
              }
            : {}),
        };
      });
      const bibSource: Paper = corpus ?? learnedPaper(page, now());
      const codeUrls = [...new Set([...(corpus?.codeUrls ?? []), ...codeUrlsIn(page.abstract, page.comments)])];
      return {
        inCorpus: corpus !== undefined,
        saved: saved.has(page.id),
        paper: corpus ?? null,
        authors,
        related: relatedPapers,
        topics: displayTags(tags, 8),
        codeUrls,
        bibtex: toBibtex([bibSource]),
      };
    }),

    'chips/data': handler(chipsRequest, async (data) => {
      const pages = data.papers;
      const d = await db();
      const saved = new Set(
        await savedIds(
          d,
          pages.map((p) => p.id),
        ),
      );
      const drafts = await Promise.all(pages.map(async (page) => ({ page, corpus: await engine.paper(page.id) })));
      // One pass over the index postings for the whole batch, no rescoring (that is the panel's work).
      const counts =
        data.counts === false
          ? undefined
          : await engine.relatedCounts(
              drafts.map(({ page, corpus }) => draftOf(page, corpus)),
              RELATED_COUNT_CAP,
            );
      const chips: Record<string, ChipData> = {};
      for (const [i, { page, corpus }] of drafts.entries()) {
        const tags = await engine.tags(draftOf(page, corpus), 1);
        const count = counts?.[i];
        chips[page.id] = {
          inCorpus: corpus !== undefined,
          saved: saved.has(page.id),
          topics: displayTags(
            tags.filter((t) => t.kind !== 'category'),
            2,
          ),
          ...(count !== undefined ? { relatedCount: count } : {}),
        };
      }
      return { chips };
    }),

    'papers/learn': handler(learnRequest, async (data) => {
      if (!(await settings()).learnFromPages) return { added: 0, merged: 0, skipped: true };
      const at = now();
      const learned = data.papers.map((p) => learnedPaper(p, at, data.url));
      const d = await db();
      const existing = await getPapers(
        d,
        learned.map((p) => p.id),
      );
      // A page never overwrites what a richer source (bundle, import) said; it only fills gaps.
      const result = await putPapers(d, learned, (old, incoming) => ({
        ...incoming,
        ...old,
        ...(old.abstract || !incoming.abstract ? {} : { abstract: incoming.abstract }),
        provenance: old.provenance.some((p) => p.kind === 'learned')
          ? old.provenance
          : [...old.provenance, ...incoming.provenance],
      }));
      // Only what the index does not know yet: a listing seen again changes nothing (and costs nothing).
      const changed = learned.filter((p) => !existing.has(p.id) || (p.abstract && !existing.get(p.id)?.abstract));
      await engine.changed([
        ...(
          await getPapers(
            d,
            changed.map((p) => p.id),
          )
        ).values(),
      ]);
      return { ...result, skipped: false };
    }),

    'titles/scan': handler(shape({ candidates: list('candidates', 20_000, text('candidate', 2000)) }), async (data) => {
      const hits = await engine.scanTitles(data.candidates);
      return { matches: hits.map((h) => ({ index: h.index, id: h.id, confidence: h.confidence, kind: h.kind })) };
    }),

    'library/open': handler(shape({ view: libraryView }), async (data) => {
      await browser.tabs.create({ url: `${browser.runtime.getURL('/library.html')}#${data.view}` });
      return { opened: true };
    }),
  };
}
