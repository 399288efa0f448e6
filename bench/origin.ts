// Requests per second of isobar's origin against baselines measured in the same run.
//   hot place:  isobar (micro-cache hit)            vs. node:http returning the same bytes
//   cold read:  isobar (every request reads the db) vs. Hono + the raw single-row query
//   / cookie:   isobar's first-visit redirect for a returning visitor  vs. node:http's bare 302
//   / lookup:   isobar's first-visit redirect with an IP geolookup     vs. node:http's bare 302
// Usage: npm run bench [-- postgres://…]   (default: a fresh database on the local Postgres,
// falling back to PGlite in memory). Only ever targets 127.0.0.1.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 32;

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

async function rps(
  port: number,
  paths: string[],
  headers: () => Record<string, string> = () => ({}),
  ok = [200],
): Promise<number> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          path: paths[i++ % paths.length]!,
          headers: { ...req.headers, ...headers() },
        }),
      },
    ],
  });
  const wrong = Object.entries(result.statusCodeStats ?? {}).filter(
    ([code]) => !ok.includes(Number(code)),
  );
  if (wrong.length > 0 || result.errors > 0)
    throw new Error(`port ${port}: unexpected ${JSON.stringify(wrong)}, ${result.errors} errors`);
  return result.requests.average;
}

// Visitors from many public addresses, so the lookup path is not one cached record.
let n = 0;
const visitor = () => ({
  'x-forwarded-for': `${81 + (n % 100)}.${(n * 7) % 250}.${(n++ * 13) % 250}.10`,
});

const { dsn, drop } = await pickDatabase();
const child = spawn(
  process.execPath,
  ['--import', 'tsx', new URL('./origin-servers.ts', import.meta.url).pathname, dsn],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
try {
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  const ports = JSON.parse(String(first.value)) as Record<string, number> & { driver: string };
  console.log(`database: ${ports.driver}; ${CONNECTIONS} connections, ${DURATION}s per run`);

  const hot = await rps(ports.hot!, ['/GB/London.json']);
  const bare = await rps(ports.bare!, ['/GB/London.json']);
  // Cold reads walk many places so no database page stays hot by accident of one key.
  const res = await fetch(`http://127.0.0.1:${ports.hot}/v1/locations?q=a&limit=50`);
  const places = ((await res.json()) as { results: { path: string }[] }).results.map(
    (r) => `${r.path}.json`,
  );
  const cold = await rps(ports.cold!, places);
  const raw = await rps(ports.raw!, places);
  const cookie = await rps(ports.hot!, ['/'], () => ({ cookie: 'place=GB/London' }), [302]);
  // An address the database does not know gets the picker page (200) instead of a redirect.
  const lookup = await rps(ports.hot!, ['/'], visitor, [302, 200]);
  const bareRedirect = await rps(ports.redirect!, ['/'], () => ({}), [302]);

  const row = (name: string, a: number, b: number, base: string) =>
    console.log(
      `${name.padEnd(10)} ${a.toFixed(0).padStart(7)} req/s  vs ${base.padEnd(28)} ${b.toFixed(0).padStart(7)} req/s  ratio ${(a / b).toFixed(2)}`,
    );
  row('hot place', hot, bare, 'node:http, same bytes');
  row('cold read', cold, raw, 'Hono + raw single-row query');
  row('/ cookie', cookie, bareRedirect, 'node:http, bare 302');
  row('/ lookup', lookup, bareRedirect, 'node:http, bare 302');
} finally {
  child.kill('SIGTERM');
  await drop?.();
}
