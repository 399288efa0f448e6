import { randomBytes } from 'node:crypto';
import pg from 'pg';

// The local Postgres server as tests and the install matrix (test/matrix) reach it; no vitest in
// here, so that a plain script can import it.

/** The local Postgres server's maintenance database: where test databases are made. */
export const SERVER_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs statements on a database of the local server (by default its maintenance one). */
export async function serverAdmin(dsn: string, ...sql: string[]): Promise<void> {
  await serverRows(dsn, ...sql);
}

/** The rows of the last of the statements, run in order on a database of the local server. */
export async function serverRows<T = Record<string, unknown>>(
  dsn: string,
  ...sql: string[]
): Promise<T[]> {
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  try {
    let rows: T[] = [];
    for (const text of sql) rows = (await client.query(text)).rows as T[];
    return rows;
  } finally {
    await client.end();
  }
}

export interface ServerDatabase {
  /** Its DSN. */
  url: string;
  /** Drops it, whoever is still connected. */
  drop(): Promise<void>;
}

/** A new, empty database on the local server, named `{prefix}_{random}`. */
export async function createServerDatabase(prefix: string): Promise<ServerDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await serverAdmin(SERVER_URL, `CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => serverAdmin(SERVER_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
