/**
 * `npm run corpus`: rebuilds data/corpus.json from data/seeds/*.txt and data/seed-papers.json alone.
 * Deterministic: the same inputs give the same bytes (tests/unit/corpus/corpus.test.ts checks the
 * committed file against a fresh build).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BuildOutput, buildCorpus } from '../corpus/build';
import { serialiseBundle } from '../corpus/bundle';
import { parseReference } from '../corpus/reference';
import { parseSeed } from '../corpus/seeds/index';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** Reads the sources from a data directory and builds; throws with the file and cause on bad input. */
export function buildFromDataDir(dataDir: string = DATA_DIR): BuildOutput {
  const reference = parseReference(JSON.parse(readFileSync(`${dataDir}seed-papers.json`, 'utf8')));
  if (!reference.ok) throw new Error(`corpus: data/seed-papers.json: ${reference.error}`);
  const seedDir = `${dataDir}seeds/`;
  const seeds = readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseSeed(readFileSync(`${seedDir}${f}`, 'utf8'), f));
  return buildCorpus(seeds, reference.value);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { bundle, matches } = buildFromDataDir();
  writeFileSync(`${DATA_DIR}corpus.json`, serialiseBundle(bundle));
  const methods = new Map<string, number>();
  for (const m of matches) methods.set(m.method, (methods.get(m.method) ?? 0) + 1);
  console.log(
    `corpus: ${matches.length} seed entries → ${bundle.papers.length} papers (${[...methods].map(([k, n]) => `${n} by ${k}`).join(', ')}), version ${bundle.corpusVersion} → data/corpus.json`,
  );
}
