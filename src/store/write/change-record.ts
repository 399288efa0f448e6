import type { Changes } from '../../domain/changes.ts';
import { type Queryable, statement } from '../database.ts';
import { type ChangeReason, PLACES_CHANNEL } from '../operations/change-log.ts';

/** Postgres refuses a NOTIFY payload of 8000 bytes or more; places go in messages below that. */
const MAX_PAYLOAD = 7_000;

const notify = statement('changes_notify', `SELECT pg_notify('${PLACES_CHANNEL}', $1)`);

/**
 * Announces that these places (`GB/London`) changed. Inside a transaction, Postgres delivers the
 * notification only if and when it commits, so a listener never hears of a write that failed.
 */
async function notifyPlacesChanged(q: Queryable, refs: readonly string[]): Promise<void> {
  let batch: string[] = [];
  let size = 2;
  for (const ref of new Set(refs)) {
    if (size + ref.length + 3 > MAX_PAYLOAD) {
      await q.one(notify, [JSON.stringify(batch)]);
      batch = [];
      size = 2;
    }
    batch.push(ref);
    size += ref.length + 3;
  }
  if (batch.length > 0) await q.one(notify, [JSON.stringify(batch)]);
}

const insert = statement(
  'change_log_insert',
  'INSERT INTO change_log (reason, places, days) VALUES ($1, $2::text[], $3::json) RETURNING id',
);

/**
 * Records what a write changed, in the write's transaction: the change log entry the caches
 * downstream are purged from after commit, and the announcement (NOTIFY, delivered on commit)
 * on which every origin drops its own cached answers. A write that changed no place records
 * nothing. Only the write path calls it (src/ingest/write-path/apply-write.ts).
 */
export async function recordChange(
  tx: Queryable,
  changes: Changes,
  reason: ChangeReason,
): Promise<number | null> {
  if (changes.places.length === 0) return null;
  const row = await tx.one<{ id: number }>(insert, [
    reason,
    changes.places,
    JSON.stringify(changes.days),
  ]);
  await notifyPlacesChanged(tx, changes.places);
  return row!.id;
}
