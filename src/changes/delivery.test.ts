import { beforeAll, describe, expect, it, vi } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../test/support/databases.ts';
import { FIXTURE_PLACES } from '../../test/support/fixture.ts';
import { SECOND_MS } from '../contract/durations.ts';
import type { Changes, Purger } from '../domain/changes.ts';
import type { Observation } from '../domain/weather/weather.ts';
import { loadCatalog } from '../ingest/catalog/catalog-load.ts';
import { applyWrite } from '../ingest/write-path/apply-write.ts';
import { findPlaceByKey } from '../store/catalog/locations.ts';
import { type Queryable, statement } from '../store/index.ts';
import { type ChangeReason, changeBacklog } from '../store/operations/change-log.ts';
import { createChangeDelivery, retryDelay } from './delivery.ts';

const NOW = Date.parse('2026-11-20T10:20:00Z');
const HOUR = Date.parse('2026-11-20T10:00:00Z');

const observation = (locationId: number, source: string, temperatureC: number): Observation => ({
  locationId,
  source,
  observedAt: new Date(HOUR),
  nextUpdateAt: new Date(HOUR + 3_600_000),
  temperatureC,
  apparentTemperatureC: null,
  humidityPct: null,
  pressurePa: null,
  windSpeedMs: null,
  windGustMs: null,
  windDirectionDeg: null,
  precipitationMm: null,
  cloudCoverPct: null,
  visibilityM: null,
  condition: 'clear',
});

const quiet = { warn: () => {}, error: () => {} };

/** A purger that records what it is told, and fails while `failing` says so. */
function recorder() {
  const told: Changes[] = [];
  const state = { failing: false };
  const purger: Purger = {
    async purge(changes) {
      if (state.failing) throw new Error('edge down');
      told.push(changes);
    },
  };
  return { told, state, purger };
}

const logged = statement(
  'test_change_log',
  `SELECT reason, places, attempts, delivered_at IS NOT NULL AS delivered, next_attempt_at AS "nextAttemptAt", last_error AS "lastError"
     FROM change_log ORDER BY id`,
);
const entries = (q: Queryable) =>
  q.all<{
    reason: string;
    places: string[];
    attempts: number;
    delivered: boolean;
    nextAttemptAt: Date | null;
    lastError: string | null;
  }>(logged);

