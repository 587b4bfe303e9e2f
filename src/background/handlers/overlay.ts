/**
 * Answers to the page overlays, one per need: a full panel (learning its page paper afterwards), a
 * listing's chips (state and topics at once, related counts in a second answer by ticket), a page's
 * badges (recognition and state in one answer, from the engine), and opening a library view.
 */
import { browser } from 'wxt/browser';
import { authorKey } from '../../core/authors';
import { type CodeLink, codeLinksInText, codeLinksOf, unionCodeLinks } from '../../core/code';
import { err, ok, type Paper, type PaperId, type Result } from '../../core/paper';
import { savedIds } from '../../db/reading-list';
import { toBibtex } from '../../engine/export';
import type { DraftPaper } from '../../engine/related';
import type { Tag } from '../../engine/topics';
import { type PanelRequest, RELATED_COUNT_CAP, type RecognisedPaper } from '../../messaging/overlay';
import { codeLinks, list, optional, pagePaper, paperId, shape, text, webUrl } from '../../messaging/parse';
import type { AuthorInfo, ChipData, PagePaper, RelatedPaper, TopicTag } from '../../messaging/protocol';
import { BADGE_MIN_CONFIDENCE } from '../../sites/badge-adapter';
import { learnedPaper } from '../learned';
import { PageLearner } from '../learning';
import { noveltyView } from '../novelty';
import { type HandlerDeps, type HandlerGroup, handler } from './deps';
import { relatedView, statsView } from './views';

type OverlayTypes = 'panel/data' | 'chips/data' | 'chips/counts' | 'badges/recognise' | 'library/open';

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

type Draft = DraftPaper & { readonly id: PaperId };

