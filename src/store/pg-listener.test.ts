import { randomBytes } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, type TestDatabase } from '../../test/support/databases.ts';
import type { Database } from './database.ts';
import { statement } from './database.ts';
import { openDatabase } from './open-database.ts';

const postgres = drivers.find((d) => d.name === 'postgres')!;
const CHANNEL = 'isobar_test_changes';
const notify = statement('test_listen_notify', `SELECT pg_notify('${CHANNEL}', $1) AS x`);
const listeners = statement(
  'test_listen_backends',
  `SELECT pid, application_name FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = $1 AND query LIKE 'LISTEN%'`,
);
const terminate = statement(
  'test_listen_terminate',
  'SELECT pg_terminate_backend(pid) AS x FROM pg_stat_activity WHERE application_name = $1',
);

/** A DSN with `params` set (application_name, …), and optionally another host:port. */
function dsnWith(dsn: string, params: Record<string, string>, hostPort?: string): string {
  const url = new URL(dsn);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (hostPort) url.host = hostPort;
  return url.toString();
}

/**
 * A TCP relay on 127.0.0.1 to the Postgres server that can go silent: the connections it holds
 * stop carrying bytes either way and are never closed, as when a NAT or firewall forgets a flow.
 * Connections made afterwards are relayed normally.
 */
async function startRelay(target: URL) {
  const frozen = new Set<Socket>();
  const live = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    const pair: [Socket, Socket] = [client, upstream];
    live.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      live.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    hostPort: `127.0.0.1:${port}`,
    /** Every connection held now stops carrying bytes, and stays open. */
    freeze() {
      for (const [client, upstream] of live) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
        frozen.add(client).add(upstream);
      }
      live.clear();
    },
    async close() {
      for (const s of frozen) s.destroy();
      server.close();
    },
  };
}

describe.skipIf(postgres.skip)('the listening connection on postgres', () => {
  let t: TestDatabase;
  const opened: Database[] = [];
  beforeAll(async () => {
    t = await postgres.open();
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    await t.dispose();
  });
  const open = async (listen: Parameters<typeof openDatabase>[1]) => {
    const db = await openDatabase(t.dsn, listen);
    opened.push(db);
    return db;
  };
  const recorder = () => {
    const seen: string[] = [];
    const troubles: string[] = [];
    return {
      seen,
      troubles,
      events: {
        message: (p: string) => seen.push(p),
        gap: () => seen.push('gap'),
        trouble: (m: string) => troubles.push(m),
      },
    };
  };

  it('listens on DATABASE_LISTEN_URL, not on the pool’s DSN, and hears the pool’s writes', async () => {
    const name = `isobar_listen_${randomBytes(4).toString('hex')}`;
    const db = await open({ listen: { url: dsnWith(t.dsn, { application_name: name }) } });
    const r = recorder();
    const stop = await db.listen(CHANNEL, r.events);
    expect(await db.all(listeners, [name])).toHaveLength(1);
    await db.one(notify, ['["GB/London"]']);
    await expect.poll(() => r.seen).toEqual(['["GB/London"]']);
    await stop();
  });

  it('refuses to start listening where the pool’s notifications never arrive', async () => {
    // Another database of the same server: notifications stay inside their database, as they
    // vanish behind PgBouncer in transaction mode.
    const other = dsnWith(t.dsn, {});
    const db = await open({ listen: { url: other.replace(/\/[^/?]+(\?|$)/, '/postgres$1') } });
    const failure = await db.listen(CHANNEL, recorder().events).catch((e: unknown) => e);
    expect(String(failure)).toMatch(
      /did not reach the listening connection \(DATABASE_LISTEN_URL\).*PgBouncer in session mode/,
    );
  });

  it('notices by its heartbeat a connection gone silent, reconnects and hears again', async () => {
    const relay = await startRelay(new URL(t.dsn));
    try {
      const name = `isobar_listen_${randomBytes(4).toString('hex')}`;
      const url = dsnWith(t.dsn, { application_name: name }, relay.hostPort);
      const db = await open({ listen: { url, heartbeatMs: 200 } });
      const r = recorder();
      const stop = await db.listen(CHANNEL, r.events);
      relay.freeze();
      // No socket error comes: only the heartbeat can tell. Whatever was said meanwhile is
      // reported as a gap, so whoever keeps state starts over.
      await db.one(notify, ['lost']);
      await expect.poll(() => r.seen, { timeout: 15_000, interval: 100 }).toContain('gap');
      expect(r.seen).not.toContain('lost');
      expect(r.troubles[0]).toMatch(/no heartbeat reached the listening connection/);
      await db.one(notify, ['["FR/Paris"]']);
      await expect.poll(() => r.seen).toContain('["FR/Paris"]');
      await stop();
    } finally {
      await relay.close();
    }
  });

  it('reconnects after the server ends its session, and reports the gap', async () => {
    const name = `isobar_listen_${randomBytes(4).toString('hex')}`;
    const db = await open({ listen: { url: dsnWith(t.dsn, { application_name: name }) } });
    const r = recorder();
    const stop = await db.listen(CHANNEL, r.events);
    await db.one(terminate, [name]);
    await expect.poll(() => r.seen, { timeout: 5000 }).toEqual(['gap']);
    await expect.poll(async () => (await db.all(listeners, [name])).length).toBe(1);
    await db.one(notify, ['["FR/Paris"]']);
    await expect.poll(() => r.seen).toEqual(['gap', '["FR/Paris"]']);
    await stop();
  });
});
