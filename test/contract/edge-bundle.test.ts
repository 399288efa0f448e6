import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ENTRY = new URL('../../edge/src/index.ts', import.meta.url).pathname;

describe('the worker bundle', () => {
  it('holds the edge and the contract it shares, with no Node API and under 64 KiB', async () => {
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
    expect(inputs).toContain('src/contract/uris/uri-space.ts');
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports);
    expect(imports.filter((i) => i.path.startsWith('node:') || i.external)).toEqual([]);
    expect(result.outputFiles[0]!.contents.byteLength).toBeLessThan(64 * 1024);
  });
});
