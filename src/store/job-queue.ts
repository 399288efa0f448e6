import { type ConstructorOptions, fromPglite, PgBoss } from 'pg-boss';
import type { QueueConnection } from './database.ts';

/**
 * A pg-boss job queue on the store's queue connection: a pool of its own of `max` connections
 * on a Postgres server, PGlite's own connection when embedded; in schema `pgboss` unless given.
 */
export function createJobQueue(
  connection: QueueConnection,
  options: { max: number; schema?: string } & Pick<
    ConstructorOptions,
    'superviseIntervalSeconds' | 'monitorIntervalSeconds'
  >,
): PgBoss {
  const { max, schema, ...rest } = options;
  return new PgBoss({
    ...(connection.kind === 'server'
      ? { connectionString: connection.url, max }
      : { db: fromPglite(connection), backend: 'pglite' as const }),
    schema: schema ?? 'pgboss',
    ...rest,
  });
}
