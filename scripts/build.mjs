// Compiles the isobar command to plain JavaScript in dist/, so that running it needs neither tsx
// nor TypeScript: `node scripts/build.mjs` always builds, `--if-stale` only when dist/ is missing
// or older than what it is built from. Plain JavaScript itself, so that it runs on bare Node.
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Written last: its time is the build's, and its absence means no finished build. */
const STAMP = join(DIST, '.built');
/** What the build reads: a change to any of them makes dist/ stale. */
const INPUTS = ['src', 'package.json', 'scripts/build.mjs'];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs; // a deleted file shows as its folder's change
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** Whether dist/ is missing, unfinished, or older than a file it is built from. */
export function isStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.some((input) => newest(join(ROOT, input)) > built);
}

/**
 * Bundles src/cli/main.ts with every package left external (node_modules is there at run time),
 * split into chunks so that each command's module still loads only when that command runs.
 * Built beside dist/ and swapped in, so a failed build leaves the previous one whole.
 */
export async function build() {
  const esbuild = await import('esbuild').catch(() => {
    // An install without devDependencies (npm ci --omit=dev) runs a dist/ built elsewhere.
    console.error('isobar: dist/ needs building and esbuild is not installed: run npm install');
    process.exit(1);
  });
  const next = `${DIST}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { 'cli/main': 'src/cli/main.ts' },
      outdir: next,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
      // Maps for --verbose stack traces (main.ts turns them on only then).
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    writeFileSync(join(next, '.built'), `${new Date().toISOString()}\n`);
    rmSync(DIST, { recursive: true, force: true });
    renameSync(next, DIST);
  } finally {
    rmSync(next, { recursive: true, force: true });
    await esbuild.stop();
  }
}

/** Builds only when dist/ is stale; says so on stderr, since stdout may be a command's output. */
export async function buildIfStale() {
  if (!isStale()) return false;
  const started = performance.now();
  await build();
  process.stderr.write(`built dist/ in ${Math.round(performance.now() - started)} ms\n`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await buildIfStale();
  else await build();
}
