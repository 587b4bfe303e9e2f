/**
 * Deterministic synthetic corpus in the arXiv metadata snapshot format (Kaggle
 * `arxiv-metadata-oai-snapshot.json`, one JSON object per line). Pure: a seeded PRNG, no I/O.
 *
 * For benches, not for users: words are drawn from a Zipf distribution over a realistic ML/physics
 * vocabulary, titles are 6–15 words, abstracts 120–250, authors come from a pool with Zipf-distributed
 * productivity, categories from the arXiv taxonomy, ids follow the date.
 *
 * Ids can never be a real paper's: see `isSyntheticId`. (The first generator numbered each month from 1,
 * so a 100k file imported over the bundled corpus overwrote real papers such as 2111.00034.)
 */
import { authorKey } from '../core/authors';
import type { ArxivId, Author, Paper } from '../core/paper';

/** One snapshot row, as the Kaggle file has it. */
export interface SnapshotRow {
  readonly id: string;
  readonly submitter: string;
  readonly authors: string;
  readonly title: string;
  readonly comments: string | null;
  readonly 'journal-ref': string | null;
  readonly doi: string | null;
  readonly 'report-no': string | null;
  readonly categories: string;
  readonly license: string | null;
  readonly abstract: string;
  readonly versions: readonly { readonly version: string; readonly created: string }[];
  readonly update_date: string;
  readonly authors_parsed: readonly (readonly [string, string, string])[];
}

/**
 * Synthetic ids are `YYMM.9NNNN`: sequence numbers 90000–99999 within each month, from 2015 (when arXiv's
 * numbers became five digits) to 2025. arXiv numbers each month from 00001 and its busiest months so far
 * stay under 30,000 (the real March 2024 sample in ../shared tops out at 2403.20331), so 90000+ is years of
 * growth away from any real id.
 * 10,000 a month over 132 months hold 1.32 million papers; a million put at most ~7,700 in a 31-day month.
 */
export const SYNTH_FIRST_SEQ = 90_000;
export const SYNTH_PER_MONTH = 10_000;
const SYNTH_START = Date.UTC(2015, 0, 1);
const SYNTH_END = Date.UTC(2025, 11, 31);

/** True for an id in the synthetic range (a new-style id with a sequence number of 90000 or more). */
export function isSyntheticId(id: string): boolean {
  return /^\d{4}\.9\d{4}(?:v\d+)?$/.test(id);
}

/**
 * Bumped whenever the rows for a given size and seed change, so files cached under .output/ by an older
 * generator (with colliding ids, say) are not reused: it is part of their names.
 */
export const SYNTH_VERSION = 2;

/** The file name benches and the CLI cache a snapshot under. */
export function synthFileName(papers: number, seed: number): string {
  return `papers-${papers}-seed${seed}-v${SYNTH_VERSION}.jsonl`;
}

/** mulberry32: small, fast, good enough for synthetic data; the same seed gives the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Samples ranks 0..n-1 with P(r) ∝ 1/(r+1)^s, by binary search over the cumulative weights. */
export function zipf(n: number, s: number, rand: () => number): () => number {
  const cum = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += 1 / (r + 1) ** s;
    cum[r] = total;
  }
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// Content words roughly in order of frequency in ML/physics abstracts, so Zipf rank follows real usage.
const VOCAB = (
  'model learning network neural data training deep method performance task language function large loss ' +
  'gradient optimization algorithm distribution representation generalization feature parameter kernel ' +
  'regression scaling sample attention transformer theory dynamics dimensional random matrix error bound ' +
  'stochastic descent convergence inference bayesian prior posterior uncertainty estimation linear nonlinear ' +
  'classification prediction benchmark dataset evaluation robustness adversarial noise regularization weight ' +
  'layer depth width infinite limit spectrum eigenvalue covariance variance bias tradeoff ensemble pruning ' +
  'sparse subnetwork lottery ticket initialization signal propagation critical phase transition energy ' +
  'landscape minima curvature hessian momentum adaptive rate schedule batch size compute law exponent ' +
  'power spectral teacher student overparameterized interpolation double descent memorization capacity ' +
  'information entropy mutual divergence wasserstein generative diffusion autoencoder variational latent ' +
  'embedding token context prompt reasoning arithmetic chain thought alignment preference reward policy ' +
  'reinforcement agent environment planning control graph message passing node edge molecule protein ' +
  'quantum circuit qubit entanglement field gauge string holography black hole cosmology dark matter ' +
  'galaxy star gravitational wave particle collider hadron lattice spin glass disordered replica mean ' +
  'renormalization group effective action symmetry invariance equivariant manifold geometry topology ' +
  'curvature metric flow equation differential operator solver numerical simulation physics informed ' +
  'surrogate emulator image vision segmentation detection video audio speech text translation summarization ' +
  'retrieval augmented knowledge hallucination factuality calibration conformal coverage shift covariate ' +
  'domain transfer adaptation fine tuning pretraining instruction synthetic collapse curation deduplication ' +
  'quality filtering tokenizer vocabulary multilingual code program synthesis verification proof theorem ' +
  'logic causal intervention counterfactual fairness privacy federated differential secure attack defense ' +
  'watermark interpretability circuit probe neuron activation sparse autoencoder mechanism emergent ' +
  'phenomenon grokking plateau spike instability divergence logit normalization residual skip connection ' +
  'convolutional recurrent state space memory long sequence efficient inference quantization distillation ' +
  'compression hardware accelerator throughput latency parallel distributed communication asynchronous ' +
  'federated online bandit regret exploration exploitation markov decision process monte carlo sampling ' +
  'langevin score matching flow normalizing energy based contrastive self supervised masked objective ' +
  'estimator consistency asymptotic minimax rate optimal lower upper tight sharp nonasymptotic concentration ' +
  'inequality martingale brownian motion diffusion process stochastic differential hamiltonian lagrangian ' +
  'thermodynamic entropy production temperature equilibrium nonequilibrium fluctuation response correlation ' +
  'percolation critical exponent universality class ising potts hubbard fermion boson superconductivity ' +
  'topological insulator semimetal magnon phonon plasma turbulence viscosity fluid vortex shock wave'
).split(' ');

