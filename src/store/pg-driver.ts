import pg from 'pg';
import {
  checkChannel,
  type Database,
  type ListenEvents,
  type QueryObserver,
  toDatabaseError,
} from './database.ts';
import { type Connection, createQueryable } from './queryable.ts';
import { SOCKET_PORT } from './shared-pglite/socket-server.ts';
import { StoreRefusal } from './store-refusal.ts';

// Timestamps come back as Date on both drivers; bigint counts as numbers (they stay far below
// 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function clientConnection(client: pg.PoolClient | pg.Pool, named: boolean): Connection {
  return {
    async query(text, params, arrayRows, name) {
      // A named statement is prepared once per connection and reused, as PDO would.
      const config: pg.QueryConfig = { text, values: params as unknown[] };
      if (named && name && params.length > 0) config.name = name;
      const res = arrayRows
        ? await client.query({ ...config, rowMode: 'array' })
        : await client.query(config);
      return { rows: res.rows, rowCount: res.rowCount ?? 0 };
    },
    async begin(fn) {
      if (!('release' in client)) throw new Error('nested begin on a pool');
      await client.query('BEGIN');
      try {
        const result = await fn(this);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    },
  };
}

const DEFAULT_CONNECT_S = 5;

/**
 * The DSN with the server's JIT compiler off, unless the DSN's own `options` say otherwise
 * (theirs come later, so they win): isobar's statements are short, and a plan that merely looks
 * costly (a ranking over thousands of rows) spent most of a second compiling, for a query that
 * runs in milliseconds.
 */
function withoutJit(url: string): string {
  const parsed = new URL(url);
  const given = parsed.searchParams.get('options');
  parsed.searchParams.set('options', given ? `-c jit=off ${given}` : '-c jit=off');
  return parsed.toString();
}

/** A node-postgres pool behind the store's handle. */
export async function openPg(url: string, observe: QueryObserver): Promise<Database> {
  // A server that takes connections and never answers must not hold requests forever: libpq's
  // connect_timeout (seconds) in the DSN, or 5 s; past it the query fails as a connection failure.
  const seconds = Number(new URL(url).searchParams.get('connect_timeout') ?? DEFAULT_CONNECT_S);
  const connectionTimeoutMillis = (seconds > 0 ? seconds : DEFAULT_CONNECT_S) * 1000;
  const pool = new pg.Pool({ connectionString: withoutJit(url), max: 10, connectionTimeoutMillis });
  const db = await openPool(pool, observe, true, (channel, events) =>
    listenPg(url, checkChannel(channel), events),
  );
  return { ...db, queue: { kind: 'server', url: withoutJit(url) } };
}

/**
 * The PGlite database a running `isobar serve` shares on a Unix socket in `directory`
 * (shared-pglite/socket-server.ts). Its one backend outlives each connection, so statements are
 * not prepared by name (two connections would prepare the same name), and LISTEN is refused:
 * its notifications would reach the serving process, not this one.
 */
export async function openPgSocket(directory: string, observe: QueryObserver): Promise<Database> {
  const pool = new pg.Pool({
    host: directory,
    port: SOCKET_PORT,
    user: 'postgres',
    database: 'postgres',
    max: 4,
    // A connection waits its turn at the server's session gate, behind the server's longest
    // transaction (a batch of the first start's catalog load), not for a network.
    connectionTimeoutMillis: 60_000,
  });
  return openPool(pool, observe, false, async () => {
    throw new StoreRefusal('LISTEN is not available through the socket of a serving isobar');
  });
}

async function openPool(
  pool: pg.Pool,
  observe: QueryObserver,
  named: boolean,
  listen: Database['listen'],
): Promise<Database> {
  pool.on('error', () => {}); // an idle client dropped by the server; the next query reconnects
  const poolConn = clientConnection(pool, named);
  const conn: Connection = {
    query: poolConn.query,
    async begin(fn) {
      const client = await pool.connect();
      try {
        return await clientConnection(client, named).begin(fn);
      } finally {
        client.release();
      }
    },
  };
  // Fail at open, with the server's own message, rather than at the first request.
  await pool.query('SELECT 1').catch(async (err: unknown) => {
    await pool.end();
    throw toDatabaseError(err);
  });
  return {
    ...createQueryable(conn, observe),
    driver: 'pg',
    listen,
    close: () => pool.end(),
  };
}

const RETRY_MS = [250, 1000, 5000, 15_000];

/** A connection of its own that LISTENs, reconnecting after a loss and reporting the gap. */
async function listenPg(url: string, channel: string, events: ListenEvents) {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const connect = async (again: boolean) => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) events.message(n.payload ?? '');
    });
    c.on('error', () => {}); // followed by 'end', which reconnects
    c.on('end', () => {
      if (!stopped && client === c) retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    client = c;
    failures = 0;
    if (again) events.gap();
  };
  const retry = () => {
    client = undefined;
    const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]!;
    timer = setTimeout(() => {
      if (!stopped) connect(true).catch(() => retry());
    }, delay);
  };
  await connect(false);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => {});
  };
}
