// Started by bench/origin.ts in a child process, so that the load generator does not share
// an event loop with the origin it measures. Prints one JSON line with the ports, then serves.
// With --serve-only it serves a database an earlier copy filled (as the cold copy and the copy
// the bench runs under callgrind do, where loading the catalog would take many minutes).
import { createInterface } from 'node:readline';
import { createLogger } from '../src/cli/logger.ts';
import { refreshDemo } from '../src/cli/prepare.ts';
import { startServing } from '../src/cli/serving.ts';
import { loadConfig } from '../src/config/env.ts';
import { startBaselines } from './baseline-servers.ts';

const dsn = process.argv[2] ?? 'pglite:memory';
const serveOnly = process.argv.includes('--serve-only');
const cold = process.argv.includes('--cold');
const host = '127.0.0.1';

// isobar as `isobar serve` runs it (startServing, from its settings: the micro-cache on,
// geolocation by the bundled DB-IP files, views counted, the server's limits, a logger), with the
// load generator on 127.0.0.1 trusted as a proxy so X-Forwarded-For stands in for visitors. With
// --cold, with a zero-byte cache, so every request reads the database. The first copy prepares
// the database as a first start does (catalog, demo weather); --serve-only copies serve it.
// One origin a process, as users run it: a second in the same process made the first slower.
const log = createLogger('silent');
const serving = await startServing(
  loadConfig({
    DATABASE_URL: dsn,
    HOST: host,
    PORT: '0',
    TRUST_PROXY: '127.0.0.1',
    DEMO_PLACES: serveOnly ? '0' : '1000',
    // The load is on the origin: no visitor's place is fetched from Open-Meteo.
    PROVIDERS: 'none',
    CACHE_MAX_BYTES: cold ? '0' : undefined,
    LOG_LEVEL: 'silent',
  }),
  log,
);
const db = serving.db;

// With --with-baselines, the baselines too, in this process: for the instruction counts
// (bench/origin-instructions.ts), which load does not move. The rates compare against them in
// a process of their own (bench/baseline-servers.ts).
const baselines = process.argv.includes('--with-baselines')
  ? await startBaselines(db, serving.port)
  : {};

// Asked by bench/origin.ts once the hour has turned: the demo weather written again, as
// `isobar serve` writes it on the hour, so that stored documents stand again.
createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line !== 'refresh') return;
  await refreshDemo(db, 1000, log);
  console.log('refreshed');
});

console.log(
  JSON.stringify({
    [cold ? 'cold' : 'hot']: serving.port,
    ...baselines,
    driver: db.driver,
  }),
);
