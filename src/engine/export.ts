/**
 * Exports: BibTeX, CSL-JSON, RIS, Markdown and CSV. Pure functions of `Paper[]` and optional
 * reading-list notes and tags; they return text (or CSL objects) and never touch files.
 */
import { splitName } from '../core/authors';
import type { Paper } from '../core/paper';
import { normaliseTitle, STOP_WORDS, words } from './normalize';

/** Reading-list extras per paper id. */
export interface ExportExtras {
  readonly notes?: ReadonlyMap<string, string>;
  readonly tags?: ReadonlyMap<string, readonly string[]>;
}

const year = (p: Paper): string | undefined => p.published?.slice(0, 4);

// ---------------------------------------------------------------------------------------------------------
// BibTeX

/**
 * Citation keys `surnameYYYYfirstword` (Google Scholar's scheme, so keys agree with what people paste),
 * ASCII only. Colliding keys get a, b, c… in paper-id order, so a paper's key does not depend on the order
 * papers were passed.
 */
export function citationKeys(papers: readonly Paper[]): Map<string, string> {
  const base = new Map<string, string[]>();
  for (const p of [...papers].sort((a, b) => a.id.localeCompare(b.id))) {
    const first = p.authors[0];
    const surname = first ? words(normaliseTitle(splitName(first.name).surname)).join('') : 'anon';
    const word = words(normaliseTitle(p.title)).find((w) => !STOP_WORDS.has(w) && /^[a-z]/.test(w)) ?? 'paper';
    const k = `${surname.replace(/[^a-z0-9]/g, '') || 'anon'}${year(p) ?? ''}${word.replace(/[^a-z0-9]/g, '')}`;
    base.set(k, [...(base.get(k) ?? []), p.id]);
  }
  const out = new Map<string, string>();
  for (const [k, ids] of base) {
    if (ids.length === 1) out.set(ids[0] ?? '', k);
    else
      for (const [i, id] of ids.entries())
        out.set(id, `${k}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`);
  }
  return out;
}

/**
 * Escapes BibTeX specials outside `$…$` math (which is kept verbatim, since titles carry TeX such as
 * `$\mu$P`). Unicode is kept: biber and modern bibtex read UTF-8.
 */
