/**
 * One bounded budget for every fuzz test, so the unit suite stays fast (2 cores): a fixed seed-free
 * number of runs per property, and a wall-clock ceiling per call that a hang or a quadratic blow-up
 * on large input would break. `FUZZ_RUNS` raises the count for a long local session.
 */
import fc from 'fast-check';

export const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** Properties over large inputs (100 kB+) run fewer times. */
export const LARGE_RUNS = Math.max(5, Math.round(RUNS / 10));
/** No single call may take longer than this on any input the arbitraries make: a hang detector, loose enough for a loaded 2-core CI machine (growth is checked by ratio where it matters). */
export const CALL_MS = 5000;

/** Text a hostile or broken source might hold: markup, script, RTL and zero-width marks, controls, astral. */
export const hostileText = (maxLength = 200): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        fc.constantFrom(
          '<script>alert(1)</script>',
          '<img src=x onerror=alert(1)>',
          '"><svg onload=alert(1)>',
          '\u202E',
          '\u200B',
          '\u200D',
          '\uFEFF',
          '\u0000',
          '\uD800',
          '&amp;',
          '&#x3C;',
          ']]>',
          '<![CDATA[',
          '{',
          '}',
          '\\',
          '"',
          '\n',
          '\r\n',
          '$$\\frac{a}{b}$$',
          '@article{',
          '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
          'arXiv:2101.00001v2',
          '10.1000/xyz',
          'ﬁ',
        ),
      ),
      { maxLength: Math.max(1, Math.ceil(maxLength / 6)) },
    )
    .map((parts) => parts.join('').slice(0, maxLength));

/** Runs `fn` and fails if it took longer than CALL_MS: a hang shows as a timeout, a blow-up as this. */
export function timed<T>(fn: () => T): T {
  const start = performance.now();
  const out = fn();
  const ms = performance.now() - start;
  if (ms > CALL_MS) throw new Error(`took ${ms.toFixed(0)} ms (limit ${CALL_MS} ms)`);
  return out;
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const out = await fn();
  const ms = performance.now() - start;
  if (ms > CALL_MS) throw new Error(`took ${ms.toFixed(0)} ms (limit ${CALL_MS} ms)`);
  return out;
}
