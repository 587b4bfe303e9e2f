/** Answers to the page overlays: lookups, full panels, listing chips, learning and title scans. */
import { browser } from 'wxt/browser';
import { authorKey } from '../../core/authors';
import type { Paper, PaperId } from '../../core/paper';
import { codeUrlsIn } from '../../corpus/code-urls';
import { putPapers } from '../../db/papers';
import { savedIds } from '../../db/reading-list';
import { toBibtex } from '../../engine/export';
import type { Tag } from '../../engine/topics';
import { RELATED_COUNT_CAP } from '../../messaging/overlay';
import type { AuthorInfo, ChipData, PagePaper, RelatedPaper, TopicTag } from '../../messaging/protocol';
import { learnedPaper } from '../learned';
import { BadRequest, type HandlerDeps, type HandlerGroup, pagePaper, paperIds } from './deps';

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

export function overlayHandlers({ db, engine, settings, now }: HandlerDeps): HandlerGroup<OverlayTypes> {
  return {
    async 'papers/lookup'(data) {
      const wanted = paperIds(data.ids);
      const found = await engine.inCorpus(wanted);
      return { inCorpus: wanted.filter((id) => found.has(id)), saved: await savedIds(await db(), wanted) };
    },

    async 'papers/get'(data) {
      const [id] = paperIds([data.id], 1);
      return { paper: (await engine.paper(id as PaperId)) ?? null };
    },

    async 'panel/data'(data) {
      const page = pagePaper(data.paper);
      const corpus = await engine.paper(page.id);
      const draft = draftOf(page, corpus);
      // A page may list thousands of authors; profiles are looked up for the first 50.
      const keys = page.authors.slice(0, 50).map(authorKey);
      const [related, tags, profiles] = await Promise.all([
        engine.relatedTo(draft, RELATED_IN_PANEL * 2),
        engine.tags(draft),
        engine.authorProfiles(keys),
      ]);
      const top = related.filter((r) => r.score >= RELATED_MIN_SCORE).slice(0, RELATED_IN_PANEL);
      const d = await db();
      const [saved, topPapers] = await Promise.all([
        savedIds(d, [page.id, ...top.map((r) => r.id)]).then((ids) => new Set(ids)),
        engine.papers(top.map((r) => r.id)),
      ]);
      const relatedPapers: RelatedPaper[] = [];
      for (const [i, r] of top.entries()) {
        const p = topPapers[i];
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
          corpusPapers: profile?.paperCount ?? 0,
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
    },

    async 'chips/data'(data) {
      if (!Array.isArray(data.papers) || data.papers.length > 5000) throw new BadRequest('papers must be a list');
      if (data.counts !== undefined && typeof data.counts !== 'boolean')
        throw new BadRequest('counts must be true or false');
      const pages = data.papers.map(pagePaper);
      const d = await db();
      const saved = new Set(
        await savedIds(
          d,
          pages.map((p) => p.id),
        ),
      );
      const corpora = await engine.papers(pages.map((p) => p.id));
      const drafts = pages.map((page, i) => ({ page, corpus: corpora[i] }));
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
    },

    async 'papers/learn'(data) {
      if (!Array.isArray(data.papers) || data.papers.length > 5000) throw new BadRequest('papers must be a list');
      if (typeof data.url !== 'string') throw new BadRequest('url must be text');
      if (!(await settings()).learnFromPages) return { added: 0, merged: 0, skipped: true };
      const at = now();
      const learned = data.papers.map(pagePaper).map((p) => learnedPaper(p, at, data.url));
      const d = await db();
      // A page never overwrites what a richer source (bundle, import) said; it only fills gaps.
      const result = await putPapers(d, learned, (old, incoming) => ({
        ...incoming,
        ...old,
        ...(old.abstract || !incoming.abstract ? {} : { abstract: incoming.abstract }),
        provenance: old.provenance.some((p) => p.kind === 'learned')
          ? old.provenance
          : [...old.provenance, ...incoming.provenance],
      }));
      engine.invalidate();
      return { ...result, skipped: false };
    },

    async 'titles/scan'(data) {
      if (
        !Array.isArray(data.candidates) ||
        data.candidates.length > 20_000 ||
        !data.candidates.every((c) => typeof c === 'string' && c.length <= 2000)
      )
        throw new BadRequest('candidates must be a list of at most 20,000 strings');
      const hits = await engine.scanTitles(data.candidates);
      return { matches: hits.map((h) => ({ index: h.index, id: h.id, confidence: h.confidence, kind: h.kind })) };
    },

    async 'library/open'(data) {
      if (typeof data.view !== 'string' || !LIBRARY_VIEW.test(data.view))
        throw new BadRequest('view must be author=…, topic=… or paper=…');
      await browser.tabs.create({ url: `${browser.runtime.getURL('/library.html')}#${data.view}` });
      return { opened: true };
    },
  };
}
