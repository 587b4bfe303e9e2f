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
 * snapshot passes through here. Line numbers are 1-based; `\r\n` endings are accepted. Each chunk is
 * searched once: a line longer than a chunk is gathered as parts and joined once it ends (appending to
 * one string and searching it again from its start made a long line cost its length squared).
 */
export async function* linesOf(input: TextInput): AsyncGenerator<{ text: string; line: number }> {
  let parts: string[] = [];
  let line = 0;
  const ended = (text: string) => {
    line++;
    return { text: text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text, line };
  };
  for await (const chunk of chunksOf(input)) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      if (parts.length) {
        parts.push(piece);
        yield ended(parts.join(''));
        parts = [];
      } else yield ended(piece);
      start = nl + 1;
    }
    if (start < chunk.length) parts.push(start === 0 ? chunk : chunk.slice(start));
  }
  if (parts.length) yield ended(parts.join(''));
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
