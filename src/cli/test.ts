/**
 * `npm test`: type-check, lint and format check, unit tests, build (Firefox, with web-ext lint, and
 * Chrome), then the end-to-end suite in real Chromium (every spec) and in real Firefox (the journeys in
 * tests/e2e/journeys). Stops at the first failing step, and closes with one line counting everything.
 *
 * On a fresh Debian/Ubuntu machine running as root it installs Debian's `chromium` and `firefox-esr`
 * where missing; elsewhere it stops with a one-line instruction.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './chromium';
import { ensureFirefox } from './firefox';
import { describeLint, judgeLint, type LintReport } from './web-ext-lint';

const RESULTS = '.output/test-results';
const BROWSERS = [
  { project: 'chromium', name: 'Chromium', report: `${RESULTS}/e2e-chromium.json` },
  { project: 'firefox', name: 'Firefox', report: `${RESULTS}/e2e-firefox.json` },
] as const;

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) fail(`${label} failed after ${secs}s (exit ${r.status ?? r.signal}).`, r.status || 1);
  console.log(`✔ ${label} (${secs}s)`);
}

function fail(message: string, code = 1): never {
  console.error(`\n✖ ${message}`);
  summary();
  process.exit(code);
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function e2eCounts(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const e = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: e.stats.expected + e.stats.flaky, failed: e.stats.unexpected, skipped: e.stats.skipped };
}

/** Adds up unit and end-to-end results (both browsers) into one closing line. */
function summary(): void {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (c: Counts) => {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  };
  const line = (what: string, c: Counts) =>
    console.log(`  ${what.padEnd(24)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  console.log('');
  const unit = `${RESULTS}/unit.json`;
  if (existsSync(unit)) {
    const u = JSON.parse(readFileSync(unit, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    const c = { passed: u.numPassedTests, failed: u.numFailedTests, skipped: u.numPendingTests + u.numTodoTests };
    line('unit (Node)', c);
    add(c);
  }
  for (const b of BROWSERS) {
    const c = e2eCounts(b.report);
    if (!c) continue;
    line(`end-to-end in ${b.name}`, c);
    add(c);
  }
  console.log(`\nTests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
}

/** web-ext lint on the Firefox build: no error, and no warning but Preact's innerHTML path (web-ext-lint.ts). */
function lintFirefox(dir: string): void {
  const label = 'web-ext lint (Firefox build)';
  console.log(`\n▶ ${label}: web-ext lint --source-dir ${dir} --self-hosted --output json`);
  const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--self-hosted', '--output', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  let report: LintReport;
  try {
    report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as LintReport;
  } catch {
    fail(`${label}: no report (exit ${r.status}): ${r.stderr.trim().slice(0, 500)}`);
  }
  const judged = judgeLint(report, (file) => readFileSync(join(dir, file), 'utf8'));
  for (const m of judged.failing) console.error(`  ${describeLint(m)}`);
  if (!judged.ok) fail(`${label}: ${judged.failing.length} errors or warnings from Paperlens's own code.`);
  const files = judged.allowed.map((m) => m.file).join(', ');
  console.log(
    `✔ ${label}: ${report.errors.length} errors, ${report.warnings.length} warnings` +
      (judged.allowed.length ? ` (all Preact's dangerouslySetInnerHTML support, in ${files})` : ''),
  );
}

mkdirSync(RESULTS, { recursive: true });
for (const f of ['unit.json', 'e2e.json', ...BROWSERS.map((b) => b.report.split('/').pop() ?? '')])
  spawnSync('rm', ['-f', `${RESULTS}/${f}`]);
const chromium = ensureChromium(run);
if (!chromium.ok) fail(`npm test: ${chromium.message}`);
const firefox = ensureFirefox(run);
if (!firefox.ok) fail(`npm test: ${firefox.message}`);
console.log(`Browsers: Chromium at ${chromium.path}, Firefox at ${firefox.path}.`);
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
lintFirefox(join(process.env.PAPERLENS_OUT ?? '.output', 'firefox-mv2'));
run('build for Chrome', 'npx', ['wxt', 'build']);
for (const b of BROWSERS)
  run(
    `end-to-end tests in ${b.name}${b.project === 'firefox' ? ' (the journeys in tests/e2e/journeys)' : ''}`,
    'npx',
    ['playwright', 'test', '--project', b.project],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: b.report },
  );
summary();