/** What the engine knows of a page paper: the corpus record's richer fields where there is one. */
function draftOf(page: PagePaper, corpus: Paper | undefined): Draft {
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

const pageUrl = webUrl('learnFrom');

const byId = shape({ id: paperId('id'), code: codeLinks });
const byPage = shape({ paper: pagePaper, learnFrom: optional(pageUrl) });
/** A corpus paper by id, or a page paper (which wins when both are sent). */
const panelRequest = (v: unknown): Result<PanelRequest> =>
  typeof v === 'object' && v !== null && 'id' in v && !('paper' in v) ? byId(v) : byPage(v);

/** A `CountTickets` ticket: `<life>-<n>`. */
const ticketOf = (v: unknown) =>
  typeof v === 'string' && /^[0-9a-z]{1,12}-\d{1,15}$/.test(v) ? ok(v) : err('ticket must be a chips/data ticket');

const chipsRequest = shape({ papers: list('papers', 5000, pagePaper), learnFrom: optional(pageUrl) });

const recogniseRequest = shape({
  entries: list(
    'entries',
    20_000,
    shape({ id: optional(paperId('id')), title: optional(text('title', 2000)), code: codeLinks }),
  ),
  learnFrom: optional(pageUrl),
});

/** Every code link known for a paper: the corpus record's (with their sources), then the page's. */
function codeOf(
  corpus: Paper | undefined,
  page: { abstract?: string; comments?: string; code?: readonly CodeLink[] } | undefined,
) {
  return unionCodeLinks(corpus ? codeLinksOf(corpus) : [], page?.code, page ? codeLinksInText(page) : []);
}

/**
 * The drafts of recent `chips/data` answers, by ticket, until their related counts are asked for (once).
 * Bounded: a ticket not asked for within a minute, or beyond the most recent entries, is dropped (its
 * chips then show no count).
 */
class CountTickets {
  private readonly tickets = new Map<string, { drafts: readonly Draft[]; at: number }>();
  private held = 0;
  private next = 0;
  // A worker that restarted never mistakes another life's ticket for one of its own.
  private readonly life = Math.random().toString(36).slice(2, 8);

  constructor(
    private readonly maxDrafts = 20_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  issue(drafts: readonly Draft[], at: number): string {
    const ticket = `${this.life}-${this.next++}`;
    this.tickets.set(ticket, { drafts, at });
    this.held += drafts.length;
    for (const [t, v] of this.tickets) {
      if (this.held <= this.maxDrafts && at - v.at <= this.maxAgeMs) break;
      this.tickets.delete(t);
      this.held -= v.drafts.length;
    }
    return ticket;
  }

  take(ticket: string): readonly Draft[] | undefined {
    const v = this.tickets.get(ticket);
    if (!v) return undefined;
    this.tickets.delete(ticket);
    this.held -= v.drafts.length;
    return v.drafts;
  }
}

export function overlayHandlers(deps: HandlerDeps): HandlerGroup<OverlayTypes> {
  const { db, engine, now } = deps;
  const learner = deps.learner ?? new PageLearner(deps);
  const tickets = new CountTickets();

  return {
    'panel/data': handler(panelRequest, async (request) => {
      const page = 'paper' in request ? request.paper : undefined;
      const id = page ? page.id : (request as { id: PaperId }).id;
      const corpus = await engine.paper(id);
      if (!page && !corpus) throw new Error(`${id} is not in your corpus any more`);
      const draft = draftOf(page ?? { id, title: '', authors: [], url: '' }, corpus);
      // The names as the page wrote them (a corpus paper opened by id: as the corpus has them).
      const names = page ? page.authors : (corpus?.authors.map((a) => a.name) ?? []);
      // A page may list thousands of authors; profiles are looked up for the first 50.
      const keys = names.slice(0, 50).map(authorKey);
      const [related, tags, profiles, novelty] = await Promise.all([
        engine.relatedTo(draft, RELATED_IN_PANEL * 2),
        engine.tags(draft),
        engine.authorProfiles(keys),
        noveltyView(engine, {
          id,
          title: draft.title,
          ...(draft.abstract ? { abstract: draft.abstract } : {}),
          ...(draft.categories ? { categories: draft.categories } : {}),
        }),
      ]);
      const top = related.filter((r) => r.score >= RELATED_MIN_SCORE).slice(0, RELATED_IN_PANEL);
      const d = await db();
      const [saved, topPapers] = await Promise.all([
        savedIds(d, [id, ...top.map((r) => r.id)]).then((ids) => new Set(ids)),
        engine.papers(top.map((r) => r.id)),
      ]);
      const relatedPapers: RelatedPaper[] = [];
      top.forEach((r, i) => {
        const p = topPapers[i];
        if (p) relatedPapers.push(relatedView(r, p, saved.has(r.id)));
      });
      const authors: AuthorInfo[] = names.map((name) => {
        const key = authorKey(name);
        const profile = profiles.get(key);
        return {
          name,
          key,
          corpusPapers: profile?.paperCount ?? 0,
          topCoauthors: (profile?.coauthors ?? []).slice(0, 3).map((c) => ({ name: c.name, count: c.count })),
          ...(profile?.stats ? { stats: statsView(profile.stats) } : {}),
        };
      });
      const bibSource: Paper = corpus ?? learnedPaper(page as PagePaper, now());
      const code = codeOf(corpus, page ?? ('code' in request ? { code: request.code ?? [] } : undefined));
      // Learned once answered: this answer says whether the paper was known before the visit.
      const learnFrom = 'learnFrom' in request ? request.learnFrom : undefined;
      if (page && learnFrom) learner.learn([page], learnFrom, 'now');
      return {
        inCorpus: corpus !== undefined,
        saved: saved.has(id),
        paper: corpus ?? null,
        authors,
        related: relatedPapers,
        topics: displayTags(tags, 8),
        codeUrls: code.map((l) => l.url),
        codeLinks: code,
        novelty,
        bibtex: toBibtex([bibSource]),
      };
    }),

    'chips/data': handler(chipsRequest, async ({ papers: pages, learnFrom }) => {
      const d = await db();
      const [saved, corpus] = await Promise.all([
        savedIds(
          d,
          pages.map((p) => p.id),
        ).then((ids) => new Set(ids)),
        engine.papers(pages.map((p) => p.id)),
      ]);
      const drafts = pages.map((page, i) => draftOf(page, corpus[i]));
      const chips: Record<string, ChipData> = {};
      const allTags = await engine.tagsMany(drafts, 1);
      for (const [i, draft] of drafts.entries()) {
        const tags = allTags[i] ?? [];
        const code = codeOf(corpus[i], pages[i]).length;
        chips[draft.id] = {
          ...(code ? { code } : {}),
          inCorpus: corpus[i] !== undefined,
          saved: saved.has(draft.id),
          topics: displayTags(
            tags.filter((t) => t.kind !== 'category'),
            2,
          ),
        };
      }
      if (learnFrom) learner.learn(pages, learnFrom, 'when-quiet');
      return { chips, counts: tickets.issue(drafts, now().getTime()) };
    }),

    'chips/counts': handler(shape({ ticket: ticketOf }), async ({ ticket }) => {
      learner.postpone();
      const drafts = tickets.take(ticket);
      if (!drafts) return { counts: null };
      // One pass over the index postings for the whole batch, no rescoring (that is the panel's work).
      const counts = await engine.relatedCounts(drafts, RELATED_COUNT_CAP);
      return { counts: Object.fromEntries(drafts.map((p, i) => [p.id, counts[i] ?? 0])) };
    }),

    'badges/recognise': handler(recogniseRequest, async ({ entries, learnFrom }) => {
      const ids: (PaperId | undefined)[] = entries.map((e) => e.id);
      const titled = entries.flatMap((e, i) => (e.id === undefined && e.title ? [i] : []));
      if (titled.length) {
        const hits = await engine.scanTitles(titled.map((i) => entries[i]?.title ?? ''));
        for (const hit of hits) {
          // On other sites a false badge is worse than a missing one (see BADGE_MIN_CONFIDENCE).
          const at = titled[hit.index];
          if (hit.confidence >= BADGE_MIN_CONFIDENCE && at !== undefined) ids[at] = hit.id;
        }
      }
      const wanted = [...new Set(ids.filter((id): id is PaperId => id !== undefined))];
      if (wanted.length === 0) return { papers: [] };
      const [records, saved] = await Promise.all([
        engine.papers(wanted),
        savedIds(await db(), wanted).then((s) => new Set(s)),
      ]);
      const byId = new Map(wanted.map((id, i) => [id, records[i]] as const));
      const papers: RecognisedPaper[] = [];
      const learn: PagePaper[] = [];
      for (const [index, id] of ids.entries()) {
        if (id === undefined) continue;
        const p = byId.get(id);
        const pageCode = entries[index]?.code ?? [];
        const known = p ? codeLinksOf(p) : [];
        const code = unionCodeLinks(known, pageCode);
        // A corpus paper the page gives new code links for keeps them, with the site as their source.
        if (p && learnFrom && code.length > known.length)
          learn.push({ id, title: p.title, authors: p.authors.map((a) => a.name), url: learnFrom, code: pageCode });
        papers.push({
          index,
          id,
          inCorpus: p !== undefined,
          saved: saved.has(id),
          ...(p ? { title: p.title, authors: p.authors.slice(0, 10).map((a) => a.name) } : {}),
          ...(p && code.length ? { code: code.length } : {}),
        });
      }
      if (learnFrom) learner.learn(learn, learnFrom, 'when-quiet');
      return { papers };
    }),

    'library/open': handler(shape({ view: libraryView }), async (data) => {
      await browser.tabs.create({ url: `${browser.runtime.getURL('/library.html')}#${data.view}` });
      return { opened: true };
    }),
  };
}
