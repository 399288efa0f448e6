import { type Queryable, statement } from '../database.ts';

// Taken when free, expired, or already ours (a renewal); the row says who holds it until when.
// Times come from the caller's clock, so every holder must keep a roughly true one: the TTL is
// minutes, clock drift between servers is milliseconds.
const take = statement(
  'lease_take',
  `INSERT INTO provider_leases AS p (name, holder, expires_at) VALUES ($1, $2, $3)
   ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
   WHERE p.holder = excluded.holder OR p.expires_at <= $4
   RETURNING holder`,
);
const give = statement(
  'lease_release',
  'DELETE FROM provider_leases WHERE name = $1 AND holder = $2',
);
const read = statement(
  'lease_read',
  'SELECT holder, expires_at AS "expiresAt" FROM provider_leases WHERE name = $1',
);

/** Takes or renews the lease `name` for `holder` until `until`; false while another holds it. */
export async function takeLease(
  q: Queryable,
  name: string,
  holder: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  return (await q.one(take, [name, holder, until, now])) !== undefined;
}

/** Gives the lease up, if `holder` has it, so another may take it at once. */
export async function releaseLease(q: Queryable, name: string, holder: string): Promise<void> {
  await q.run(give, [name, holder]);
}

/** Who holds the lease and until when; null when nobody ever took it. */
export async function readLease(
  q: Queryable,
  name: string,
): Promise<{ holder: string; expiresAt: Date } | null> {
  return (await q.one<{ holder: string; expiresAt: Date }>(read, [name])) ?? null;
}
