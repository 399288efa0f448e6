import type { Changes } from '../../domain/changes.ts';
import { type Queryable, statement } from '../database.ts';

/** The channel on which every write announces the places it changed, once it commits. */
export const PLACES_CHANNEL = 'isobar_places';

/**
 * What made a change: the write API, an import, a provider, the demo source, a purge by hand, a
 * weather warning (new, updated, cancelled).
 */
export type ChangeReason = 'write' | 'import' | 'provider' | 'demo' | 'purge' | 'alert';

/** An entry of the change log taken for delivery. */
export interface LoggedChange extends Changes {
  id: number;
  reason: ChangeReason;
  /** Attempts so far, this one included. */
  attempts: number;
}

// Taken in order, skipping what another process holds; `next_attempt_at` becomes the lease of
// this attempt, so a process that dies mid-delivery leaves the entry to be taken again later.
const claim = statement(
  'change_log_claim',
  `UPDATE change_log SET attempts = attempts + 1, next_attempt_at = $2
    WHERE id IN (SELECT id FROM change_log
                  WHERE delivered_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
                  ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
   RETURNING id, reason, places, days, attempts`,
);

/** Takes up to `limit` undelivered entries that are due at `now`, leased until `leaseUntil`. */
export async function claimChanges(
  q: Queryable,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<LoggedChange[]> {
  const rows = await q.all<{
    id: number;
    reason: ChangeReason;
    places: string[];
    days: Changes['days'] | string;
    attempts: number;
  }>(claim, [now, leaseUntil, limit]);
  return rows
    .map((r) => ({ ...r, days: typeof r.days === 'string' ? JSON.parse(r.days) : r.days }))
    .sort((a, b) => a.id - b.id);
}

const delivered = statement(
  'change_log_delivered',
  `UPDATE change_log SET delivered_at = $2, next_attempt_at = NULL, last_error = NULL
    WHERE id = ANY($1::bigint[])`,
);

export async function markDelivered(q: Queryable, ids: readonly number[], at: Date) {
  if (ids.length > 0) await q.run(delivered, [ids, at]);
}

const failed = statement(
  'change_log_failed',
  'UPDATE change_log SET next_attempt_at = $2, last_error = $3 WHERE id = ANY($1::bigint[])',
);

/** Leaves the entries undelivered, to be tried again at `retryAt`. */
export async function markFailed(
  q: Queryable,
  ids: readonly number[],
  retryAt: Date,
  error: string,
) {
  if (ids.length > 0) await q.run(failed, [ids, retryAt, error.slice(0, 500)]);
}

const prune = statement(
  'change_log_prune',
  `WITH gone AS (DELETE FROM change_log
                  WHERE delivered_at < $1 OR (delivered_at IS NULL AND at < $2) RETURNING delivered_at)
   SELECT count(*) FILTER (WHERE delivered_at IS NULL)::int AS undelivered FROM gone`,
);

/**
 * Deletes entries delivered before `deliveredBefore`, and entries still undelivered from before
 * `givenUpBefore` (any cache they were for has long expired); says how many of those there were.
 */
export async function pruneChanges(
  q: Queryable,
  deliveredBefore: Date,
  givenUpBefore: Date,
): Promise<number> {
  return (await q.one<{ undelivered: number }>(prune, [deliveredBefore, givenUpBefore]))!
    .undelivered;
}

const backlog = statement(
  'change_log_backlog',
  `SELECT count(*)::int AS count, min(at) AS oldest FROM change_log WHERE delivered_at IS NULL`,
);

/** Entries not yet delivered, and the time of the oldest. */
export async function changeBacklog(q: Queryable): Promise<{ count: number; oldest: Date | null }> {
  return (await q.one<{ count: number; oldest: Date | null }>(backlog))!;
}

const deliveredOne = statement(
  'change_log_is_delivered',
  'SELECT delivered_at IS NOT NULL AS delivered FROM change_log WHERE id = $1',
);

/** Whether an entry has been delivered (an entry pruned since counts as delivered). */
export async function isDelivered(q: Queryable, id: number): Promise<boolean> {
  return (await q.one<{ delivered: boolean }>(deliveredOne, [id]))?.delivered ?? true;
}