describe.each(drivers)('the change log and its delivery on $name', (driver) => {
  const database = useMigratedDatabase(driver);
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    if (driver.skip) return;
    const db = database().db;
    await loadCatalog(db, FIXTURE_PLACES);
    for (const [cc, key] of [
      ['GB', 'london'],
      ['FR', 'paris'],
      ['DE', 'munchen'],
    ] as const)
      ids[`${cc}/${key}`] = (await findPlaceByKey(db, cc, key))!.id;
  });
  const test = it.skipIf(driver.skip);
  const write = (q: Queryable, place: string, t: number, reason: ChangeReason = 'write') =>
    applyWrite(
      q,
      { observations: [observation(ids[place]!, 'meteo', t)] },
      {
        now: new Date(NOW),
        reason,
      },
    );

  test('records each write that changes a place, in its transaction, and nothing for a replay', () =>
    rolledBack(database().db, async (tx) => {
      const first = await write(tx, 'GB/london', 5);
      expect(first.changes).toEqual({
        places: ['GB/London'],
        days: [{ place: 'GB/London', date: '2026-11-20' }],
      });
      expect(first.changeId).toEqual(expect.any(Number));
      expect((await write(tx, 'GB/london', 5)).changeId).toBeNull();
      await write(tx, 'FR/paris', 7, 'import');
      await tx
        .transaction(async (inner) => {
          await write(inner, 'DE/munchen', 1);
          throw new Error('the write fails after its rows');
        })
        .catch(() => {});
      expect((await entries(tx)).map((e) => [e.reason, e.places])).toEqual([
        ['write', ['GB/London']],
        ['import', ['FR/Paris']],
      ]);
    }));

  test('asks every purger at once: one that waits holds none of the others back', () =>
    rolledBack(database().db, async (tx) => {
      await write(tx, 'GB/london', 4);
      let release: () => void = () => {};
      const slow = {
        purge: () =>
          new Promise<void>((resolve) => {
            release = resolve;
          }),
      };
      const fast = recorder();
      const delivery = createChangeDelivery({ db: tx, purgers: [slow, fast.purger], log: quiet });
      const drained = delivery.drain();
      // The next cache is purged while the first purger still waits (its rate limit, say).
      await vi.waitFor(() => expect(fast.told).toHaveLength(1));
      expect((await entries(tx)).some((e) => e.delivered)).toBe(false);
      release();
      await drained;
      expect((await entries(tx)).every((e) => e.delivered)).toBe(true);
    }));

  test('delivers the entries due, merged, once, to every purger', () =>
    rolledBack(database().db, async (tx) => {
      await write(tx, 'GB/london', 1);
      await write(tx, 'FR/paris', 2);
      await write(tx, 'GB/london', 3);
      const a = recorder();
      const b = recorder();
      const delivery = createChangeDelivery({ db: tx, purgers: [a.purger, b.purger], log: quiet });
      await delivery.drain();
      const merged = {
        places: ['GB/London', 'FR/Paris'],
        days: [
          { place: 'GB/London', date: '2026-11-20' },
          { place: 'FR/Paris', date: '2026-11-20' },
        ],
      };
      expect(a.told).toEqual([merged]);
      expect(b.told).toEqual([merged]);
      expect((await entries(tx)).every((e) => e.delivered && e.attempts === 1)).toBe(true);
      // Delivered is delivered: another process, or another pass, sends nothing again.
      const c = recorder();
      await createChangeDelivery({ db: tx, purgers: [c.purger], log: quiet }).drain();
      await delivery.drain();
      expect(c.told).toEqual([]);
      expect(a.told).toHaveLength(1);
      expect(await changeBacklog(tx)).toEqual({ count: 0, oldest: null });
    }));

  test('spends no purge on a scheduled refresh, whose lifetimes end as it arrives', () =>
    rolledBack(database().db, async (tx) => {
      await write(tx, 'GB/london', 6, 'provider');
      await write(tx, 'DE/munchen', 6, 'demo');
      const cdn = recorder();
      const delivery = createChangeDelivery({ db: tx, purgers: [cdn.purger], log: quiet });
      await delivery.drain();
      expect(cdn.told).toEqual([]);
      // Delivered all the same, so that nothing waits on them; a write beside them is purged.
      expect((await entries(tx)).every((e) => e.delivered)).toBe(true);
      await write(tx, 'FR/paris', 6, 'provider');
      await write(tx, 'GB/london', 7, 'write');
      await delivery.drain();
      expect(cdn.told.map((c) => c.places)).toEqual([['GB/London']]);
    }));

  test('keeps what a purger refused, and tries it again after a growing wait', () =>
    rolledBack(database().db, async (tx) => {
      await write(tx, 'GB/london', 4);
      const clock = { now: Date.now() };
      const edge = recorder();
      edge.state.failing = true;
      const warnings: string[] = [];
      const delivery = createChangeDelivery({
        db: tx,
        purgers: [edge.purger],
        log: { warn: (_, message) => warnings.push(message), error: () => {} },
        now: () => clock.now,
      });
      await delivery.drain();
      const [failed] = await entries(tx);
      expect(failed).toMatchObject({ delivered: false, attempts: 1, lastError: 'edge down' });
      expect(failed!.nextAttemptAt!.getTime()).toBe(clock.now + retryDelay(1));
      expect(warnings).toEqual(['changes not delivered downstream; they will be tried again']);
      // Not before its time, even with the edge back.
      edge.state.failing = false;
      clock.now += retryDelay(1) - SECOND_MS;
      await delivery.drain();
      expect(edge.told).toEqual([]);
      clock.now += SECOND_MS;
      await delivery.drain();
      expect(edge.told.map((c) => c.places)).toEqual([['GB/London']]);
      expect((await entries(tx))[0]).toMatchObject({ delivered: true, attempts: 2 });
      expect([1, 2, 3, 4, 9].map(retryDelay)).toEqual([
        30_000, 120_000, 480_000, 1_920_000, 3_600_000,
      ]);
    }));

  test('leaves an attempt that never ends to another process once its lease is over', () =>
    rolledBack(database().db, async (tx) => {
      await write(tx, 'FR/paris', 5);
      const clock = { now: Date.now() };
      const hung: Purger = { purge: () => new Promise(() => {}) };
      const first = createChangeDelivery({
        db: tx,
        purgers: [hung],
        log: quiet,
        now: () => clock.now,
        leaseMs: 30 * SECOND_MS,
      });
      void first.drain(); // under way for ever, as in a process that died mid-purge
      await new Promise((r) => setTimeout(r, 50));
      const other = recorder();
      const second = createChangeDelivery({
        db: tx,
        purgers: [other.purger],
        log: quiet,
        now: () => clock.now,
      });
      await second.drain();
      expect(other.told).toEqual([]);
      clock.now += 30 * SECOND_MS;
      await second.drain();
      expect(other.told.map((c) => c.places)).toEqual([['FR/Paris']]);
    }));

  test('delivers nothing without a purger, and prunes what is old', () =>
    rolledBack(database().db, async (tx) => {
      await write(tx, 'GB/london', 6);
      await write(tx, 'FR/paris', 6);
      const clock = { now: Date.now() };
      const none = createChangeDelivery({ db: tx, purgers: [], log: quiet, now: () => clock.now });
      await none.drain();
      expect((await entries(tx)).map((e) => e.delivered)).toEqual([false, false]);
      const edge = recorder();
      await createChangeDelivery({ db: tx, purgers: [edge.purger], log: quiet }).drain();
      await write(tx, 'DE/munchen', 6);
      // Kept a week for the change feed's followers, delivered or not; then all go.
      const warnings: unknown[] = [];
      const later = (days: number) =>
        createChangeDelivery({
          db: tx,
          purgers: [],
          log: { warn: (fields) => warnings.push(fields), error: () => {} },
          now: () => clock.now + days * 24 * 3_600_000 + 60_000,
        }).drain();
      await later(6);
      expect(await entries(tx)).toHaveLength(3);
      await later(7);
      expect(await entries(tx)).toEqual([]);
      expect(warnings).toEqual([{ changes: 1 }]);
    }));
});
