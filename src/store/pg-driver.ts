import pg from 'pg';
import type { Database, QueryObserver } from './database.ts';
import { type Connection, createQueryable } from './queryable.ts';

// Timestamps come back as Date on both drivers; bigint counts as numbers (they stay far below
// 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function clientConnection(client: pg.PoolClient | pg.Pool): Connection {
  return {
    async query(text, params, arrayRows, name) {
      // A named statement is prepared once per connection and reused, as PDO would.
      const config: pg.QueryConfig = { text, values: params as unknown[] };
      if (name && params.length > 0) config.name = name;
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

/** A node-postgres pool behind the store's handle. */
export async function openPg(url: string, observe: QueryObserver): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {}); // an idle client dropped by the server; the next query reconnects
  const poolConn = clientConnection(pool);
  const conn: Connection = {
    query: poolConn.query,
    async begin(fn) {
      const client = await pool.connect();
      try {
        return await clientConnection(client).begin(fn);
      } finally {
        client.release();
      }
    },
  };
  // Fail at open, with the server's own message, rather than at the first request.
  await pool.query('SELECT 1');
  return {
    ...createQueryable(conn, observe),
    driver: 'pg',
    close: () => pool.end(),
  };
}
