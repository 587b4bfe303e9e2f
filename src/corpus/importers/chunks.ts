/** Text input for importers: a whole string or chunks arriving over time. Pure. */

export type TextInput = string | Iterable<string> | AsyncIterable<string>;

export async function* chunksOf(input: TextInput): AsyncGenerator<string> {
  if (typeof input === 'string') {
    yield input;
    return;
  }
  for await (const chunk of input as AsyncIterable<string>) yield chunk;
}

/**
 * Splits chunks into lines without holding more than one line and one chunk: the multi-gigabyte
 * snapshot passes through here. Line numbers are 1-based; `\r\n` endings are accepted.
 */
export async function* linesOf(input: TextInput): AsyncGenerator<{ text: string; line: number }> {
  let rest = '';
  let line = 0;
  for await (const chunk of chunksOf(input)) {
    rest += chunk;
    let start = 0;
    for (let nl = rest.indexOf('\n', start); nl >= 0; nl = rest.indexOf('\n', start)) {
      line++;
      const end = nl > start && rest.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: rest.slice(start, end), line };
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  if (rest !== '') yield { text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, line: line + 1 };
}

/** Reads a whole input into one string: for formats whose files are small (BibTeX reading lists). */
export async function readAll(input: TextInput): Promise<string> {
  let out = '';
  for await (const chunk of chunksOf(input)) out += chunk;
  return out;
}

/** One line of a JSON-lines file as an object, or why it is not one. */
export type JsonLine =
  | { readonly ok: true; readonly row: Record<string, unknown>; readonly str: (key: string) => string | undefined }
  | { readonly ok: false; readonly reason: string };

export function parseJsonLine(text: string): JsonLine {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return { ok: false, reason: 'not a JSON object' };
  const r = row as Record<string, unknown>;
  return { ok: true, row: r, str: (k) => (typeof r[k] === 'string' ? (r[k] as string) : undefined) };
}
