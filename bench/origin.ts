// Requests per second of isobar's origin against baselines measured in the same run, driven by
// wrk (a C load generator) so the client is not what limits either side. The origin is wired as
// `isobar serve` wires it (src/cli/serving.ts), one to a process; the baselines run in a process
// of their own (bench/baseline-servers.ts):
//   hot place:  isobar (micro-cache hit)            vs. node:http returning the same bytes
//   / cookie:   isobar's first-visit redirect for a returning visitor  vs. node:http's bare 302
//   cold read:  isobar (every request reads the db) vs. Hono + one single-row query answering
//               the same stored document, and vs. Hono answering a small catalog row
//   / lookup:   isobar's first-visit redirect with an IP geolookup     vs. node:http's bare 302
// then the first two rows again as instructions per request, counted under callgrind (see
// origin-instructions.ts; BENCH_COUNT_ROUNDS=0 skips it).
// Usage: npm run bench [-- postgres://…]   (default: a fresh database on the local Postgres,
// falling back to PGlite in memory). Only ever targets 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { HOUR_MS } from '../src/contract/durations.ts';
import { COUNT_ROUNDS, countInstructions } from './origin-instructions.ts';
import { haveDebianTool } from './support/debian.ts';
import { SERVE_NODE_FLAGS } from './support/serve-flags.ts';
import {
  BENCH_ROUNDS,
  type Comparison,
  compare,
  ensureWrk,
  ratioRow,
  WRK_CONNECTIONS,
  WRK_SECONDS,
} from './support/wrk.ts';

async function pickDatabase(): Promise<{ dsn: string; drop?: () => Promise<void> }> {
  if (process.argv[2]) return { dsn: process.argv[2] };
  const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
  } catch {
    return { dsn: 'pglite:memory' };
  }
  const name = `isobar_bench_${process.pid}`;
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    dsn: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

ensureWrk();
// The sources as `isobar serve` runs them: Node strips the types, nothing else is changed.
const servers = fileURLToPath(new URL('./origin-servers.ts', import.meta.url));
const { dsn, drop } = await pickDatabase();
const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, servers, dsn], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const baselineServers = fileURLToPath(new URL('./baseline-servers.ts', import.meta.url));
let baselines: ChildProcess | undefined;
let coldOrigin: ChildProcess | undefined;

/**
 * Keeps every run inside one hour: the demo documents the servers stored stand until the end of
 * their write's hour (then a cold read renders from the row until the next write), so a run
 * that would cross the hour waits for it and for the servers to write the demo weather again,
 * as `isobar serve` does on the hour.
 */
