import { defineConfig } from 'vitest/config';

// Unit tests run in Node: the pure core, the database against fake-indexeddb, adapters against
// linkedom. The end-to-end suite (tests/e2e) drives real Chromium and has its own config.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 20_000,
  },
});
