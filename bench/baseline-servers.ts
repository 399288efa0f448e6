// The baselines the origin's rows are measured against: node:http sending the very bytes isobar
// sends for a place, node:http's bare 302, and Hono with one query (the place's stored document,
// or its catalog row). Run directly (`node bench/baseline-servers.ts DSN ISOBAR_PORT`) by
// bench/origin.ts as a process of its own, so that a baseline shares no heap or event loop with
// the origin it is compared to; bench/origin-servers.ts starts them in its own process for the
// instruction counts, which load does not move. Prints one JSON line with the ports.
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type Context, Hono } from 'hono';
import { startNodeServer } from '../src/runtime/node.ts';
import { type Database, openDatabase, statement } from '../src/store/index.ts';

const host = '127.0.0.1';

const portOf = (s: Server) => {
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
};

/** Starts the baselines on `db`, sampling isobar's answer at `isobarPort`; returns their ports. */
export async function startBaselines(db: Database, isobarPort: number) {
  // Baseline for the hot path: node:http returning the very bytes isobar sends for the place.
  // As wrk asks for it: no Accept-Encoding, so the identity body and its headers.
  const sample = await fetch(`http://${host}:${isobarPort}/GB/London.json`, {
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
  return {
    bare: portOf(bare),
    raw: rawServer.port,
    rawDocument: rawDocumentServer.port,
    redirect: portOf(bareRedirect),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dsn, isobarPort] = process.argv.slice(2);
  const db = await openDatabase(dsn!);
  console.log(JSON.stringify(await startBaselines(db, Number(isobarPort))));
}
