import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

// How a script of ours reaches browsers: esbuild bundles a TypeScript entry and what it imports
// (the contract's URIs, shared renderers) into one minified file, in memory, once per process;
// the entry's asset table serves it at a URI named by a hash of its content. So there is no build
// step: `npm start` runs the sources. src/dashboard/client-bundle.ts weighs this against serving
// the sources and measures what it costs.
// `platform: 'browser'` is also a check: a module the script reaches that imports one of Node's
// APIs fails the build, and so the start, naming it.

/** The repository's root: what entries and the bundle's inputs are named relative to. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface BrowserBundle {
  /** The script, minified, as browsers run it (a classic script). */
  code: Buffer;
  /** The source files it was built from, relative to the repository's root. */
  inputs: string[];
}

/** Bundles a script for browsers from its entry (`src/…/client/x-script.ts`). */
export function bundleForBrowser(entry: string): BrowserBundle {
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
  return { code: Buffer.from(output.contents), inputs: Object.keys(result.metafile.inputs) };
}
