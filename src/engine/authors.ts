/**
 * Author profiles built from the corpus: papers, co-authors, topics, years, organisations and the name
 * forms merged under one identity key (src/core/authors.ts). Pure.
 *
 * Citation figures (h-index, citations) are never computed here: the corpus is a small slice of anyone's
 * work. They appear only when a source gave them (`AuthorStats`), and carry that source.
 */
import { authorKey } from '../core/authors';
import type { AuthorStats, Paper, PaperId } from '../core/paper';
import { defaultTagger, type Tag } from './topics';

export interface AuthorProfile {
  readonly key: string;
  /** The fullest name form seen (most words, then most frequent). */
  readonly name: string;
  readonly nameForms: readonly string[];
  /** Newest first. */
  readonly papers: readonly PaperId[];
  readonly coauthors: readonly { readonly key: string; readonly name: string; readonly count: number }[];
  readonly topics: readonly { readonly id: string; readonly label: string; readonly count: number }[];
  readonly years?: { readonly first: number; readonly last: number };
  readonly organisations: readonly string[];
  /** Figures a source gave, labelled with that source; absent unless one did. */
  readonly stats?: AuthorStats & { readonly label: string };
}

export interface ProfileOptions {
  readonly stats?: readonly AuthorStats[];
  readonly topicsOf?: (p: Paper) => readonly Tag[];
}

interface Acc {
  forms: Map<string, number>;
  papers: { id: PaperId; date: string }[];
  coauthors: Map<string, { name: string; count: number }>;
  topics: Map<string, { label: string; count: number }>;
  years: number[];
  orgs: Set<string>;
}

export function buildAuthorProfiles(
  papers: readonly Paper[],
  options: ProfileOptions = {},
): Map<string, AuthorProfile> {
  const topicsOf = options.topicsOf ?? ((p: Paper) => defaultTagger().tag(p));
  const acc = new Map<string, Acc>();
  for (const p of papers) {
    const keys = p.authors.map((a) => a.key || authorKey(a.name));
    const topics = topicsOf(p);
    const year = Number((p.published ?? '').slice(0, 4));
    p.authors.forEach((a, i) => {
      const key = keys[i] ?? authorKey(a.name);
      let e = acc.get(key);
      if (!e) {
        e = { forms: new Map(), papers: [], coauthors: new Map(), topics: new Map(), years: [], orgs: new Set() };
        acc.set(key, e);
      }
      // A paper listing the same person twice (name variants in one record) counts once.
      if (e.papers.some((x) => x.id === p.id)) return;
      e.forms.set(a.name, (e.forms.get(a.name) ?? 0) + 1);
      e.papers.push({ id: p.id, date: p.published ?? '' });
      if (year) e.years.push(year);
      // Organisations are per paper, not per author, in our records: attribute them to single-author papers
      // only, where the attribution is certain.
      if (p.authors.length === 1) for (const o of p.organisations ?? []) e.orgs.add(o);
      p.authors.forEach((b, j) => {
        const k = keys[j] ?? authorKey(b.name);
        if (k === key) return;
        const c = e.coauthors.get(k) ?? { name: b.name, count: 0 };
        c.count++;
        // The fullest spelling; between equally long ones, the same whatever order the papers come in.
        if (b.name.length > c.name.length || (b.name.length === c.name.length && b.name < c.name)) c.name = b.name;
        e.coauthors.set(k, c);
      });
      for (const t of topics) {
        if (t.kind !== 'topic') continue;
        const c = e.topics.get(t.id) ?? { label: t.label, count: 0 };
        c.count++;
        e.topics.set(t.id, c);
      }
    });
  }
  const statsByKey = new Map<string, AuthorStats>();
  for (const s of options.stats ?? []) statsByKey.set(authorKey(s.author), s);
  const out = new Map<string, AuthorProfile>();
  for (const [key, e] of acc) {
    const forms = [...e.forms.entries()].sort(
      (a, b) => b[0].split(/\s+/).length - a[0].split(/\s+/).length || b[1] - a[1] || a[0].localeCompare(b[0]),
    );
    const stats = statsByKey.get(key);
    const years = e.years.length ? { first: Math.min(...e.years), last: Math.max(...e.years) } : undefined;
    const profile: AuthorProfile = {
      key,
      name: forms[0]?.[0] ?? key,
      nameForms: forms.map(([f]) => f),
      papers: e.papers.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id)).map((x) => x.id),
      coauthors: [...e.coauthors.entries()]
        .map(([k, c]) => ({ key: k, name: c.name, count: c.count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      topics: [...e.topics.entries()]
        .map(([id, t]) => ({ id, label: t.label, count: t.count }))
        .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
      organisations: [...e.orgs].sort(),
      ...(years ? { years } : {}),
      ...(stats ? { stats: { ...stats, label: `as reported by ${stats.source}` } } : {}),
    };
    out.set(key, profile);
  }
  return out;
}

/** The profile for a name in any form ("D. A. Roberts"), if the corpus has that author. */
export function findAuthor(profiles: ReadonlyMap<string, AuthorProfile>, name: string): AuthorProfile | undefined {
  return profiles.get(authorKey(name));
}
