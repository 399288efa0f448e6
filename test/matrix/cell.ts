// One cell of the install matrix (test/matrix/matrix.ts runs it): inside a fresh clone, by the
// Node under test (first on PATH, so that npm starts it too), on one database, the path an
// operator takes after `npm ci`: `npm start` on an empty database, the README's smoke requests,
// an upgrade from the previous release with its data, and uninstall. Each step prints one line,
// `matrix-step {"step", "ok", "seconds", "error"}`; the first that fails ends the cell.
//   node test/matrix/cell.ts pglite|postgres
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, statement } from '../../src/store/index.ts';
import { isobarTableNames, schemaStatus } from '../../src/store/schema-status.ts';
import { exampleFailures, standaloneExamples } from '../support/readme-examples.ts';
import { extractRelease, PREVIOUS_RELEASE } from '../support/release.ts';
import { ROOT, runIsobar } from '../support/run-isobar.ts';
import { type ServeProcess, serveProcess, stopServe } from '../support/serve-process.ts';
import { createServerDatabase, serverRows } from '../support/server-database.ts';
import { check, checkEqual, withDeadline } from './checks.ts';

const target = process.argv[2];
if (target !== 'pglite' && target !== 'postgres') {
  process.stderr.write('usage: node test/matrix/cell.ts pglite|postgres\n');
  process.exit(2);
}

/** The tables v0.1.0 made: the rows an upgrade must keep. */
const RELEASE_TABLES = ['forecast_hours', 'locations', 'observations'];
// The README's statistics and rankings examples read the history `isobar seed --history` makes.
const NEEDS_HISTORY = /\/stats\/|\/v1\/rankings\//;

const scratch = mkdtempSync(join(tmpdir(), `isobar-matrix-${target}-`));
const cleanups: (() => unknown)[] = [() => rmSync(scratch, { recursive: true, force: true })];

/** A new empty database: the clone's embedded default (./data), or one made on the server. */
async function freshDatabase(role: string): Promise<{ env: Record<string, string> }> {
  if (target === 'pglite') {
    return role === 'install'
      ? { env: { DATABASE_URL: '', DATA_DIR: '' } }
      : { env: { DATABASE_URL: `pglite:${join(scratch, role)}` } };
  }
  const server = await createServerDatabase(`isobar_matrix_${role}`);
  cleanups.push(() => server.drop());
  return { env: { DATABASE_URL: server.url } };
}

// Made by the steps that first need them, so that a server that does not answer fails a step.
let installed: { env: Record<string, string> } = { env: {} };
let upgraded: { env: Record<string, string> } = { env: {} };
let origin: ServeProcess | undefined;

/** `npm start` as the README has it, with demo weather (no network), on any free port. */
async function npmStart(env: Record<string, string>): Promise<ServeProcess> {
  const started = serveProcess(
    '',
    { ...env, PORT: '0', PROVIDERS: 'demo', DEMO_PLACES: '' },
    { command: ['npm', 'start'], cwd: ROOT },
  );
  origin = await withDeadline(started, 300_000, 'npm start did not say where it serves');
  origin.child.stderr!.pipe(process.stderr); // the server's log, into the matrix's log
  return origin;
}

/** SIGTERM, as systemd or Ctrl-C stops it: npm start must end cleanly. */
async function stop(): Promise<void> {
  const running = origin;
  origin = undefined;
  if (!running) return;
  const code = await withDeadline(stopServe(running), 30_000, 'the server did not stop');
  checkEqual(code, 0, 'exit code of npm start after SIGTERM');
}