const FUNCTION_WORDS = ['of', 'for', 'in', 'with', 'and', 'the', 'a', 'via', 'on', 'from', 'under', 'to', 'by'];
const TITLE_HEADS = ['On the', 'Towards', 'Understanding', 'Learning', 'A Theory of', 'Scaling', 'Beyond', 'Provable'];
const VERBS = [
  'show',
  'prove',
  'study',
  'derive',
  'propose',
  'analyze',
  'demonstrate',
  'introduce',
  'find',
  'characterize',
];

const GIVEN = (
  'Alexander Daniel Sofia Wei Yuki Priya Ahmed Elena Lucas Mei Omar Hannah Rafael Ana Jakub Fatima Kenji ' +
  'Chloe Mateo Aisha Johannes Ingrid Tomasz Nikhil Shreya Arjun Li Xin Jun Hyun Seo Min Dmitri Olga Ivan ' +
  'Katarzyna Pierre Camille Giulia Marco Luca Francesca Carlos Lucia Diego Valentina Noah Emma Liam Olivia ' +
  'Ethan Ava Samuel Grace Benjamin Zoe Gabriel Leila Yasmin Tariq Kwame Amara Chidi Ngozi Sipho Thandiwe ' +
  'Mehmet Elif Emre Zeynep Andrei Ioana Bogdan Petra Jan Eva Lars Astrid Mikko Aino Sven Freya Hiroshi Sakura ' +
  'Takumi Haruka Minh Linh Anh Quang Rahul Ananya Vikram Kavya Sanjay Deepa Jorge Isabel Pablo Martina'
).split(' ');
const SURNAMES = (
  'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Kim Lee Park Choi Jung Kang ' +
  'Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Nguyen Tran Pham Le Hoang Patel Sharma ' +
  'Singh Kumar Gupta Iyer Reddy Rao Mehta Shah Smith Johnson Williams Brown Jones Miller Davis Wilson Moore ' +
  'Taylor Anderson Thomas Jackson White Harris Martin Thompson Garcia Martinez Robinson Clark Rodriguez Lewis ' +
  'Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter ' +
  'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Rossi Russo Ferrari Esposito ' +
  'Bianchi Romano Colombo Dubois Durand Lefebvre Moreau Laurent Garnier Fernández López González Pérez ' +
  'Sánchez Ramírez Torres Flores Rivera Gómez Díaz Kowalski Nowak Wiśniewski Novák Dvořák Ivanov Smirnov ' +
  'Kuznetsov Popov Petrov Sokolov Andersson Johansson Karlsson Nilsson Larsen Hansen Jensen Virtanen Korhonen ' +
  'Yilmaz Kaya Demir Şahin Okafor Mensah Abara Nwosu Dlamini Cohen Levi Mizrahi Haddad Khalil Hosseini ' +
  'Rahimi Karimi van der Berg de Vries van Dijk Bakker Janssen Visser Smit Meijer Silva Santos Oliveira ' +
  'Souza Pereira Costa Almeida Ferreira Carvalho'
).split(' ');

