import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/store/directory-lock.ts';
import { SEATTLE_ARGS, SEATTLE_CSV } from '../support/import-files.ts';
import { type Run, runIsobar } from '../support/run-isobar.ts';
import { exited, type ServeProcess, serveProcess } from '../support/serve-process.ts';
import { postObservations } from '../support/tokens.ts';

// `npm start` serves ./data on PGlite; the commands an operator types meanwhile (revoke a leaked
// token, import a file, purge a place) reach the same database through the server, the CLI
// finding it by itself, and the server's caches learn what they wrote.
// As a newcomer runs them: the server and the commands in the same folder, on npm start's own
// default, a path relative to it (`DATA_DIR=./data`).
const dir = mkdtempSync(join(tmpdir(), 'isobar-beside-'));
const data = join(dir, 'data', 'isobar');
const dsn = 'pglite:./data/isobar';
let serve: ServeProcess;

const isobar = (...args: string[]): Promise<Run> =>
  runIsobar(args, { DATABASE_URL: dsn }, undefined, { cwd: dir });
const lock = () => JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')) as { socket?: string };

/** The README's Seattle import, of `file` (the whole NOAA file unless told). */
const importSeattle = (file = SEATTLE_CSV) => isobar('import', file, ...SEATTLE_ARGS.slice(1));

/** A one-row write with a bearer token: the answer's status. */
async function writeWith(token: string): Promise<number> {
  const res = await postObservations(serve.base, token, [
    {
      place: 'GB/London',
      source: 'metoffice',
      observed_at: '2026-11-22T10:00:00Z',
      condition: 'cloudy',
      temperature_f: 50,
      wind_speed_kmh: 14,
    },
  ]);
  if (res.status === 422) throw new Error(await res.text());
  await res.body?.cancel();
  return res.status;
}

const day = async () => {
  const res = await fetch(`${serve.base}/US/Seattle/2015-06-01.txt?units=metric`);
  return { status: res.status, text: await res.text() };
};

beforeAll(async () => {
  // A first start: migrations and the whole catalog, as `npm start` on a new machine.
  serve = await serveProcess(dsn, {}, { cwd: dir });
}, 400_000);
afterAll(async () => {
  if (serve.child.exitCode === null) {
    serve.child.kill('SIGTERM');
    await exited(serve.child);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('isobar commands beside a running isobar serve on PGlite', () => {
  it('creates, uses and revokes tokens, imports, purges, looks up, and the server serves what was imported', async () => {
    expect(lock().socket).toBe(join(data, '.isobar-socket'));

    const created = await isobar('token', 'create', '--name', 'feed', '--scope', 'write');
    expect(created).toMatchObject({ code: 0 });
    const feed = created.stdout.trim();
    const spare = (
      await isobar('token', 'create', '--name', 'spare', '--scope', 'write')
    ).stdout.trim();
    expect(spare).toMatch(/^isb_/);
    // Made by the command, known to the server at once.
    expect(await writeWith(feed)).toBe(200);
    const listed = await isobar('token', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\bfeed\s+write\b/);
    expect(listed.stdout).toMatch(/\bspare\s+write\b/);

    // Not imported yet; the answer may now sit in the server's cache.
    expect((await day()).status).toBe(404);
    const imported = await importSeattle();
    expect(imported.stderr).not.toMatch(/in use by another isobar process/);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/inserted\s+1461\b/);
    const first = await day();
    expect(first.status).toBe(200);
    expect(first.text).toMatch(/16\.1/);
    expect(first.text).toMatch(/Rain/);

    // A correction of that day: the server had it cached, and drops it when the import commits.
    const lines = readFileSync(SEATTLE_CSV, 'utf8').split('\n');
    const correction = join(dir, 'correction.csv');
    writeFileSync(correction, `${lines[0]}\n2015-06-01,4.6,19.4,11.7,3.4,rain\n`);
    const corrected = await importSeattle(correction);
    expect(corrected.code).toBe(0);
    expect(corrected.stdout).toMatch(/replaced\s+1\b/);
    const second = await day();
    expect(second.text).toMatch(/19\.4/);
    expect(second.text).not.toMatch(/16\.1/);

    // Revoked by the command: the server refuses it (never used, so in no cache of the server's).
    expect(await isobar('token', 'revoke', 'spare')).toMatchObject({ code: 0 });
    expect(await writeWith(spare)).toBe(401);

    const purged = await isobar('purge', 'US/Seattle');
    expect(purged.stderr).toBe('');
    expect(purged.code).toBe(0);
    const geo = await isobar('geo', '81.2.69.142');
    expect(geo.code).toBe(0);
    expect(geo.stdout).toMatch(/^place:\s+\/GB\/London\b/m);
    const status = await isobar('migrate', '--status');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/\d+ applied, 0 pending/);

    // The server is unharmed by all of it.
    expect((await fetch(`${serve.base}/healthz`)).status).toBe(200);
  }, 240_000);

  it('works on the directory itself once the server has stopped, and leaves no socket behind', async () => {
    serve.child.kill('SIGTERM');
    expect(await exited(serve.child)).toBe(0);
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
    expect(existsSync(join(data, '.isobar-socket', '.s.PGSQL.5432'))).toBe(false);
    const listed = await isobar('token', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\bfeed\s+write\b/);
  }, 120_000);
});
