/**
 * BibTeX: the reading lists and corpora people already keep (Zotero, Google Scholar, arXiv's own
 * export, hand-kept .bib files). A small tolerant parser: `@type{key, field = {…} | "…" | number | macro
 * # concatenation}`, `@string` macros, `@comment` and `@preamble` skipped; a broken entry is rejected
 * with its position and the parser resumes at the next `@`.
 *
 * The arXiv id is taken from `eprint` (with archivePrefix arXiv, or an id-shaped eprint), an arxiv.org
 * URL, or a journal like "arXiv preprint arXiv:2210.16859". Without one, the paper gets a title id.
 * .bib files are small, so the input is read whole.
 */
import { codeUrlsIn } from '../code-urls';
import { readAll, type TextInput } from './chunks';
import { arxivIdIn, makePaper } from './draft';
import { type ImportItem, type ImportOptions, importedProvenance, itemFor } from './report';

export interface BibEntry {
  readonly type: string;
  readonly key: string;
  readonly fields: ReadonlyMap<string, string>;
  readonly line: number;
}

export type BibItem =
  | { readonly ok: true; readonly entry: BibEntry }
  | { readonly ok: false; readonly line: number; readonly error: string };

const MONTHS: Readonly<Record<string, string>> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
};

/** Parses BibTeX text into entries and per-entry errors, in file order. */
export function parseBibtex(text: string): BibItem[] {
  const out: BibItem[] = [];
  const macros = new Map(Object.entries(MONTHS));
  let pos = 0;
  // Line numbers counted forward from the last entry, and regexes matched in place (sticky, no
  // slices): a file of many broken entries stays linear instead of rescanning from the start each time.
  // The next newline is remembered, so a file with few newlines is not searched to its end per entry.
  let lineNo = 1;
  let nextNewline = text.indexOf('\n');
  const lineAt = (i: number): number => {
    while (nextNewline >= 0 && nextNewline < i) {
      lineNo++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    return lineNo;
  };
  const closes = braceCloses(text);
  while (true) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    const head = /^@\s*([A-Za-z]+)\s*([{(])/.exec(text.slice(at, at + 64));
    if (!head) {
      pos = at + 1;
      continue;
    }
    const type = (head[1] ?? '').toLowerCase();
    const close = head[2] === '(' ? ')' : '}';
    let i = at + head[0].length;
    const line = lineAt(at);
    if (type === 'comment' || type === 'preamble') {
      pos = skipBalanced(text, i - 1, closes);
      continue;
    }
    try {
      let key = '';
      if (type !== 'string') {
        const k = at_(KEY, text, i);
        if (!k) throw new Error('missing citation key');
        key = k[1] ?? '';
        i += k[0].length;
      }
      const fields = new Map<string, string>();
      while (true) {
        i = skipSpace(text, i);
        if (text[i] === close) {
          i++;
          break;
        }
        if (text[i] === ',') {
          i++;
          continue;
        }
        const name = at_(FIELD_NAME, text, i);
        if (!name) throw new Error(`expected a field name at "${text.slice(i, i + 20).split('\n')[0]}"`);
        i += name[0].length;
        const parsed = readValue(text, i, macros, closes);
        fields.set((name[1] ?? '').toLowerCase(), parsed.value);
        i = parsed.end;
      }
      pos = i;
      if (type === 'string') for (const [k, v] of fields) macros.set(k, v);
      else out.push({ ok: true, entry: { type, key, fields, line } });
    } catch (e) {
      out.push({ ok: false, line, error: (e as Error).message });
      pos = at + 1;
    }
  }
  return out;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i] ?? '')) i++;
  return i;
}

const KEY = /\s*([^\s,{}()]*)\s*,/y;
const FIELD_NAME = /([A-Za-z][\w:.+-]*)\s*=\s*/y;
const WORD = /[\w:.+-]+/y;

/** A sticky regex matched at `i` (what `re.exec(s.slice(i))` with `^` does, without copying the rest). */
function at_(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

/** For every `{`, the index of its matching `}` (absent when unbalanced): one pass for the whole file. */
function braceCloses(s: string): Map<number, number> {
  const closes = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 123) open.push(i);
    else if (ch === 125) {
      const o = open.pop();
      if (o !== undefined) closes.set(o, i);
    }
  }
  return closes;
}

