// The cost of hostile searches (issue 25, finding 1), on PGlite and on Postgres, each with the
// full GeoNames catalog, served by `isobar serve` in a process of its own. Every search asked is
// a new cache key (its limit changes round by round), so each one reaches the database:
//   q=lon                       an ordinary search: the yardstick the others are divided by
//   41 one-letter words         the probe's search (limit=50): 10 s on PGlite, 1.4 s on Postgres
//                               before the ceiling; now a 400 naming the limit (goal < 200 ms)
//   8 one-letter words          the most words a search takes
//   s s                         the widest reading of a place and its region (both "s…")
//   /healthz while six run      six of the probe's searches at once, or six of the widest
//                               accepted ones, and a load balancer's probe meanwhile (goal
//                               < 100 ms); and ?deep=1, which asks the database, meanwhile
// Usage: npm run bench:search   (a fresh PGlite folder and a fresh Postgres database, loaded by
// `serve` on its first start, ~30 s each, removed at the end). BENCH_PGLITE_DIR=… and
// BENCH_DATABASE_URL=postgres://127.0.0.1/… measure databases made before, and keep them.
// Figures only, nothing asserted. Only ever targets 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { median } from './support/figures.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const isobar = fileURLToPath(new URL('../bin/isobar', import.meta.url));

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** `isobar serve` on a free port of 127.0.0.1; resolves with its base URL once it listens. */
async function serve(dsn: string) {
  const child = spawn(process.execPath, [isobar, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: dsn,
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO_PLACES: '0',
      PROVIDERS: 'none',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const found = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`isobar serve exited (${code}):\n${log}`)));
  });
  return { base, stop: () => new Promise((done) => child.once('exit', done).kill('SIGTERM')) };
}

/** Milliseconds from sending a GET to reading the whole answer, and the status. */
async function timed(url: string): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - t, status: res.status };
}

const words = (word: string, n: number) => Array.from({ length: n }, () => word).join('+');
/** A search URI in its canonical spelling, its limit (11–50) making each round a new key. */
const search = (q: string, round: number) => `/v1/locations?limit=${11 + (round % 40)}&q=${q}`;
let probes = 0;
/** The probe's search (41 one-letter words, limit=50), of another letter each time it is asked. */
const probe = () => {
  const n = probes++;
  return `/v1/locations?limit=${50 - (Math.floor(n / 26) % 40)}&q=${words(String.fromCharCode(97 + (n % 26)), 41)}`;
};
const WIDEST = ['s+s', 'c+c', 'b+b', 'a+a', 'm+m', 'k+k'];

type Row = { row: string; ms: number[]; statuses: Set<number>; goal?: string };

/** Every row for one database. */
async function measureOn(label: string, base: string): Promise<Row[]> {
  await timed(`${base}/v1/locations?q=lon`); // prepares the statements
  const singles: [string, (round: number) => string][] = [
    ['q=lon (yardstick)', (r) => search('lon', r)],
    ['41 one-letter words, limit=50', probe],
    ['8 one-letter words', (r) => search(words('a', 8), r)],
    ['s s (the widest reading)', (r) => search('s+s', r)],
  ];
  const rows: Row[] = singles.map(([row]) => ({ row, ms: [], statuses: new Set() }));
  rows[1]!.goal = '< 200';
  const healthRows = [
    '/healthz while six probe searches run',
    '/healthz while six widest searches run',
    '/healthz?deep=1 while six widest searches run',
  ].map(
    (row): Row => ({ row, ms: [], statuses: new Set(), goal: row.includes('deep') ? '' : '< 100' }),
  );
  const six = [
    'six probe searches at once (all done)',
    'six widest searches at once (all done)',
  ].map((row): Row => ({ row, ms: [], statuses: new Set() }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [, uri]] of singles.entries()) {
      const { ms, status } = await timed(base + uri(round + 1));
      rows[i]!.ms.push(ms);
      rows[i]!.statuses.add(status);
    }
    const batches: [string[], Row, Row, string][] = [
      [WIDEST.map(probe), six[0]!, healthRows[0]!, '/healthz'],
      [WIDEST.map((q) => search(q, round + 1)), six[1]!, healthRows[1]!, '/healthz'],
      [WIDEST.map((q) => search(q, round + 21)), six[1]!, healthRows[2]!, '/healthz?deep=1'],
    ];
    for (const [uris, all, health, probe] of batches) {
      const t = performance.now();
      const searches = Promise.all(uris.map((u) => timed(base + u)));
      // Sent just after the six, as a load balancer's probe would land among them.
      await new Promise((r) => setTimeout(r, 2));
      const answer = await timed(base + probe);
      health.ms.push(answer.ms);
      health.statuses.add(answer.status);
      for (const s of await searches) all.statuses.add(s.status);
      if (probe === '/healthz') all.ms.push(performance.now() - t);
    }
  }
  return [...rows, ...six, ...healthRows].map((r) => ({ ...r, row: `${label} | ${r.row}` }));
}

function print(rows: Row[], yardstick: Record<string, number>) {
  console.log(`\nsearch cost, ${ROUNDS} rounds; ms as median (min–max); × = over q=lon's median`);
  console.log('| database | row | status | ms | × q=lon | goal (ms) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const [db] = r.row.split(' | ');
    const m = median(r.ms);
    const range = `${Math.min(...r.ms).toFixed(0)}–${Math.max(...r.ms).toFixed(0)}`;
    const ratio = (m / yardstick[db!]!).toFixed(2);
    console.log(
      `| ${r.row} | ${[...r.statuses].join(',')} | ${m.toFixed(0)} (${range}) | ${ratio} | ${r.goal ?? ''} |`,
    );
  }
}

const folder = process.env.BENCH_PGLITE_DIR
  ? undefined
  : await mkdtemp(join(tmpdir(), 'isobar-bench-search-'));
const pgName = `isobar_bench_search_${process.pid}`;
const givenPg = process.env.BENCH_DATABASE_URL;
if (givenPg && !['127.0.0.1', 'localhost'].includes(new URL(givenPg).hostname))
  throw new Error('BENCH_DATABASE_URL must be on 127.0.0.1');
if (!givenPg) await admin(`CREATE DATABASE ${pgName}`);
const targets: [string, string][] = [
  ['pglite', `pglite:${process.env.BENCH_PGLITE_DIR ?? join(folder!, 'isobar')}`],
  ['postgres', givenPg ?? `postgres://postgres@127.0.0.1:5432/${pgName}`],
];
const all: Row[] = [];
const yardstick: Record<string, number> = {};
try {
  for (const [label, dsn] of targets) {
    const t = performance.now();
    const server = await serve(dsn);
    console.log(`${label}: serving in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    try {
      const rows = await measureOn(label, server.base);
      yardstick[label] = median(rows[0]!.ms);
      all.push(...rows);
    } finally {
      await server.stop();
    }
  }
  print(all, yardstick);
} finally {
  if (folder) await rm(folder, { recursive: true, force: true });
  if (!givenPg) await admin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
}
