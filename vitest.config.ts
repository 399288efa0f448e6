import { defineConfig } from 'vitest/config';

// One command runs both suites: Node (origin, store, browser) and workerd (the edge worker).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // Builds dist/ when stale: CLI tests run `isobar` compiled, as users do.
          globalSetup: ['test/support/build-dist.ts'],
        },
      },
      './edge/vitest.config.ts',
    ],
  },
});
