/**
 * TeX to plain text, for titles and author names from arXiv feeds, OAI-PMH, the metadata snapshot and
 * BibTeX. Pure.
 *
 * Goal: what a reader would see in the rendered PDF title, as Unicode text: `Bal\'azs` → Balázs,
 * `{\"o}` → ö, `$\mu$P` → μP, `\emph{x}` → x, `$O(n^2)$` → O(n²). Non-goals: real TeX macro expansion,
 * layout, or faithful display of complex formulas; an unknown command keeps its argument and loses its name.
 */

/** Accent commands → the Unicode combining mark they add. */
const ACCENTS: Readonly<Record<string, string>> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
  d: '\u0323',
  b: '\u0331',
};

/** Commands that stand for a character or symbol (text and math mode alike). */
const SYMBOLS: Readonly<Record<string, string>> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ϵ',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  vartheta: 'ϑ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'ϕ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  infty: '∞',
  sim: '∼',
  approx: '≈',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  ne: '≠',
  times: '×',
  cdot: '·',
  pm: '±',
  propto: '∝',
  ll: '≪',
  gg: '≫',
  to: '→',
  rightarrow: '→',
  uparrow: '↑',
  downarrow: '↓',
  leftrightarrow: '↔',
  leftarrow: '←',
  in: '∈',
  partial: '∂',
  nabla: '∇',
  sqrt: '√',
  ell: 'ℓ',
  hbar: 'ℏ',
  log: 'log',
  exp: 'exp',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
  textendash: '–',
  textemdash: '—',
  S: '§',
  P: '¶',
  '&': '&',
  '%': '%',
  $: '$',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  ' ': ' ',
  ',': ' ',
  ';': ' ',
  '!': '',
  quad: ' ',
  qquad: ' ',
};

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  n: 'ⁿ',
  i: 'ⁱ',
  T: 'ᵀ',
};
const SUBSCRIPT: Readonly<Record<string, string>> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
};

/** Converts TeX-flavoured text to plain Unicode text, collapsing whitespace and hard line wraps. */
export function texToText(input: string): string {
  if (!/[\\{}$~^_]|--/.test(input)) return collapseWhitespace(input);
  const out = new Parser(input).run();
  return collapseWhitespace(out.replace(/---/g, '—').replace(/--/g, '–')).normalize('NFC');
}

/** Joins hard-wrapped lines and collapses runs of whitespace to one space. */
export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

class Parser {
  private pos = 0;
  private math = false;
  constructor(private readonly s: string) {}

  run(): string {
    return this.until(undefined);
  }

  /** Reads until the closing character (a `}` of the current group) or the end. */
  private until(close: '}' | undefined): string {
    let out = '';
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos] as string;
      if (ch === close) {
        this.pos++;
        return out;
      }
      this.pos++;
      if (ch === '{') out += this.until('}');
      else if (ch === '}')
        continue; // an unbalanced closer: drop it rather than fail on a messy title
      else if (ch === '$') this.math = !this.math;
      else if (ch === '\\') out += this.command();
      else if (ch === '~') out += this.math ? '∼' : ' ';
      else if ((ch === '^' || ch === '_') && this.math) out += this.script(ch === '^' ? SUPERSCRIPT : SUBSCRIPT, ch);
      else out += ch;
    }
    return out;
  }

  /** One argument: a `{group}`, or a single character or command. */
  private argument(): string {
    while (this.s[this.pos] === ' ') this.pos++;
    const ch = this.s[this.pos];
    if (ch === undefined) return '';
    this.pos++;
    if (ch === '{') return this.until('}');
    if (ch === '\\') return this.command();
    return ch;
  }

  private script(table: Readonly<Record<string, string>>, mark: string): string {
    const arg = this.argument();
    const mapped = [...arg].map((c) => table[c]);
    if (arg !== '' && mapped.every((c) => c !== undefined)) return mapped.join('');
    return arg.length > 1 ? `${mark}(${arg})` : `${mark}${arg}`;
  }

  private command(): string {
    const rest = this.s.slice(this.pos);
    const name = /^[A-Za-z]+/.exec(rest)?.[0] ?? rest.slice(0, 1);
    this.pos += name.length;
    if (name === '') return '\\';
    const accent = ACCENTS[name];
    // `\c c` and `\u{a}` are accents only when a letter follows as their argument; `\i` alone is dotless i.
    if (accent !== undefined) {
      if (/^[A-Za-z]+$/.test(name)) while (this.s[this.pos] === ' ') this.pos++;
      const arg = this.argument();
      const base = arg === 'ı' ? 'i' : arg === 'ȷ' ? 'j' : arg;
      return base === '' ? '' : `${base.slice(0, 1)}${accent}${base.slice(1)}`;
    }
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) {
      // A letter command eats the space after it (`\ss e` → "ße"), as TeX does.
      if (/^[A-Za-z]+$/.test(name) && this.s[this.pos] === ' ' && !this.math) this.pos++;
      return symbol;
    }
    if (name === 'unicode') {
      // arXiv abstracts carry `\unicode{x2014}` (MathJax): the code point in hex.
      const code = /^x?([0-9a-fA-F]+)$/.exec(this.argument().trim());
      return code?.[1] ? String.fromCodePoint(Number.parseInt(code[1], 16)) : '';
    }
    // Formatting and unknown commands: keep the argument, drop the command.
    if (this.s[this.pos] === '{') return this.argument();
    return '';
  }
}
