import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { type Database, migrate, openDatabase } from '../../src/store/index.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import {
  countRows,
  IMPORT_PLACES,
  readSummary,
  writeObservationsCsv,
} from '../support/import-files.ts';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'isobar-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `isobar import …args` as a child process of its own, on the database at `dsn`. */
function isobarImport(args: string[], dsn: string): ChildProcess {
  return spawn(process.execPath, [MAIN, 'import', ...args], {
    env: { ...process.env, DATABASE_URL: dsn, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function finished(child: ChildProcess) {
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c));
  child.stderr!.on('data', (c: Buffer) => (err += c));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal, out, err };
}

// Through main.ts in a process of its own; options.test.ts has every other refusal.
// Concurrent: each case is a process start, and they share nothing.
describe.concurrent('isobar import refuses wrong arguments', () => {
  // Never opened: every case stops before the database.
  const dsn = `pglite:${join(dir, 'unused')}`;
  it.each([
    [[], /^isobar import: no file given/],
    [
      ['x.csv', '--kind', 'hourly'],
      /^isobar import: --kind must be one of observations, forecasts, daily/,
    ],
    [[join(dir, 'missing.csv')], /^isobar import: cannot read ".*missing\.csv": no such file$/],
    [['x.csv', '--rename', 'temp_max'], /^isobar import: --rename takes old=new pairs/],
  ])(
    '%j: status 2 and one line',
    async (args, message) => {
      const { code, out, err } = await finished(isobarImport(args, dsn));
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.split('\n')).toEqual([expect.stringMatching(message), '']);
    },
    60_000, // a process start each: slow on a busy machine
  );
});

/** A database a child process can open: a new one on the server, or PGlite in a folder. */
interface Target {
  name: string;
  skip: boolean;
  /** Makes a migrated database holding the fixture catalog; returns its DSN. */
  create(): Promise<string>;
  /** Runs fn on the database while no child has it open. */
  use<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

function postgresTarget(): Target {
  let t: Awaited<ReturnType<(typeof drivers)[1]['open']>> | undefined;
  return {
    name: 'postgres',
    skip: drivers[1]!.skip,
    async create() {
      t = await drivers[1]!.open();
      await migrate(t.db);
      await loadCatalog(t.db, FIXTURE_PLACES);
      return t.dsn;
    },
    use: (fn) => fn(t!.db),
    dispose: async () => t?.dispose(),
  };
}

function pgliteTarget(): Target {
  // In memory it would be this process's alone; a folder is what a child can open.
  const dsn = `pglite:${join(dir, 'kill-pglite')}`;
  const use = async <T>(fn: (db: Database) => Promise<T>) => {
    const db = await openDatabase(dsn);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  return {
    name: 'pglite',
    skip: false,
    async create() {
      await use(async (db) => {
        await migrate(db);
        await loadCatalog(db, FIXTURE_PLACES);
      });
      return dsn;
    },
    use,
    dispose: async () => {},
  };
}

const BATCH = 500;
const TOTAL = 20_000;

describe.each([postgresTarget(), pgliteTarget()])('a killed import on $name', (target) => {
  let dsn = '';
  const file = join(dir, `bulk-${target.name}.csv`);
  beforeAll(async () => {
    if (target.skip) return;
    dsn = await target.create();
    await writeObservationsCsv(file, IMPORT_PLACES, TOTAL);
  });
  afterAll(() => target.dispose());

  it.skipIf(target.skip)(
    'leaves whole batches only, and a rerun converges to the whole file',
    async () => {
      const child = isobarImport([file, '--batch', String(BATCH)], dsn);
      const exited = finished(child);
      // Without a terminal, a status line follows the first committed batch.
      for await (const line of createInterface({ input: child.stderr! })) {
        if (/ [1-9]\d* written/.test(line)) break;
      }
      child.kill('SIGKILL');
      const killed = await exited;
      expect(killed.signal).toBe('SIGKILL');

      const stored = await target.use((db) => countRows(db, 'observations'));
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(TOTAL);
      expect(stored % BATCH).toBe(0);

      const rerun = await finished(isobarImport([file, '--batch', String(BATCH)], dsn));
      expect(rerun.code).toBe(0);
      expect(readSummary(rerun.out)).toEqual({
        read: TOTAL,
        inserted: TOTAL - stored,
        replaced: 0,
        unchanged: stored,
        rejected: 0,
      });
      expect(await target.use((db) => countRows(db, 'observations'))).toBe(TOTAL);
    },
    120_000,
  );
});
