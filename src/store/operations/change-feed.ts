import type { FeedPosition } from '../../contract/uris/changes-uri.ts';
import type { Changes } from '../../domain/changes.ts';
import { type Queryable, statement } from '../database.ts';
import type { ChangeReason } from './change-log.ts';

/** An entry of the change log as the feed lists it. */
export interface FeedEntry extends Changes, FeedPosition {
  at: Date;
  reason: ChangeReason;
}

// The log in the order its writes committed (seq, numbered at commit: migration 0011). A
// follower past seq N misses nothing: every entry numbered below N was committed, or rolled
// back, before N was taken. Ids alone would not do: a write that took a lower id may commit after
// a higher one was listed.
const after = statement(
  'change_feed_after',
  `SELECT seq, at, reason, places, days FROM change_log
    WHERE seq > $1 ORDER BY seq LIMIT $2`,
);

const head = statement('change_feed_head', 'SELECT max(seq) AS seq FROM change_log');

const kept = statement(
  'change_feed_kept',
  'SELECT EXISTS (SELECT 1 FROM change_log WHERE seq = $1) AS kept',
);

interface Row {
  seq: number | string;
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
  const rows = await q.all<Row>(after, [from.seq, limit]);
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    reason: r.reason,
    places: r.places,
    days: typeof r.days === 'string' ? JSON.parse(r.days) : r.days,
  }));
}

/** The position after the newest entry listed now (the start when the log is empty). */
export async function feedHead(q: Queryable): Promise<FeedPosition> {
  const row = await q.one<{ seq: number | string | null }>(head);
  return { seq: Number(row?.seq ?? 0) };
}

/** Whether the entry at `position` is still kept (a follower's cursor that was not pruned). */
export async function isKept(q: Queryable, position: FeedPosition): Promise<boolean> {
  return (await q.one<{ kept: boolean }>(kept, [position.seq]))?.kept ?? false;
}