async function clearOfTheHour(): Promise<void> {
  const left = HOUR_MS - (Date.now() % HOUR_MS);
  if (left > (WRK_SECONDS + 2) * 1000) return;
  console.log('(the hour turns: waiting for it, then for the demo weather to be written again)');
  await setTimeout(left + 500);
  child.stdin!.write('refresh\n');
  await lines.next();
}
try {
  const first = await lines.next();
  const ports = JSON.parse(String(first.value)) as Record<string, number> & { driver: string };
  const serverPid = child.pid;
  // The baselines in a process of their own (bench/baseline-servers.ts): sharing the origin's
  // heap and event loop slowed them by 5–10 %, which read as isobar being faster than it is.
  const started = (args: string[]) => {
    const copy = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = createInterface({ input: copy.stdout! })[Symbol.asyncIterator]().next();
    return { process: copy, ports: line.then((l) => JSON.parse(String(l.value))) };
  };
  const base = started([baselineServers, dsn, String(ports.hot)]);
  baselines = base.process;
  const basePorts = (await base.ports) as Record<
    'bare' | 'raw' | 'rawDocument' | 'redirect',
    number
  >;
  // The cold origin in a process of its own too, on the database the first one prepared; a
  // second origin on one database needs a server (PGlite is one process's alone).
  const coldCopy = dsn.startsWith('pglite:')
    ? null
    : started([...SERVE_NODE_FLAGS, servers, dsn, '--serve-only', '--cold']);
  coldOrigin = coldCopy?.process;
  const coldPort = coldCopy ? ((await coldCopy.ports) as { cold: number }).cold : null;
  console.log(
    `origin on ${ports.driver}; wrk -t1 -c${WRK_CONNECTIONS} -d${WRK_SECONDS}s, ${BENCH_ROUNDS} ` +
      'rounds a side, interleaved; ratio = median of the rounds (their range); 127.0.0.1, ' +
      `${(await import('node:os')).cpus().length} cores (client and server share them)`,
  );
  const target = (port: number, paths: string[], extra: object = {}) => ({
    port,
    paths,
    serverPid,
    ...extra,
  });
  const baseline = (port: number, paths: string[]) => ({
    port,
    paths,
    serverPid: baselines?.pid,
  });
  const london = ['/GB/London.json'];
  // Cold reads walk many places, so no one row stays hot by accident of one key.
  const res = await fetch(`http://127.0.0.1:${ports.hot}/v1/locations?q=a&limit=50`);
  const places = ((await res.json()) as { results: { path: string }[] }).results.map(
    (r) => `${r.path}.json`,
  );
  const returning = { headers: { cookie: 'place=GB/London' } };
  const bareRedirect = baseline(basePorts.redirect, ['/']);
  const cold = coldPort ? { port: coldPort, paths: places, serverPid: coldOrigin?.pid } : null;
  if (!cold) console.log('(no cold rows: two origins on one database need Postgres, not PGlite)');
  const rows: [string, Comparison, string][] = [
    [
      'hot place',
      await compare(clearOfTheHour, target(ports.hot!, london), baseline(basePorts.bare, london)),
      'node:http, same bytes',
    ],
    [
      '/ cookie',
      await compare(clearOfTheHour, target(ports.hot!, ['/'], returning), bareRedirect),
      'node:http, bare 302',
    ],
    ...(cold
      ? ([
          [
            'cold read',
            await compare(clearOfTheHour, cold, baseline(basePorts.rawDocument, places)),
            'Hono + one single-row query, same bytes',
          ],
          [
            'cold read',
            await compare(clearOfTheHour, cold, baseline(basePorts.raw, places)),
            'Hono + one catalog row (~300 B)',
          ],
        ] as [string, Comparison, string][])
      : []),
    // An address the database does not know gets the picker page (200) instead of a redirect.
    [
      '/ lookup',
      await compare(clearOfTheHour, target(ports.hot!, ['/'], { visitors: true }), bareRedirect),
      'node:http, bare 302',
    ],
  ];
  for (const [name, comparison, baseName] of rows)
    console.log(ratioRow(name, comparison, baseName));
  console.log(
    'cpu: share of one core used by wrk / by the servers during each side of a row; ' +
      'CLIENT-BOUND marks a run whose client was saturated (its ratio then says little).',
  );
  if (COUNT_ROUNDS === 0 || !dsn.startsWith('postgres:') || !haveDebianTool('valgrind')) {
    console.log(
      'instructions per request: not counted (BENCH_COUNT_ROUNDS=0, or no valgrind or Postgres server)',
    );
  } else {
    await clearOfTheHour();
    console.log(
      `instructions per request (callgrind, user space only; ${COUNT_ROUNDS} rounds, interleaved):`,
    );
    const cookie = { cookie: 'place=GB/London' };
    const rows = await countInstructions(servers, dsn, [
      {
        name: 'hot place',
        ours: { server: 'hot', path: '/GB/London.json' },
        base: { server: 'bare', path: '/GB/London.json' },
        baseName: 'node:http, same bytes',
      },
      {
        name: '/ cookie',
        ours: { server: 'hot', path: '/', headers: cookie },
        base: { server: 'redirect', path: '/', headers: cookie },
        baseName: 'node:http, bare 302',
      },
    ]);
    for (const row of rows) console.log(row);
  }
} finally {
  baselines?.kill('SIGTERM');
  coldOrigin?.kill('SIGTERM');
  child.kill('SIGTERM');
  await drop?.();
}
