/**
 * `npm run bench`: runs every `tests/bench/*.bench.ts` part in name order (or only those named on the
 * command line: `npm run bench -- engine`). Each part prints its table and writes
 * `.output/bench/<part>.json`; peers are measured side by side in the same run.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const parts = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));

mkdirSync(fileURLToPath(new URL('../../.output/bench/', import.meta.url)), { recursive: true });
for (const file of parts) {
  console.log(`\n## ${file.replace('.bench.ts', '')}\n`);
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { default: () => Promise<void> };
  await mod.default();
}
