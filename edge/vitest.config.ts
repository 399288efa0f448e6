import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The edge tests run inside workerd (the Workers runtime), with the bindings of wrangler.jsonc. */
export default defineConfig({
  root: here('.'),
  plugins: [
    cloudflareTest({
      wrangler: { configPath: here('./wrangler.jsonc') },
      miniflare: {
        // Tests use their own twins for the origin; this only keeps a stray request off the
        // network.
        bindings: {
          ORIGIN_URL: 'http://origin.test',
          ORIGIN_TIMEOUT_MS: '200',
        },
      },
    }),
  ],
  test: {
    name: 'edge',
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
  },
});
