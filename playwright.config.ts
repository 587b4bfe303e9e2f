import { defineConfig } from '@playwright/test';

// The end-to-end suite drives the system browsers with the built extension (tests/e2e/harness.ts);
// Playwright never downloads a browser here. One worker: the machine has two cores.
//
// Two projects: every spec runs in Chromium; the journeys in tests/e2e/journeys also run in Firefox
// (puppeteer-core over WebDriver BiDi, tests/e2e/browsers.ts). `browserName` only tells the harness which
// browser to start: no spec uses Playwright's own browser fixtures.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  projects: [
    { name: 'chromium', testMatch: '**/*.spec.ts', use: { browserName: 'chromium' } },
    { name: 'firefox', testMatch: 'journeys/**/*.spec.ts', use: { browserName: 'firefox' } },
  ],
  // `npm test` also asks for a JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) to add up the totals.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: `${process.env.PAPERLENS_OUT ?? '.output'}/e2e-results`,
});
