import { defineConfig } from 'vitest/config';

// One command runs both suites: Node (origin, store, browser) and workerd (the edge worker).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Three files at a time on two cores: many tests wait on child processes, Postgres or
    // Chromium, and a third worker fills those waits (the suite took 744 s with two, 672 s
    // with three, on this 2-core machine).
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/support/pglite-template.ts'],
        },
      },
      './edge/vitest.config.ts',
    ],
  },
});
