import { defineConfig } from '@playwright/test';

// The end-to-end suite drives the system Chromium with the built extension (tests/e2e/harness.ts);
// Playwright never downloads a browser here. One worker: the machine has two cores.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  // `npm test` also asks for a JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) to add up the totals.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: `${process.env.PAPERLENS_OUT ?? '.output'}/e2e-results`,
});