/** Returns the index after the group opened at `open` (a `{` or `(`); the end of text if unbalanced. */
function skipBalanced(s: string, open: number, closes?: ReadonlyMap<number, number>): number {
  const o = s[open];
  if (o === '{' && closes) {
    const close = closes.get(open);
    return close === undefined ? s.length : close + 1;
  }
  const c = o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c && --depth === 0) return i + 1;
  }
  return s.length;
}

function readValue(
  s: string,
  start: number,
  macros: ReadonlyMap<string, string>,
  closes: ReadonlyMap<number, number>,
): { value: string; end: number } {
  let value = '';
  let i = start;
  while (true) {
    i = skipSpace(s, i);
    const ch = s[i];
    if (ch === '{') {
      const end = skipBalanced(s, i, closes);
      if (s[end - 1] !== '}') throw new Error('unbalanced braces');
      // A value that swallows the next entry's "@type{" lost a closing brace somewhere.
      if (/\n\s*@[A-Za-z]+\s*[{(]/.test(s.slice(i, end)))
        throw new Error('unbalanced braces (runs into the next entry)');
      value += s.slice(i + 1, end - 1);
      i = end;
    } else if (ch === '"') {
      let depth = 0;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
        else if (s[j] === '"' && depth === 0 && s[j - 1] !== '\\') break;
      }
      if (j >= s.length) throw new Error('unterminated quoted value');
      value += s.slice(i + 1, j);
      i = j + 1;
    } else {
      const word = at_(WORD, s, i)?.[0];
      if (!word) throw new Error('expected a value');
      value += /^\d+$/.test(word) ? word : (macros.get(word.toLowerCase()) ?? word);
      i += word.length;
    }
    i = skipSpace(s, i);
    if (s[i] !== '#') return { value, end: i };
    i++;
  }
}

export async function* importBibtex(input: TextInput, options: ImportOptions): AsyncGenerator<ImportItem> {
  const provenance = importedProvenance(options);
  let n = 0;
  for (const item of parseBibtex(await readAll(input))) {
    n++;
    if (!item.ok) {
      yield { kind: 'rejected', rejection: { where: `entry ${n} (line ${item.line})`, reason: item.error } };
      continue;
    }
    const { fields: f, key, line } = item.entry;
    const where = `entry ${n} (${key || `line ${line}`})`;
    const id = arxivIdFromFields(f);
    const abstract = f.get('abstract');
    const venue = f.get('journal') ?? f.get('booktitle');
    yield itemFor(
      makePaper(
        {
          arxivId: id,
          title: f.get('title'),
          authors: splitBibNames(f.get('author') ?? ''),
          authorsTruncated: /\band\s+others\s*$/.test(f.get('author') ?? ''),
          abstract,
          primaryCategory: f.get('primaryclass'),
          ...(f.get('primaryclass') ? { categories: [f.get('primaryclass') as string] } : {}),
          doi: f.get('doi'),
          // A journal that only says "arXiv preprint …" is not a journal reference.
          journalRef: venue && !/^arxiv\b/i.test(venue.trim()) ? venue : undefined,
          comments: f.get('note'),
          codeUrls: codeUrlsIn(f.get('code'), f.get('note'), abstract),
          // A year alone is not a date; only a full date field is kept as `published`.
          published: /^\d{4}-\d{2}-\d{2}/.test(f.get('date') ?? '') ? f.get('date') : undefined,
        },
        provenance,
      ),
      where,
    );
  }
}

function arxivIdFromFields(f: ReadonlyMap<string, string>): string | undefined {
  const eprint = f.get('eprint');
  const prefix = f.get('archiveprefix') ?? f.get('eprinttype');
  if (eprint && (!prefix || /arxiv/i.test(prefix))) {
    const id = arxivIdIn(eprint);
    if (id) return id;
  }
  for (const k of ['url', 'journal', 'note', 'howpublished']) {
    const m =
      /arxiv(?:\.org\/abs\/|:\s*|\s+preprint\s+arxiv:\s*)([a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?/i.exec(
        f.get(k) ?? '',
      );
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** BibTeX names: "Last, First and First Last and others". */
export function splitBibNames(s: string): string[] {
  return s
    .replace(/\s+/g, ' ')
    .split(/\s+and\s+/)
    .map((n) => n.trim())
    .filter((n) => n && n !== 'others')
    .map((n) => {
      const parts = n.split(/\s*,\s*/);
      // "von Last, Jr, First" → "First von Last Jr"
      if (parts.length === 3) return `${parts[2]} ${parts[0]} ${parts[1]}`;
      if (parts.length === 2) return `${parts[1]} ${parts[0]}`;
      return n;
    });
}