export function escapeBibtex(text: string): string {
  return text
    .split(/(\$[^$]*\$)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\\/g, '\\textbackslash{}')
            .replace(/([{}&%#_])/g, '\\$1')
            .replace(/\$/g, '\\$')
            .replace(/~/g, '\\textasciitilde{}')
            .replace(/\^/g, '\\textasciicircum{}')
            .replace(/\\textbackslash\\\{\\\}/g, '\\textbackslash{}')
            .replace(/\\textasciitilde\\\{\\\}/g, '\\textasciitilde{}')
            .replace(/\\textasciicircum\\\{\\\}/g, '\\textasciicircum{}'),
    )
    .join('');
}

/** Braces words with inner capitals ("AdaNet", "GANs", "SGD") so bibliography styles keep their case. */
function protectCase(escaped: string): string {
  return escaped.replace(
    /(^|[\s(-])([A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*)(?=$|[\s:,.?)-])/g,
    '$1{$2}',
  );
}

export function toBibtex(papers: readonly Paper[], extras: ExportExtras = {}): string {
  const keys = citationKeys(papers);
  return papers
    .map((p) => {
      const fields: [string, string][] = [
        ['title', protectCase(escapeBibtex(p.title.replace(/\s+/g, ' ').trim()))],
        [
          'author',
          p.authors.map((a) => escapeBibtex(bibName(a.name))).join(' and ') + (p.authorsTruncated ? ' and others' : ''),
        ],
      ];
      const y = year(p);
      if (y) fields.push(['year', y]);
      if (p.published) fields.push(['month', String(Number(p.published.slice(5, 7)))]);
      if (p.arxivId) {
        fields.push(['eprint', p.arxivId], ['archivePrefix', 'arXiv']);
        const primary = p.primaryCategory ?? p.categories?.[0];
        if (primary) fields.push(['primaryClass', primary]);
        fields.push(['url', `https://arxiv.org/abs/${p.arxivId}`]);
      }
      if (p.doi) fields.push(['doi', escapeBibtex(p.doi)]);
      if (p.journalRef) fields.push(['journal', escapeBibtex(p.journalRef)]);
      const note = extras.notes?.get(p.id);
      if (note) fields.push(['note', escapeBibtex(note)]);
      const tags = extras.tags?.get(p.id);
      if (tags?.length) fields.push(['keywords', escapeBibtex(tags.join(', '))]);
      const type = p.journalRef ? 'article' : 'misc';
      const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
      return `@${type}{${keys.get(p.id) ?? p.id},\n${body}\n}`;
    })
    .join('\n\n')
    .concat(papers.length ? '\n' : '');
}

/** Surname and given names as written ("Daniel A." keeps its full stop), particles in the surname. */
export function nameParts(name: string): { family: string; given: string } {
  const clean = name.replace(/\s+/g, ' ').trim();
  const { surname } = splitName(clean);
  if (clean.includes(',')) return { family: surname, given: clean.slice(clean.indexOf(',') + 1).trim() };
  const at = clean.lastIndexOf(surname);
  return { family: surname, given: (at > 0 ? clean.slice(0, at) : '').trim() };
}

/** "Daniel A. Roberts" → "Roberts, Daniel A.": unambiguous for BibTeX's name parser (particles, suffixes). */
function bibName(name: string): string {
  const { family, given } = nameParts(name);
  return given ? `${family}, ${given}` : family;
}

// ---------------------------------------------------------------------------------------------------------
// CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)

export interface CslItem {
  readonly id: string;
  readonly type: 'article' | 'article-journal';
  readonly title: string;
  readonly author: readonly { readonly family: string; readonly given?: string }[];
  readonly issued?: { readonly 'date-parts': readonly (readonly number[])[] };
  readonly URL?: string;
  readonly DOI?: string;
  readonly number?: string;
  readonly publisher?: string;
  readonly 'container-title'?: string;
  readonly abstract?: string;
  readonly note?: string;
  readonly keyword?: string;
}

export function toCslJson(papers: readonly Paper[], extras: ExportExtras = {}): CslItem[] {
  const keys = citationKeys(papers);
  return papers.map((p) => {
    const date = p.published?.split('-').map(Number);
    const note = extras.notes?.get(p.id);
    const tags = extras.tags?.get(p.id);
    return {
      id: keys.get(p.id) ?? p.id,
      type: p.journalRef ? 'article-journal' : 'article',
      title: p.title,
      author: p.authors.map((a) => {
        const { family, given } = nameParts(a.name);
        return given ? { family, given } : { family };
      }),
      ...(date ? { issued: { 'date-parts': [date] } } : {}),
      ...(p.arxivId
        ? { URL: `https://arxiv.org/abs/${p.arxivId}`, number: `arXiv:${p.arxivId}`, publisher: 'arXiv' }
        : {}),
      ...(p.doi ? { DOI: p.doi } : {}),
      ...(p.journalRef ? { 'container-title': p.journalRef } : {}),
      ...(p.abstract ? { abstract: p.abstract } : {}),
      ...(note ? { note } : {}),
      ...(tags?.length ? { keyword: tags.join(', ') } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// RIS (https://en.wikipedia.org/wiki/RIS_(file_format)): one tag per line, CRLF, records end with "ER  -".

export function toRis(papers: readonly Paper[], extras: ExportExtras = {}): string {
  const line = (tag: string, value: string) => `${tag}  - ${value.replace(/\s+/g, ' ').trim()}`;
  return papers
    .map((p) => {
      const out = [line('TY', p.journalRef ? 'JOUR' : 'PREP'), line('TI', p.title)];
      for (const a of p.authors) out.push(line('AU', bibName(a.name)));
      if (p.published) out.push(line('PY', p.published.slice(0, 4)), line('DA', p.published.replace(/-/g, '/')));
      if (p.arxivId) out.push(line('UR', `https://arxiv.org/abs/${p.arxivId}`), line('M1', `arXiv:${p.arxivId}`));
      if (p.doi) out.push(line('DO', p.doi));
      // RIS's UR may repeat: the code links follow the paper's own page.
      for (const u of p.codeUrls ?? []) out.push(line('UR', u));
      if (p.journalRef) out.push(line('JO', p.journalRef));
      if (p.abstract) out.push(line('AB', p.abstract));
      for (const t of extras.tags?.get(p.id) ?? []) out.push(line('KW', t));
      const note = extras.notes?.get(p.id);
      if (note) out.push(line('N1', note));
      out.push('ER  - ');
      return out.join('\r\n');
    })
    .join('\r\n\r\n')
    .concat(papers.length ? '\r\n' : '');
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

/** `- [Title](https://arxiv.org/abs/…) — Authors (2022)`, with Markdown specials in the title escaped. */
export function toMarkdown(papers: readonly Paper[], extras: ExportExtras = {}): string {
  return papers
    .map((p) => {
      const title = p.title.replace(/\s+/g, ' ').replace(/([\\[\]*_`<>|])/g, '\\$1');
      const url = p.arxivId ? `https://arxiv.org/abs/${p.arxivId}` : p.doi ? `https://doi.org/${p.doi}` : undefined;
      const names = p.authors.map((a) => a.name);
      const who = names.length > 3 ? `${names.slice(0, 3).join(', ')} et al.` : names.join(', ');
      const y = year(p);
      let s = `- ${url ? `[${title}](${url.replace(/\)/g, '%29')})` : title}${who ? ` — ${who}` : ''}${y ? ` (${y})` : ''}`;
      const code = p.codeUrls?.[0];
      if (code) s += ` · [code](${code.replace(/\)/g, '%29')})`;
      const note = extras.notes?.get(p.id);
      if (note) s += `\n  > ${note.replace(/\n/g, '\n  > ')}`;
      return s;
    })
    .join('\n')
    .concat(papers.length ? '\n' : '');
}

// ---------------------------------------------------------------------------------------------------------
// CSV (RFC 4180: CRLF records, fields with comma, quote, CR or LF quoted, quotes doubled)

export interface CsvOptions {
  /**
   * Prefix cells starting with = + - @ with a quote mark, so spreadsheets do not run them as formulas
   * (OWASP "CSV injection"). Off by default, as it alters the data. */
  readonly guardFormulas?: boolean;
}

export function csvField(value: string, options: CsvOptions = {}): string {
  const v = options.guardFormulas && /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(papers: readonly Paper[], extras: ExportExtras = {}, options: CsvOptions = {}): string {
  const header = [
    'id',
    'title',
    'authors',
    'published',
    'primary_category',
    'categories',
    'doi',
    'url',
    'tags',
    'notes',
    // Last, so the columns before it stay where earlier exports had them.
    'code',
  ];
  const rows = papers.map((p) => [
    p.id,
    p.title,
    p.authors.map((a) => a.name).join('; '),
    p.published ?? '',
    p.primaryCategory ?? '',
    (p.categories ?? []).join(' '),
    p.doi ?? '',
    p.arxivId ? `https://arxiv.org/abs/${p.arxivId}` : '',
    (extras.tags?.get(p.id) ?? []).join('; '),
    extras.notes?.get(p.id) ?? '',
    (p.codeUrls ?? []).join(' '),
  ]);
  return [header, ...rows]
    .map((r) => r.map((f) => csvField(f, options)).join(','))
    .join('\r\n')
    .concat('\r\n');
}
