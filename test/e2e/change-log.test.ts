import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURGE_PATH } from '../../src/contract/purge.ts';
import { loadCatalog } from '../../src/ingest/catalog.ts';
import { migrate } from '../../src/store/index.ts';
import { changeBacklog } from '../../src/store/repositories/change-log.ts';
import { drivers, type TestDatabase } from '../support/databases.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { exited, type ServeProcess, serveProcess } from '../support/serve-process.ts';
import { issueToken } from '../support/tokens.ts';

const postgres = drivers[1]!;
const PURGE_SECRET = 'e2e-change-log-secret';

/** An edge that takes every purge and keeps what it was asked. */
async function fakeEdge(): Promise<{
  server: Server;
  url: string;
  purges: { places: string[] }[];
}> {
  const purges: { places: string[] }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === PURGE_PATH) purges.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"purged":1,"keys":1}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, purges };
}

// Real processes: an origin killed between a write's commit and the purge that follows it.
describe.skipIf(postgres.skip)('the change log across a crash', () => {
  let t: TestDatabase;
  let edge: Awaited<ReturnType<typeof fakeEdge>>;
  let origin: ServeProcess | undefined;

  beforeAll(async () => {
    t = await postgres.open();
    await migrate(t.db);
    await loadCatalog(t.db, FIXTURE_PLACES);
    edge = await fakeEdge();
  }, 60_000);

  afterAll(async () => {
    origin?.child.kill('SIGTERM');
    if (origin) await exited(origin.child);
    edge?.server.close();
    await t?.dispose();
  });

  it('lets a restarted origin purge what a killed one committed', { timeout: 90_000 }, async () => {
    origin = await serveProcess(t.dsn, { EDGE_URL: edge.url, PURGE_SECRET });
    const token = await issueToken(t.db, 'write');
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const written = await fetch(`${origin.base}/v1/observations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          place: 'GB/London',
          source: 'met',
          observed_at: hour,
          condition: 'fog',
          temperature_c: 4,
        },
      ]),
    });
    // Committed (the answer comes after the commit), then killed before the purge went out.
    expect(written.status).toBe(200);
    origin.child.kill('SIGKILL');
    await exited(origin.child);
    expect(edge.purges).toEqual([]);
    expect((await changeBacklog(t.db)).count).toBe(1);

    origin = await serveProcess(t.dsn, { EDGE_URL: edge.url, PURGE_SECRET });
    await expect
      .poll(() => edge.purges.map((p) => p.places), { timeout: 10_000, interval: 100 })
      .toEqual([['GB/London']]);
    await expect.poll(async () => (await changeBacklog(t.db)).count).toBe(0);
  });
});
