// The serving process's memory on both drivers: `isobar serve` started as `npm start` starts it,
// on an empty database (so a first start, timed to its "serving" line), warmed up with a few
// hundred requests over many places, then with first visits to `/` from many addresses (which
// read the geolocation files). RSS and heap come from the process's own /metrics (prom-client's
// process metrics), read from loopback as METRICS_ALLOW allows by default. Figures only; nothing
// is asserted. Usage: npm run bench:memory (also part of npm run bench). Only ever targets
// 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SERVE_NODE_FLAGS } from './support/serve-flags.ts';

const BIN = fileURLToPath(new URL('../bin/isobar', import.meta.url));
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const MB = 1024 * 1024;

interface Figures {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

async function readFigures(base: string): Promise<Figures> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^isobar_${name} (\\S+)$`, 'm').exec(text)?.[1]);
  return {
    rss: value('process_resident_memory_bytes'),
    heapUsed: value('nodejs_heap_size_used_bytes'),
    heapTotal: value('nodejs_heap_size_total_bytes'),
    external: value('nodejs_external_memory_bytes'),
  };
}

const row = (what: string, f: Figures) =>
  `  ${what.padEnd(34)} RSS ${(f.rss / MB).toFixed(0).padStart(4)} MB   heap ${(f.heapUsed / MB).toFixed(0)} of ${(f.heapTotal / MB).toFixed(0)} MB   outside the heap (external) ${(f.external / MB).toFixed(0)} MB`;

/** Requests in `paths`, `width` at a time; the bodies are read and dropped. */
async function request(
  base: string,
  paths: string[],
  init: (i: number) => RequestInit = () => ({}),
) {
  const width = 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < paths.length) {
        const i = next++;
        const res = await fetch(`${base}${paths[i]}`, { redirect: 'manual', ...init(i) });
        await res.arrayBuffer();
      }
    }),
  );
}

/** The goal for the serving process after warm-up (README "Memory"), per driver. */
const GOAL_MB = { PGlite: 450, Postgres: 300 } as const;

async function measureDriver(
  label: keyof typeof GOAL_MB,
  env: Record<string, string>,
): Promise<void> {
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, BIN, 'serve'], {
    // PROVIDERS=demo: the places viewed get their weather written on demand, as with Open-Meteo,
    // with nothing asked beyond 127.0.0.1.
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TRUST_PROXY: '127.0.0.1',
      PROVIDERS: 'demo',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stderr! }).on('line', (line) => {
        const port = /serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
      child.once('exit', (code) => reject(new Error(`isobar serve exited with ${code}`)));
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${label}: first start (empty database) to the serving line in ${seconds} s`);
    console.log(row('after the first start', await readFigures(base)));
    // Many places: the 50 most populous for each of 26 first letters, in three representations.
    const places: string[] = [];
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
      const res = await fetch(`${base}/v1/locations?q=${letter}&limit=50`);
      const found = (await res.json()) as { results: { path: string }[] };
      places.push(...found.results.map((r) => r.path));
    }
    // Each of 300 places as a page and as one of its documents, then the same again (now cached).
    const forms = ['.json', '.txt'];
    const warm = places.slice(0, 300).flatMap((p, i) => [p, `${p}${forms[i % 2]}`]);
    await request(base, [...warm, ...warm]);
    const warmed = await readFigures(base);
    console.log(row(`after ${warm.length * 2 + 26} requests, 300 places`, warmed));
    const visits = Array.from({ length: 200 }, () => '/');
    await request(base, visits, (i) => ({
      headers: { 'x-forwarded-for': `${((i * 37) % 200) + 20}.${(i * 11) % 250}.${i % 250}.7` },
    }));
    const visited = await readFigures(base);
    console.log(row('after 200 first visits to /', visited));
    const peak = Math.max(warmed.rss, visited.rss) / MB;
    const verdict = peak <= GOAL_MB[label] ? 'within' : 'OVER';
    console.log(
      `  after warm-up: ${peak.toFixed(0)} MB resident, ${verdict} the goal of ${GOAL_MB[label]} MB`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function onPostgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 1500 });
  try {
    await admin.connect();
  } catch {
    console.log('Postgres: no server at 127.0.0.1:5432, skipped');
    return;
  }
  const name = `isobar_bench_memory_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    await measureDriver('Postgres', { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}` });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

console.log(
  `memory of \`isobar serve\` (node ${SERVE_NODE_FLAGS.join(' ')}; figures from its own /metrics)`,
);
const dir = mkdtempSync(join(tmpdir(), 'isobar-bench-memory-'));
try {
  await measureDriver('PGlite', { DATABASE_URL: `pglite:${dir}/isobar` });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
await onPostgres();
