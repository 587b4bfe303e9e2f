/** TeX in titles and names → plain Unicode text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, texToText } from '../../../src/core/tex';

describe('texToText', () => {
  it.each([
    ["Bal\\'azs K\\'egl", 'Balázs Kégl'],
    ['{\\"o}', 'ö'],
    ['\\"{U}ber', 'Über'],
    ["Dvo\\v{r}\\'ak", 'Dvořák'],
    ['\\c{c}a and \\ss e', 'ça and ße'],
    ['$\\mu$P', 'μP'],
    ['\\emph{x} and \\textbf{y}', 'x and y'],
    ['O($n^2$) with $\\eta \\propto \\gamma$', 'O(n²) with η ∝ γ'],
    ['$\\Omega_c^0$', 'Ω_c⁰'],
    ['50\\% of $\\leq 5$', '50% of ≤ 5'],
    ['a\\unicode{x2014}b', 'a—b'],
    ['pages 1--5', 'pages 1–5'],
    ['Hard\n  wrapped   title', 'Hard wrapped title'],
  ])('%s → %s', (tex, text) => {
    expect(texToText(tex)).toBe(text);
  });

  it('leaves text without TeX as it is, apart from whitespace', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[\\{}$~^_]|--/.test(s)),
        (s) => {
          expect(texToText(s)).toBe(collapseWhitespace(s));
        },
      ),
    );
  });

  it('never throws and never leaves a known command behind (an escaped \\{ may stay a brace)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ' ', '{', '}', '\\', "'", '"', 'mu', '$', '^', 'emph', 'o')),
        (parts) => {
          const out = texToText(parts.join(''));
          expect(out).not.toMatch(/\\mu|\\emph/);
        },
      ),
    );
  });
});
