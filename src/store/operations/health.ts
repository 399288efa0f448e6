import { type Queryable, statement } from '../database.ts';

const ping = statement('health_ping', 'SELECT 1 AS ok');

/** Resolves when the database answers a trivial query; rejects with its DatabaseError otherwise. */
export async function pingDatabase(q: Queryable): Promise<void> {
  await q.one(ping);
}
