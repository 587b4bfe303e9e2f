/**
 * `npm test`: type-check, lint and format check, unit tests, build (Chrome and Firefox, with
 * web-ext lint), then the end-to-end suite in real Chromium. Stops at the first failing step.
 *
 * On a fresh Debian/Ubuntu machine running as root it installs Debian's `chromium` when no browser
 * is found; elsewhere it stops with a one-line instruction.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './chromium';

const RESULTS = '.output/test-results';

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed after ${secs}s (exit ${r.status ?? r.signal}).`);
    summary();
    process.exit(r.status || 1);
  }
  console.log(`✔ ${label} (${secs}s)`);
}

/** Adds up unit and end-to-end results into one closing line. */
function summary(): void {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const unit = `${RESULTS}/unit.json`;
  if (existsSync(unit)) {
    const u = JSON.parse(readFileSync(unit, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    passed += u.numPassedTests;
    failed += u.numFailedTests;
    skipped += u.numPendingTests + u.numTodoTests;
  }
  const e2e = `${RESULTS}/e2e.json`;
  if (existsSync(e2e)) {
    const e = JSON.parse(readFileSync(e2e, 'utf8')) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    };
    passed += e.stats.expected + e.stats.flaky;
    failed += e.stats.unexpected;
    skipped += e.stats.skipped;
  }
  console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

mkdirSync(RESULTS, { recursive: true });
for (const f of ['unit.json', 'e2e.json']) spawnSync('rm', ['-f', `${RESULTS}/${f}`]);
const browser = ensureChromium(run);
if (!browser.ok) {
  console.error(`npm test: ${browser.message}`);
  process.exit(1);
}
run('type-check', 'npx', ['tsc', '--noEmit']);
run('lint and format check', 'npx', ['biome', 'check', '.']);
run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${RESULTS}/unit.json`,
]);
run('build for Firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
run('web-ext lint (Firefox build)', 'npx', [
  'web-ext',
  'lint',
  '--source-dir',
  '.output/firefox-mv2',
  '--self-hosted',
  '--warnings-as-errors=false',
]);
run('build for Chrome', 'npx', ['wxt', 'build']);
run('end-to-end tests in Chromium', 'npx', ['playwright', 'test'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${RESULTS}/e2e.json`,
});
summary();