/** arXiv categories with rough shares of recent ML/physics submissions. */
const PRIMARY: readonly (readonly [string, number])[] = [
  ['cs.LG', 30],
  ['cs.CV', 14],
  ['cs.CL', 12],
  ['stat.ML', 8],
  ['cs.AI', 6],
  ['cond-mat.dis-nn', 3],
  ['hep-th', 4],
  ['quant-ph', 5],
  ['math.OC', 3],
  ['math.ST', 2],
  ['cs.RO', 3],
  ['astro-ph.CO', 2],
  ['physics.comp-ph', 2],
  ['cond-mat.stat-mech', 2],
  ['eess.SP', 2],
  ['cs.CR', 2],
];
const CROSS = [
  'cs.LG',
  'stat.ML',
  'cs.AI',
  'cs.NE',
  'math.PR',
  'physics.data-an',
  'cond-mat.stat-mech',
  'hep-ph',
  'math.NA',
  'cs.IT',
];
const LICENSES = [
  'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
  'http://creativecommons.org/licenses/by/4.0/',
  'http://creativecommons.org/licenses/by-nc-sa/4.0/',
  null,
];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PREFIXES = ['multi', 'pre', 'hyper', 'meta', 'sub', 'non', 'semi', 'co', 'anti', 'quasi'];
const SUFFIXES = ['s', 'ing', 'ed', 'ity', 'ization', 'wise', 'ness', 'al', 'ive', 'ically'];
const NAME_PARTS = ['Net', 'Former', 'GPT', 'BERT', 'Diff', 'Flow', 'Mix', 'Gen', 'Bench', 'Zero', 'Lens', 'Scope'];

/**
 * The base vocabulary (most frequent ranks) followed by a long tail of inflections, prefixed forms and
 * model names, as real abstracts have: a realistic share of rare words keeps posting lists realistic.
 */
function extendedVocabulary(rand: () => number): string[] {
  const out = [...VOCAB];
  const seen = new Set(out);
  const add = (w: string) => {
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  };
  for (const suf of SUFFIXES) for (const w of VOCAB) add(`${w}${suf}`);
  for (const pre of PREFIXES) for (const w of VOCAB) add(`${pre}${w}`);
  for (let i = 0; i < 6000; i++) {
    let stem = '';
    for (let k = 0; k < 2 + Math.floor(rand() * 2); k++)
      stem += `${'bcdfghklmnprstvz'.charAt(Math.floor(rand() * 16))}${'aeiou'.charAt(Math.floor(rand() * 5))}`;
    add(`${stem[0]?.toUpperCase()}${stem.slice(1)}${NAME_PARTS[Math.floor(rand() * NAME_PARTS.length)]}`);
  }
  return out;
}

interface PoolAuthor {
  readonly given: string;
  readonly initial: string;
  readonly surname: string;
}

