import { DAY_MS, HOUR_MS, SECOND_MS } from '../contract/durations.ts';
import { FEED_DAYS } from '../contract/uris/changes-uri.ts';
import { mergeChanges, type Purger } from '../domain/changes.ts';
import type { Queryable } from '../store/database.ts';
import {
  type ChangeReason,
  claimChanges,
  markDelivered,
  markFailed,
  pruneChanges,
} from '../store/operations/change-log.ts';
import { createPassLoop, type PassLoop } from './pass-loop.ts';

export interface ChangeDeliveryOptions {
  db: Queryable;
  /** None: changes are only pruned, never delivered (no cache downstream is configured). */
  purgers: readonly Purger[];
  log: {
    warn(fields: Record<string, unknown>, message: string): void;
    error(fields: Record<string, unknown>, message: string): void;
  };
  now?: () => number;
  /** How long changes gather after a wake, so that a burst of writes makes one purge. */
  gatherMs?: number;
  /** How long an attempt holds its entries before another process may take them again. */
  leaseMs?: number;
  /** Entries merged into one delivery at most. */
  batch?: number;
  /** How often the log is looked at without a wake: retries, and changes no wake announced. */
  pollMs?: number;
}

/** wake: a write committed; drain: everything due now delivered (a command before it exits);
 * start: what the log holds first (a restarted origin finishes what an earlier one left). */
export type ChangeDelivery = PassLoop;

/**
 * Changes on a schedule: a provider's refresh and the demo source's hour arrive when the
 * lifetimes the origin gave for what they replace end, so caches downstream already look again
 * then. Purging for them would spend the purge rate (Cloudflare's is per minute on small plans)
 * on nothing; the origin's own caches still drop them (NOTIFY), at once.
 */
const SCHEDULED: ReadonlySet<ChangeReason> = new Set<ChangeReason>(['provider', 'demo']);

/**
 * Entries are kept for the change feed's followers (/v1/changes) FEED_DAYS, delivered or not;
 * one still undelivered then is given up (any cache it was for has long expired).
 */
const KEEP_DELIVERED_MS = FEED_DAYS * DAY_MS;
const GIVE_UP_MS = FEED_DAYS * DAY_MS;
const PRUNE_EVERY_MS = HOUR_MS;

/** The wait before the n-th retry of an entry: 30 s, 2 min, 8 min, … up to an hour. */
export const retryDelay = (attempts: number) =>
  Math.min(30 * SECOND_MS * 4 ** Math.max(0, attempts - 1), HOUR_MS);

/**
 * Delivers the change log (src/store/operations/change-log.ts) to the caches downstream, after
 * the writes that filled it have committed: entries are taken in order, merged, sent to every
 * purger, and marked delivered only when all of them took it; otherwise they are tried again,
 * later and later. Any number of processes may deliver side by side: each takes what no other
 * holds. Purges are idempotent, so an entry sent twice (a process died before marking it) costs
 * a purge, never a stale cache.
 */
export function createChangeDelivery(o: ChangeDeliveryOptions): ChangeDelivery {
  const now = o.now ?? Date.now;
  const gatherMs = o.gatherMs ?? SECOND_MS;
  const leaseMs = o.leaseMs ?? 30 * SECOND_MS;
  const batch = o.batch ?? 500;
  const pollMs = o.pollMs ?? 30 * SECOND_MS;
  let prunedAt = 0;

  /** One pass over what is due; a failed attempt ends the pass (its entries wait to retry). */
  async function deliverDue(): Promise<void> {
    if (o.purgers.length === 0) return;
    for (;;) {
      const at = now();
      const entries = await claimChanges(o.db, new Date(at), new Date(at + leaseMs), batch);
      if (entries.length === 0) return;
      const ids = entries.map((e) => e.id);
      const changes = mergeChanges(entries.filter((e) => !SCHEDULED.has(e.reason)));
      try {
        if (changes.places.length > 0) {
          // Side by side: a purger that waits (Cloudflare's purge rate) must not hold back the
          // others (a Varnish next door), which were asked only after it before.
          const results = await Promise.allSettled(o.purgers.map((p) => p.purge(changes)));
          const refused = results.find((r) => r.status === 'rejected');
          if (refused) throw refused.reason;
        }
      } catch (err) {
        const attempts = Math.max(...entries.map((e) => e.attempts));
        const retryAt = new Date(now() + retryDelay(attempts));
        const error = err instanceof Error ? err.message : String(err);
        o.log.warn(
          { changes: ids.length, places: changes.places.length, attempts, retryAt, error },
          'changes not delivered downstream; they will be tried again',
        );
        await markFailed(o.db, ids, retryAt, error);
        return;
      }
      await markDelivered(o.db, ids, new Date(now()));
      if (entries.length < batch) return;
    }
  }

  async function prune(): Promise<void> {
    const at = now();
    if (at - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = at;
    const lost = await pruneChanges(
      o.db,
      new Date(at - KEEP_DELIVERED_MS),
      new Date(at - GIVE_UP_MS),
    );
    if (lost > 0) o.log.warn({ changes: lost }, 'changes never delivered in a week were dropped');
  }

  return createPassLoop(
    async () => {
      await prune();
      await deliverDue();
    },
    {
      gatherMs,
      pollMs,
      onError: (err) => o.log.error({ err }, 'change delivery failed; the log keeps the changes'),
    },
  );
}
