import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper';
import {
  citationKeys,
  csvField,
  escapeBibtex,
  toBibtex,
  toCslJson,
  toCsv,
  toMarkdown,
  toRis,
} from '../../../src/engine/export';
import { bundledPapers } from './corpus';

const papers = bundledPapers();
const solvable = papers.find((p) => p.id === '2210.16859') as Paper;

/** A minimal RFC 4180 reader, to check the writer against. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('BibTeX', () => {
  const bib = toBibtex([solvable], { notes: new Map([[solvable.id, 'Read 50% & loved it']]) });
  it('writes an arXiv entry with eprint, archivePrefix and primaryClass', () => {
    expect(bib).toMatch(/^@misc\{maloney2022solvable,/);
    expect(bib).toContain('eprint = {2210.16859}');
    expect(bib).toContain('archivePrefix = {arXiv}');
    expect(bib).toContain('primaryClass = {cs.LG}');
    expect(bib).toContain('author = {Maloney, Alexander and Roberts, Daniel A. and Sully, James}');
    expect(bib).toContain('note = {Read 50\\% \\& loved it}');
  });
  it('escapes specials outside math and keeps math verbatim', () => {
    expect(escapeBibtex('50% of $\\mu$P & {x}_1 #2 ~ ^')).toBe(
      '50\\% of $\\mu$P \\& \\{x\\}\\_1 \\#2 \\textasciitilde{} \\textasciicircum{}',
    );
    expect(escapeBibtex('a\\b')).toBe('a\\textbackslash{}b');
  });
  it('protects capitalised words so styles keep them', () => {
    const ada = papers.find((p) => p.id === '1905.00080') as Paper;
    expect(toBibtex([ada])).toContain('title = {{AdaNet}: A Scalable');
  });
  it('gives stable, unique citation keys whatever the order (property)', () => {
    const twin = { ...solvable, id: '2210.99999' as never };
    fc.assert(
      fc.property(fc.shuffledSubarray([...papers, twin], { minLength: 1 }), (subset) => {
        const keys = citationKeys(subset);
        expect(new Set(keys.values()).size).toBe(subset.length);
        const reversed = citationKeys([...subset].reverse());
        for (const p of subset) expect(reversed.get(p.id)).toBe(keys.get(p.id));
        for (const k of keys.values()) expect(k).toMatch(/^[a-z0-9]+$/);
      }),
      { numRuns: 30 },
    );
  });
  it('keeps braces balanced for every bundled paper', () => {
    const all = toBibtex(papers);
    let depth = 0;
    for (let i = 0; i < all.length; i++) {
      if (all[i] === '\\') i++;
      else if (all[i] === '{') depth++;
      else if (all[i] === '}') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });
});

describe('CSL-JSON and RIS', () => {
  it('writes CSL items with family/given names, date parts and the arXiv number', () => {
    const [item] = toCslJson([solvable]);
    expect(item).toMatchObject({
      id: 'maloney2022solvable',
      type: 'article',
      title: solvable.title,
      issued: { 'date-parts': [[2022, 10, 30]] },
      number: 'arXiv:2210.16859',
    });
    expect(item?.author[1]).toEqual({ family: 'Roberts', given: 'Daniel A.' });
  });
  it('writes RIS records with CRLF lines, one AU per author, ending in ER', () => {
    const ris = toRis([solvable], { tags: new Map([[solvable.id, ['scaling']]]) });
    const lines = ris.split('\r\n');
    expect(lines[0]).toBe('TY  - PREP');
    expect(lines.filter((l) => l.startsWith('AU  - '))).toHaveLength(solvable.authors.length);
    expect(lines).toContain('KW  - scaling');
    expect(lines).toContain('ER  - ');
  });
});

describe('Markdown and CSV', () => {
  it('writes Markdown links with specials escaped', () => {
    const md = toMarkdown([{ ...solvable, title: 'A [bracketed] *title*' }]);
    expect(md).toBe(
      '- [A \\[bracketed\\] \\*title\\*](https://arxiv.org/abs/2210.16859) — Alexander Maloney, Daniel A. Roberts, James Sully (2022)\n',
    );
  });
  it('writes RFC 4180 CSV that reads back to the same fields', () => {
    const tricky = { ...solvable, title: 'Commas, "quotes"\nand newlines' };
    const csv = toCsv([tricky, ...papers], { notes: new Map([[solvable.id, 'line1\r\nline2']]) });
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(papers.length + 2);
    expect(rows[1]?.[1]).toBe(tricky.title);
    expect(rows[1]?.[9]).toBe('line1\r\nline2');
    for (const r of rows) expect(r).toHaveLength(11);
  });
  it('round-trips any field through quoting (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (fields) => {
        const line = `${fields.map((f) => csvField(f)).join(',')}\r\n`;
        expect(parseCsv(line)).toEqual([fields]);
      }),
    );
  });
  it('can guard cells against spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")', { guardFormulas: true })).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('=1+1')).toBe('=1+1');
  });
});
