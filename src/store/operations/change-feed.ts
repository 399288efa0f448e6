import type { FeedPosition } from '../../contract/uris/changes-uri.ts';
import type { Changes } from '../../domain/changes.ts';
import { type Queryable, statement } from '../database.ts';
import type { ChangeReason } from './change-log.ts';

/** An entry of the change log as the feed lists it. */
export interface FeedEntry extends Changes, FeedPosition {
  at: Date;
  reason: ChangeReason;
}

// The log in the order transactions began, each transaction's entries by id, and only entries
// of transactions older than every one still running (the snapshot's xmin): whatever commits
// later sorts after every entry listed now, so a page once full never changes. Ids alone would
// not do: a transaction that took a lower id may commit after a higher one was listed.
const VISIBLE = 'xact < pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

const after = statement(
  'change_feed_after',
  `SELECT xact, id, at, reason, places, days FROM change_log
    WHERE (xact, id) > ($1, $2) AND ${VISIBLE}
    ORDER BY xact, id LIMIT $3`,
);

const head = statement(
  'change_feed_head',
  `SELECT xact, id FROM change_log WHERE ${VISIBLE} ORDER BY xact DESC, id DESC LIMIT 1`,
);

const kept = statement(
  'change_feed_kept',
  'SELECT EXISTS (SELECT 1 FROM change_log WHERE xact = $1 AND id = $2) AS kept',
);

interface Row {
  xact: number | string;
  id: number | string;
  at: Date;
  reason: ChangeReason;
  places: string[];
  days: Changes['days'] | string;
}

/** Up to `limit` entries after `from`, in feed order. */
export async function changesAfter(
  q: Queryable,
  from: FeedPosition,
  limit: number,
): Promise<FeedEntry[]> {
  const rows = await q.all<Row>(after, [from.xact, from.id, limit]);
  return rows.map((r) => ({
    xact: Number(r.xact),
    id: Number(r.id),
    at: r.at,
    reason: r.reason,
    places: r.places,
    days: typeof r.days === 'string' ? JSON.parse(r.days) : r.days,
  }));
}

/** The position after the newest entry listed now (the start when the log is empty). */
export async function feedHead(q: Queryable): Promise<FeedPosition> {
  const row = await q.one<{ xact: number | string; id: number | string }>(head);
  return row ? { xact: Number(row.xact), id: Number(row.id) } : { xact: 0, id: 0 };
}

/** Whether the entry at `position` is still kept (a follower's cursor that was not pruned). */
export async function isKept(q: Queryable, position: FeedPosition): Promise<boolean> {
  return (await q.one<{ kept: boolean }>(kept, [position.xact, position.id]))?.kept ?? false;
}
