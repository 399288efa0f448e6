import { defineConfig } from 'vitest/config';

// One command runs both suites: Node (origin, store, browser) and workerd (the edge worker).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The suite never reaches the internet: `serve` asks Open-Meteo by default, so every process
    // a test starts has no provider (as before they existed) unless it points one at 127.0.0.1.
    env: { PROVIDERS: 'none' },
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
