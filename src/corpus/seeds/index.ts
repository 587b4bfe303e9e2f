/** The seed formats, one parser each, in the order they are tried. Pure. */
import { authorProfile } from './author-profile';
import { codeForPapers } from './code-for-papers';
import { collaboratingAuthors } from './collaborating-authors';
import { listing } from './listing';
import type { SeedDocument, SeedParser } from './types';

export const SEED_PARSERS: readonly SeedParser[] = [authorProfile, codeForPapers, collaboratingAuthors, listing];

/** Parses one seed document, choosing the parser by the document's shape. */
export function parseSeed(text: string, file: string): SeedDocument {
  const parser = SEED_PARSERS.find((p) => p.recognise(text));
  if (!parser) throw new Error(`corpus seeds: ${file} matches no known seed format`);
  return parser.parse(text, file);
}

export function seedDescription(doc: SeedDocument): string {
  return SEED_PARSERS.find((p) => p.kind === doc.kind)?.description ?? doc.kind;
}
