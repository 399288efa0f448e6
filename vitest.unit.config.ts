import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: the quick part of the suite, for a developer between two changes. Pure
 * functions and the app in process, stores on PGlite in memory only; nothing that starts a
 * process, a browser, workerd or a server on a socket, and not the day-long simulation. The whole
 * suite (`npm test`, what CI runs) remains the test of record.
 */
export default defineConfig({
  test: {
    name: 'unit',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      'test/browser/**',
      'test/cli/**',
      'test/e2e/**',
      'test/examples/**',
      'test/lifecycle/**',
      'test/limits/**',
      'test/readme/**',
      'test/varnish/**',
      'test/webhooks/**',
      'test/contract/edge-deploy.test.ts',
      'test/contract/edge-pass-through.test.ts',
      'test/contract/layers.test.ts',
      'test/dashboard/apart.test.ts',
      'test/import/import-cli.test.ts',
      'test/providers/simulated-day.test.ts',
      'src/runtime/node.test.ts',
      'src/store/directory-lock.test.ts',
      'src/store/shared-pglite/shared-pglite.test.ts',
    ],
    // PROVIDERS as in vitest.config.ts: nothing a test starts asks a provider on the internet.
    env: { ISOBAR_PGLITE_ONLY: '1', PROVIDERS: 'none' },
    globalSetup: ['test/support/pglite-template.ts'],
    // The files share a worker's modules instead of loading them anew (PGlite's WebAssembly
    // compiled once, not once a file): 38 s instead of 97 s here. The full suite keeps each file
    // apart.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 3,
  },
});
