import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { arrayBinary, writeArrays } from './array-parameters.ts';
import { copyText } from './copy-text.ts';
import { checkChannel, type Database, type QueryObserver, toDatabaseError } from './database.ts';
import { type ListenOptions, listenPg } from './pg-listener.ts';
import { type Connection, createQueryable } from './queryable.ts';
import { SOCKET_PORT } from './shared-pglite/socket-server.ts';
import { StoreRefusal } from './store-refusal.ts';

// Timestamps come back as Date on both drivers; bigint counts as numbers (they stay far below
// 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Rows of a COPY encoded at a time (about 100 kB each for weather rows). */
const COPY_SLICE_ROWS = 1000;

/**
 * One connection, or the pool. `server`: a Postgres server (statements prepared by name, COPY
 * streamed), not the socket of a serving PGlite.
 */
function clientConnection(client: pg.PoolClient | pg.Pool, server: boolean): Connection {
  return {
    async query(text, params, arrayRows, name) {
      // A named statement is prepared once per connection and reused, as PDO would.
      const config: pg.QueryConfig = { text, values: writeArrays(params, arrayBinary) };
      if (server && name && params.length > 0) config.name = name;
      const res = arrayRows
        ? await client.query({ ...config, rowMode: 'array' })
        : await client.query(config);
      return { rows: res.rows, rowCount: res.rowCount ?? 0 };
    },
    async copyIn(table, columns, rows) {
      if (!server) {
        // The socket of a serving PGlite cannot take COPY's stream: the rows go as one JSON
        // parameter, typed by the table's own columns.
        const res = await client.query({
          text: `INSERT INTO ${table} (${columns.join(', ')})
                 SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1)`,
          values: [
            JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])))),
          ],
        });
        return res.rowCount ?? 0;
      }
      if (!('release' in client)) {
        // On the pool: a connection of its own for the COPY's stream.
        const own = await client.connect();
        try {
          return await clientConnection(own, server).copyIn(table, columns, rows);
        } finally {
          own.release();
        }
      }
      // Sent in slices as they are encoded, so that the server reads one while the next is made.
      // A value COPY cannot take throws mid-way: the stream then ends in CopyFail, and the COPY
      // stores nothing.
      const slices = function* () {
        for (let i = 0; i < rows.length; i += COPY_SLICE_ROWS) {
          yield copyText(rows.slice(i, i + COPY_SLICE_ROWS));
        }
      };
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      await pipeline(slices(), stream);
      return stream.rowCount ?? 0;
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

/**
 * A node-postgres pool behind the store's handle; LISTEN runs on a connection of its own, on
 * `listen.url` where given (a direct or session-mode connection, when the pool goes through
 * PgBouncer in transaction mode).
 */
export async function openPg(
  url: string,
  observe: QueryObserver,
  listen: ListenOptions = {},
): Promise<Database> {
  // A server that takes connections and never answers must not hold requests forever: libpq's
  // connect_timeout (seconds) in the DSN, or 5 s; past it the query fails as a connection failure.
  const seconds = Number(new URL(url).searchParams.get('connect_timeout') ?? DEFAULT_CONNECT_S);
  const connectionTimeoutMillis = (seconds > 0 ? seconds : DEFAULT_CONNECT_S) * 1000;
  const connectionString = withoutJit(url);
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis });
  const notify = async (channel: string, payload: string) => {
    await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  };
  const db = await openPool(pool, observe, true, (channel, events) =>
    listenPg(url, notify, checkChannel(channel), events, listen),
  );
  return { ...db, queue: { kind: 'server', url: connectionString } };
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
  server: boolean,
  listen: Database['listen'],
): Promise<Database> {
  pool.on('error', () => {}); // an idle client dropped by the server; the next query reconnects
  const poolConn = clientConnection(pool, server);
  const conn: Connection = {
    query: poolConn.query,
    copyIn: poolConn.copyIn,
    async begin(fn) {
      const client = await pool.connect();
      try {
        return await clientConnection(client, server).begin(fn);
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
