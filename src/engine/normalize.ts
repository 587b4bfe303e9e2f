/**
 * Text normalisation for matching keys and search terms. Pure.
 *
 * Display text is another module's job (src/core/tex.ts); here we only need two spellings of one title to
 * fold to the same key: case, punctuation, NFKC, diacritics, ligatures, typographic quotes and dashes, TeX
 * and math markup (`$\mu$P` ≡ `μP` ≡ `muP`), and whitespace.
 */

const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ϵ: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ϑ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  µ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  ϕ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};
const GREEK_NAMES = new Set(Object.values(GREEK));

/** Letters NFKD does not decompose into base + mark. */
const FOLD: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** TeX text commands whose argument is kept: `\emph{Deep}` → `Deep`. */
const KEEP_ARG =
  /\\(?:emph|textbf|textit|texttt|textsc|textrm|textsf|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|boldsymbol|bm|text|operatorname|mbox|hbox|underline|overline|widetilde|widehat|tilde|hat|bar|vec)\s*\{([^{}]*)\}/g;
/** TeX accents: `\'e`, `\"{o}`, `\v{c}`; the letter survives, the accent goes (as diacritics do). */
const ACCENT = /\\(?:['"`^~=.]|[uvHcdbkr](?=[{\s]))\s*\{?([A-Za-z])\}?/g;

/** Replaces TeX markup with plain letters: Greek commands by name, text commands by their argument. */
export function stripTex(s: string): string {
  if (!s.includes('\\') && !s.includes('$')) return s;
  let out = s;
  for (let i = 0; i < 3 && KEEP_ARG.test(out); i++) out = out.replace(KEEP_ARG, '$1');
  out = out.replace(ACCENT, '$1');
  out = out.replace(/\\([A-Za-z]+)/g, (_, cmd: string) => {
    const lower = cmd.toLowerCase();
    // `\mu` → mu; `\varepsilon` → epsilon; other commands (`\left`, `\cdot`) are layout, dropped.
    const name = lower.startsWith('var') ? lower.slice(3) : lower;
    return GREEK_NAMES.has(name) ? name : ' ';
  });
  return out.replace(/\\./g, ' ').replace(/[{}$^_]/g, '');
}

/** Lower case, NFKC, diacritics and ligatures folded, Greek letters spelt out. Keeps punctuation. */
export function foldText(s: string): string {
  let out = stripTex(s.normalize('NFKC'));
  out = out
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  // Fast path: most titles are plain ASCII after folding.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (/^[\x00-\x7f]*$/.test(out)) return out;
  let res = '';
  for (const ch of out) res += GREEK[ch] ?? FOLD[ch] ?? ch;
  return res;
}

/**
 * The matching key of a title: folded, apostrophes removed ("Networks’" → "networks"), every other
 * non-alphanumeric run a single space. Idempotent.
 */
export function normaliseTitle(s: string): string {
  return foldText(s)
    .replace(/(\p{L})['’‘ʼ`´](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * False only when `normaliseTitle(text)` cannot contain `word` (lower-case ASCII letters and digits): the
 * text lacks it in lower case, and has nothing normalisation turns into or joins into letters (non-ASCII,
 * TeX's `\` and `$`, apostrophes). A cheap test before normalising a whole abstract.
 */
export function mayContainWord(text: string, word: string): boolean {
  return text.toLowerCase().includes(word) || /[^\t\n\r -~]|[\\$'`]/.test(text);
}

/** Words of a normalised key. */
export function words(key: string): string[] {
  return key === '' ? [] : key.split(' ');
}

/**
 * English function words, plus the boilerplate of abstracts ("paper", "propose", "show") that carries no
 * topic. Used by search term processing, TF-IDF and title specificity.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also although am among an and any are as at be because been before being ' +
    'between both but by can could did do does doing down during each either et few for from further had has have ' +
    'having he her here hers him his how however i if in into is it its itself just may me might more most much must ' +
    'my neither no nor not of off on once only or other our ours out over own same she should so some such than that ' +
    'the their theirs them then there these they this those through thus to too under until up upon us very via was ' +
    'we were what when where whether which while who whom why will with within without would yet you your ' +
    // abstract boilerplate
    'al approach approaches based e eg g ie using use used paper propose proposed show shows shown present ' +
    'presents study studies result results method methods new work find found provide provides well one two ' +
    'three first second often many several various given different furthermore moreover particular thereby ' +
    'suggest suggests discuss discusses comment comments implication implications question questions reveal reveals ' +
    'effect effects relative behavior behaviour understanding demonstrate demonstrates consider considers introduce ' +
    'introduces obtain obtained perform performs allow allows lead leads'
  ).split(' '),
);

/**
 * Light English stemming for search terms: plurals and a few common suffix pairs, nothing that would
 * merge unrelated words (no Porter step 2+, which turns "university" and "universe" into one stem).
 */
export function stem(w: string): string {
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes')) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is|ys|as)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Search/TF-IDF terms of a text: folded, split, stop words dropped, stemmed. Order is kept. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(normaliseTitle(text))) {
    if (w.length < 2 && !/\d/.test(w)) continue;
    if (STOP_WORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}