/** Rows for `n` papers, generated lazily so a million rows never sit in memory together. */
export function* synthRows(n: number, seed: number): Generator<SnapshotRow> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const vocab = extendedVocabulary(rand);
  const word = zipf(vocab.length, 1.0, rand);
  const poolSize = Math.max(50, Math.round(n * 0.6));
  const pool: PoolAuthor[] = [];
  for (let i = 0; i < poolSize; i++)
    pool.push({
      given: pick(GIVEN),
      initial: rand() < 0.3 ? `${String.fromCharCode(65 + Math.floor(rand() * 26))}.` : '',
      surname: pick(SURNAMES),
    });
  const author = zipf(poolSize, 0.9, rand);
  const primaryTotal = PRIMARY.reduce((s, [, w]) => s + w, 0);
  const perMonth = new Map<string, number>();
  // Dates run forward so ids increase like real ones.
  const start = SYNTH_START;
  const span = SYNTH_END - start;
  for (let i = 0; i < n; i++) {
    const t = new Date(start + Math.floor((span * (i + rand())) / n));
    const yy = String(t.getUTCFullYear() % 100).padStart(2, '0');
    const mm = String(t.getUTCMonth() + 1).padStart(2, '0');
    const yymm = `${yy}${mm}`;
    const k = perMonth.get(yymm) ?? 0;
    if (k >= SYNTH_PER_MONTH)
      throw new Error(
        `synth: ${n} papers put more than ${SYNTH_PER_MONTH} in ${yymm}; ids would leave the synthetic range`,
      );
    perMonth.set(yymm, k + 1);
    const id = `${yymm}.${SYNTH_FIRST_SEQ + k}`;

    const titleLen = 6 + Math.floor(rand() * 10);
    const tw: string[] = rand() < 0.3 ? pick(TITLE_HEADS).split(' ') : [];
    while (tw.length < titleLen) {
      tw.push(vocab[word()] ?? 'model');
      if (tw.length < titleLen - 1 && rand() < 0.25) tw.push(pick(FUNCTION_WORDS));
    }
    let title = tw
      .map((w, k) => (k > 0 && FUNCTION_WORDS.includes(w) ? w : w[0]?.toUpperCase() + w.slice(1)))
      .join(' ');
    if (rand() < 0.2) {
      const cut = 2 + Math.floor(rand() * (tw.length - 4));
      const parts = title.split(' ');
      title = `${parts.slice(0, cut).join(' ')}: ${parts.slice(cut).join(' ')}`;
    }

    const absLen = 120 + Math.floor(rand() * 131);
    const sentences: string[] = [];
    let count = 0;
    while (count < absLen) {
      const len = Math.min(absLen - count, 12 + Math.floor(rand() * 14));
      const sw: string[] = [rand() < 0.4 ? `We ${pick(VERBS)}` : `The ${vocab[word()]}`];
      for (let k = 1; k < len; k++) sw.push(rand() < 0.3 ? pick(FUNCTION_WORDS) : (vocab[word()] ?? 'model'));
      count += len + (sw[0]?.startsWith('We ') || sw[0]?.startsWith('The ') ? 1 : 0);
      sentences.push(`${sw.join(' ')}.`);
    }
    const abstract = `  ${wrap(sentences.join(' '))}\n`;

    const nAuthors = 1 + Math.min(11, Math.floor(-Math.log(1 - rand()) * 3));
    const chosen = new Set<number>();
    while (chosen.size < nAuthors) chosen.add(author());
    const authors = [...chosen].map((k) => pool[k] as PoolAuthor);
    const names = authors.map((a) => [a.given, a.initial, a.surname].filter(Boolean).join(' '));
    const authorsText =
      names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');

    let r = rand() * primaryTotal;
    let primary = PRIMARY[0]?.[0] ?? 'cs.LG';
    for (const [c, w] of PRIMARY) {
      r -= w;
      if (r <= 0) {
        primary = c;
        break;
      }
    }
    const cats = new Set([primary]);
    const crosses = Math.floor(rand() * 3);
    for (let k = 0; k < crosses; k++) cats.add(pick(CROSS));

    const nVersions = 1 + Math.floor(-Math.log(1 - rand()) * 0.8);
    const versions = [];
    let vt = t.getTime();
    for (let v = 1; v <= nVersions; v++) {
      versions.push({ version: `v${v}`, created: rfc2822(new Date(vt)) });
      vt += Math.floor(rand() * 200 * 86_400_000);
    }
    const published = rand() < 0.15;
    yield {
      id,
      submitter: names[0] ?? '',
      authors: authorsText,
      title: wrap(title),
      comments: rand() < 0.6 ? `${8 + Math.floor(rand() * 40)} pages, ${1 + Math.floor(rand() * 12)} figures` : null,
      'journal-ref': published
        ? `Phys. Rev. ${pick(['E', 'D', 'B', 'Lett.'])} ${50 + Math.floor(rand() * 60)}, ${Math.floor(rand() * 99999)} (${t.getUTCFullYear() + 1})`
        : null,
      doi: published ? `10.1103/PhysRev.${Math.floor(rand() * 1e6)}` : null,
      'report-no': null,
      categories: [...cats].join(' '),
      license: pick(LICENSES),
      abstract,
      versions,
      update_date: new Date(Math.min(vt, Date.UTC(2026, 0, 1))).toISOString().slice(0, 10),
      authors_parsed: authors.map((a) => [a.surname, [a.given, a.initial].filter(Boolean).join(' '), ''] as const),
    };
  }
}

/** The snapshot wraps titles and abstracts at about 80 columns with a newline and two spaces. */
function wrap(text: string): string {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + w.length + 1 > 78) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out.join('\n  ');
}

function rfc2822(d: Date): string {
  const p2 = (x: number) => String(x).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

/**
 * A snapshot row as a Paper, for benches. (The real importer lives in src/corpus/importers; this mapping
 * only needs what synthetic rows contain.)
 */
export function rowToPaper(row: SnapshotRow): Paper {
  const authors: Author[] = row.authors_parsed.map(([last, first]) => {
    const name = `${first} ${last}`.trim();
    return { name, key: authorKey(name) };
  });
  const categories = row.categories.split(' ');
  const created = row.versions[0]?.created;
  const published = created ? new Date(created).toISOString().slice(0, 10) : row.update_date;
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  return {
    id: row.id as ArxivId,
    arxivId: row.id as ArxivId,
    title: clean(row.title),
    authors,
    abstract: clean(row.abstract),
    published,
    updated: row.update_date,
    primaryCategory: categories[0] ?? 'cs.LG',
    categories,
    ...(row.doi ? { doi: row.doi } : {}),
    ...(row['journal-ref'] ? { journalRef: row['journal-ref'] } : {}),
    ...(row.comments ? { comments: row.comments } : {}),
    provenance: [{ kind: 'imported', importId: 'synth', file: 'synthetic', at: row.update_date }],
  };
}

export function synthPapers(n: number, seed: number): Paper[] {
  const out: Paper[] = [];
  for (const row of synthRows(n, seed)) out.push(rowToPaper(row));
  return out;
}
