import { type Queryable, statement } from '../database.ts';

/** A webhook subscription as the CLI lists it and the deliverer reads it. */
export interface WebhookSubscription {
  id: number;
  url: string;
  /** The signing key, base64. */
  secret: string;
  /** The places subscribed to (`GB/London`), named from their location ids. */
  places: string[];
  countries: string[];
  afterSeq: number;
  createdAt: Date;
  disabledAt: Date | null;
  disabledReason: string | null;
  failures: number;
  lastDeliveryAt: Date | null;
  lastOutcome: string | null;
}

export interface NewSubscription {
  url: string;
  secret: string;
  /** Location ids. */
  places: readonly number[];
  countries: readonly string[];
}

const COLUMNS = `s.id, s.url, s.secret, s.countries, s.after_seq AS "afterSeq",
  s.created_at AS "createdAt", s.disabled_at AS "disabledAt",
  s.disabled_reason AS "disabledReason", s.failures, s.last_delivery_at AS "lastDeliveryAt",
  s.last_outcome AS "lastOutcome",
  ARRAY(SELECT l.country_code || '/' || l.slug FROM locations l
         WHERE l.id = ANY(s.places) ORDER BY l.id) AS places`;

// Starts after the feed's head: a change committed before is not pushed. The lock is the one
// under which change log entries are numbered as they commit (migration 0011): an entry numbered
// after this subscription's start commits after it, so the fan-out, which reads the entries
// before the subscriptions, sees this subscription beside any entry it must push. (The head is
// read from the statement's snapshot, taken before the lock: at worst a change just before the
// subscription is pushed too, never one after it missed.)
const insert = statement(
  'webhook_subscription_insert',
  `WITH lock AS (SELECT pg_advisory_xact_lock(7355610)),
        s AS (
     INSERT INTO webhook_subscriptions (url, secret, places, countries, after_seq)
     SELECT $1, $2, $3::int[], $4::text[], coalesce(max(seq), 0) FROM change_log, lock
     RETURNING *)
   SELECT ${COLUMNS} FROM s`,
);
const all = statement(
  'webhook_subscriptions_list',
  `SELECT ${COLUMNS} FROM webhook_subscriptions s ORDER BY s.id`,
);
const enabled = statement(
  'webhook_subscriptions_enabled',
  `SELECT ${COLUMNS} FROM webhook_subscriptions s WHERE s.disabled_at IS NULL ORDER BY s.id`,
);
const byId = statement(
  'webhook_subscription_by_id',
  `SELECT ${COLUMNS} FROM webhook_subscriptions s WHERE s.id = $1`,
);
const remove = statement(
  'webhook_subscription_delete',
  'DELETE FROM webhook_subscriptions WHERE id = $1',
);
const enable = statement(
  'webhook_subscription_enable',
  `UPDATE webhook_subscriptions SET disabled_at = NULL, disabled_reason = NULL, failures = 0
    WHERE id = $1`,
);
const succeeded = statement(
  'webhook_subscription_succeeded',
  `UPDATE webhook_subscriptions SET failures = 0, last_delivery_at = $2, last_outcome = $3
    WHERE id = $1`,
);
const attempted = statement(
  'webhook_subscription_attempted',
  'UPDATE webhook_subscriptions SET last_delivery_at = $2, last_outcome = $3 WHERE id = $1',
);
// One statement, so that two workers failing at once count two failures.
const failed = statement(
  'webhook_subscription_failed',
  `UPDATE webhook_subscriptions
      SET failures = failures + 1, last_delivery_at = $2, last_outcome = $3,
          disabled_at = CASE WHEN failures + 1 >= $4 AND disabled_at IS NULL THEN $2
                             ELSE disabled_at END,
          disabled_reason = CASE WHEN failures + 1 >= $4 AND disabled_at IS NULL THEN $5
                                 ELSE disabled_reason END
    WHERE id = $1
   RETURNING failures, disabled_at = $2 AS "disabledNow"`,
);

export async function insertSubscription(
  q: Queryable,
  s: NewSubscription,
): Promise<WebhookSubscription> {
  return (await q.one<WebhookSubscription>(insert, [s.url, s.secret, s.places, s.countries]))!;
}

export const listSubscriptions = (q: Queryable) => q.all<WebhookSubscription>(all);

export const enabledSubscriptions = (q: Queryable) => q.all<WebhookSubscription>(enabled);

export async function findSubscription(q: Queryable, id: number) {
  return (await q.one<WebhookSubscription>(byId, [id])) ?? null;
}

/** Whether there was one to delete. */
export async function deleteSubscription(q: Queryable, id: number): Promise<boolean> {
  return (await q.run(remove, [id])).rowCount > 0;
}

/** Enables it again, its failures forgotten; whether there was one. */
export async function enableSubscription(q: Queryable, id: number): Promise<boolean> {
  return (await q.run(enable, [id])).rowCount > 0;
}

/** A delivery answered 2xx: the failures in a row start again from 0. */
export async function recordDelivered(q: Queryable, id: number, at: Date, outcome: string) {
  await q.run(succeeded, [id, at, outcome]);
}

/** An attempt failed that will be tried again. */
export async function recordAttempt(q: Queryable, id: number, at: Date, outcome: string) {
  await q.run(attempted, [id, at, outcome]);
}

/**
 * A delivery failed after its last retry: one more failure in a row, and the subscription
 * disabled, with `reason`, when they reach `disableAfter`. Says whether it was disabled now.
 */
export async function recordFailed(
  q: Queryable,
  id: number,
  at: Date,
  outcome: string,
  disableAfter: number,
  reason: string,
): Promise<{ failures: number; disabledNow: boolean } | null> {
  return ((await q.one<{ failures: number; disabledNow: boolean | null }>(failed, [
    id,
    at,
    outcome,
    disableAfter,
    reason,
  ])) ?? null) as { failures: number; disabledNow: boolean } | null;
}

const lease = statement(
  'webhook_fanout_lease',
  `UPDATE webhook_fanout SET leased_until = $2
    WHERE id = 1 AND (leased_until IS NULL OR leased_until <= $1)
   RETURNING seq`,
);
const advance = statement(
  'webhook_fanout_advance',
  'UPDATE webhook_fanout SET seq = greatest(seq, $1), leased_until = NULL WHERE id = 1',
);

/** Takes the fan-out's lease until `until`; its position, or null while another holds it. */
export async function leaseFanout(q: Queryable, now: Date, until: Date): Promise<number | null> {
  const row = await q.one<{ seq: number | string }>(lease, [now, until]);
  return row ? Number(row.seq) : null;
}

/** Moves the fan-out past `seq` and gives the lease back. */
export async function releaseFanout(q: Queryable, seq: number) {
  await q.run(advance, [seq]);
}