const steps: Record<string, () => Promise<void>> = {
  async start() {
    installed = await freshDatabase('install');
    const { base } = await npmStart(installed.env);
    const health = await fetch(`${base}/healthz`);
    checkEqual(health.status, 200, 'GET /healthz');
  },

  async smoke() {
    const base = origin!.base;
    const examples = standaloneExamples(readFileSync(join(ROOT, 'README.md'), 'utf8')).filter(
      (e) => !NEEDS_HISTORY.test(e.path),
    );
    check(examples.length > 20, `only ${examples.length} README examples to run`);
    const failures: string[] = [];
    for (const e of examples) {
      const res = await fetch(base + e.path, {
        method: e.method,
        headers: e.headers,
        redirect: 'manual',
      });
      await res.arrayBuffer();
      failures.push(...exampleFailures(e, res));
    }
    checkEqual(failures, [], 'README examples that did not answer as it says');
    await stop();
  },

  async upgrade() {
    upgraded = await freshDatabase('upgrade');
    const release = extractRelease(PREVIOUS_RELEASE, { catalog: 'sample' });
    cleanups.push(() => release.remove());
    const seeded = await runIsobar(['seed', '--demo', '25'], upgraded.env, release.dir);
    checkEqual(seeded.code, 0, `${PREVIOUS_RELEASE} seed (${seeded.stderr.trim()})`);
    const before = await releaseRows();
    check(before.observations! > 0, `${PREVIOUS_RELEASE} seed made no observations`);

    const migrated = await runIsobar(['migrate'], upgraded.env);
    checkEqual(migrated.code, 0, `isobar migrate (${migrated.stderr.trim()})`);
    checkEqual(await releaseRows(), before, `rows of ${PREVIOUS_RELEASE}'s tables after migrate`);
    const status = await withDatabase(upgraded.env, schemaStatus);
    checkEqual(status.pending, [], 'migrations pending after isobar migrate');

    // The place the release gave weather to answers from the upgraded database.
    const { base } = await npmStart(upgraded.env);
    const place = await withDatabase(upgraded.env, (db) =>
      db.one<{ path: string }>(
        statement(
          'place_with_weather',
          `SELECT country_code || '/' || slug AS path FROM locations
            WHERE id IN (SELECT location_id FROM observations) ORDER BY id LIMIT 1`,
        ),
      ),
    );
    const res = await fetch(`${base}/${place!.path}.json`);
    checkEqual(res.status, 200, `GET /${place!.path}.json on the upgraded database`);
    await res.arrayBuffer();
    await stop();
  },

  async uninstall() {
    for (const { env } of [installed, upgraded]) {
      const done = await runIsobar(['uninstall', '--yes'], env);
      checkEqual(done.code, 0, `isobar uninstall --yes (${done.stderr.trim()})`);
      checkEqual(await leftBehind(env), [], 'what uninstall left of isobar');
    }
  },
};

/** Opens the database named by `env` as the CLI would, runs `fn`, closes it. */
async function withDatabase<T>(
  env: Record<string, string>,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(env.DATABASE_URL || `pglite:${join(ROOT, 'data', 'isobar')}`);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Row counts of the tables the previous release made. */
function releaseRows(): Promise<Record<string, number>> {
  return withDatabase(upgraded.env, async (db) => {
    const rows: Record<string, number> = {};
    for (const table of RELEASE_TABLES) {
      // Names from the constant above, never from input.
      const counted = await db.one<{ n: number }>(
        statement(`count_${table}`, `SELECT count(*)::int AS n FROM ${table}`),
      );
      rows[table] = counted!.n;
    }
    return rows;
  });
}

/** isobar's tables still in a database, or its PGlite directory if it is still there. */
async function leftBehind(env: Record<string, string>): Promise<string[]> {
  if (target === 'pglite') {
    const dir = env.DATABASE_URL?.slice('pglite:'.length) || join(ROOT, 'data', 'isobar');
    return existsSync(dir) ? [dir] : [];
  }
  const tables = await serverRows<{ name: string }>(
    env.DATABASE_URL!,
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('public', 'drizzle') ORDER BY 1`,
  );
  const ours = new Set([
    ...isobarTableNames().map((t) => `public.${t}`),
    'drizzle.__drizzle_migrations',
  ]);
  return tables.map((t) => t.name).filter((name) => ours.has(name));
}

let failed = false;
try {
  for (const [step, run] of Object.entries(steps)) {
    const started = performance.now();
    let error: string | undefined;
    try {
      await run();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    process.stdout.write(`matrix-step ${JSON.stringify({ step, ok: !error, seconds, error })}\n`);
    if (error) {
      failed = true;
      break;
    }
  }
} finally {
  await stop().catch(() => {});
  for (const cleanup of cleanups.reverse()) await cleanup();
}
process.exit(failed ? 1 : 0);
