import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog.ts';
import { writeRows } from '../../src/ingest/write.ts';
import { migrate } from '../../src/store/index.ts';
import { drivers, type TestDatabase } from '../support/databases.ts';
import { FIXTURE_PLACES, json } from '../support/fixture.ts';

const postgres = drivers[1]!;
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** `isobar serve` in a process of its own on the test's database; resolves with its base URL. */
function serve(dsn: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: dsn,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_PLACES: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

// Real processes: the origin below shares only the database with this test, which writes.
describe.skipIf(postgres.skip)('invalidation across origin processes on one Postgres', () => {
  let t: TestDatabase;
  let origin: { child: ChildProcess; base: string };

  beforeAll(async () => {
    t = await postgres.open();
    await migrate(t.db);
    await loadCatalog(t.db, FIXTURE_PLACES);
    origin = await serve(t.dsn);
  }, 60_000);

  afterAll(async () => {
    origin?.child.kill('SIGTERM');
    await new Promise((resolve) => origin?.child.once('exit', resolve));
    await t?.dispose();
  });

  const dbQueries = async () => {
    const text = await (await fetch(`${origin.base}/metrics`)).text();
    return [...text.matchAll(/^isobar_db_queries_total\{[^}]*\} (\d+)/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  };

  it('drops a cached place within a second of a write committed by another process', async () => {
    const url = `${origin.base}/GB/London.json`;
    expect((await json(await fetch(url))).current).toBeNull();
    const before = await dbQueries();
    expect((await json(await fetch(url))).current).toBeNull();
    expect(await dbQueries()).toBe(before); // served from its micro-cache

    const observedAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const row = {
      place: 'GB/London',
      source: 'met',
      observed_at: observedAt,
      condition: 'fog',
      temperature_c: 4.5,
    };
    const written = await writeRows(t.db, 'observations', [row], {
      now: new Date(),
      onBadRows: 'all-or-nothing',
    });
    expect(written.inserted).toBe(1);
    await expect
      .poll(async () => (await json(await fetch(url))).current?.source, {
        timeout: 1000,
        interval: 50,
      })
      .toBe('met');
    expect((await json(await fetch(url))).current).toMatchObject({
      temperature: 4.5,
      condition: 'fog',
    });
  });
});
