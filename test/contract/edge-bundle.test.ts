import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ENTRY = new URL('../../edge/src/index.ts', import.meta.url).pathname;

describe('the worker bundle', () => {
  it('holds the first visit, the pass-through and the contract they share: no Node API, no cache of its own, under 32 KiB', async () => {
    // Bundled as wrangler bundles it: ESM for workerd, its own modules external.
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      external: ['cloudflare:*'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter((path) => path.startsWith('src/') && !path.startsWith('src/contract/')),
    ).toEqual([]);
    // What both sides agree on comes from the contract, not a copy: the URI space, the cookie,
    // the nearest-place answer, problem documents.
    for (const shared of [
      'src/contract/uris/uri-space.ts',
      'src/contract/uris/cookie.ts',
      'src/contract/api.ts',
      'src/contract/protocol/problem.ts',
    ])
      expect(inputs).toContain(shared);
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports);
    expect(imports.filter((i) => i.path.startsWith('node:') || i.external)).toEqual([]);
    const code = new TextDecoder().decode(result.outputFiles[0]!.contents);
    // Caching is the CDN's: the worker neither stores answers (the Cache API is per data centre,
    // cannot be purged by tag, bypasses tiered cache) nor sets `cf` cache options on its fetches.
    expect(code).not.toMatch(/\bcaches\b|cacheTtl|cacheEverything|cacheTags|cacheKey/);
    // 24 KiB now, most of it the problem pages the worker shares with the origin.
    expect(result.outputFiles[0]!.contents.byteLength).toBeLessThan(32 * 1024);
  });
});
