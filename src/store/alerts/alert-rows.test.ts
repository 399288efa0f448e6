import { describe, expect, it } from 'vitest';
import { londonWind } from '../../../test/support/alert-fixtures.ts';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { FIXTURE_PLACES } from '../../../test/support/fixture.ts';
import { PLACE_DOCUMENT_VERSION } from '../../documents/place-document.ts';
import { loadCatalog } from '../../ingest/catalog/catalog-load.ts';
import { applyWrite } from '../../ingest/write-path/apply-write.ts';
import { type Queryable, statement } from '../index.ts';
import { findPlaceWeather } from '../weather/place-weather.ts';
import { pruneAlerts } from './alert-rows.ts';

const NOW = new Date('2026-11-22T10:15:00Z');
const write = { now: NOW, reason: 'alert' } as const;
const lastChange = statement(
  'test_alert_last_change',
  'SELECT reason, places FROM change_log ORDER BY id DESC LIMIT 1',
);
const changeCount = statement(
  'test_alert_change_count',
  'SELECT count(*)::int AS n FROM change_log',
);

const shownAt = async (q: Queryable, country: string, key: string, now = NOW) =>
  ((await findPlaceWeather(q, country, key, now))?.alerts ?? []).map((a) => a.event);

describe.each(drivers)('storing weather warnings on $name', (driver) => {
  const db = useMigratedDatabase(driver);
  const withCatalog = (fn: (tx: Queryable) => Promise<void>) =>
    rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, FIXTURE_PLACES);
      await fn(tx);
    });

  it.skipIf(driver.skip)(
    'shows an alert at the places its polygon covers, and logs the change',
    async () => {
      await withCatalog(async (tx) => {
        const applied = await applyWrite(tx, { alerts: [londonWind()] }, write);
        expect(applied.alertsInserted).toBe(1);
        expect(applied.changes.places.sort()).toEqual(['GB/Greenwich', 'GB/London']);
        const logged = await tx.one<{ reason: string; places: string[] }>(lastChange);
        expect([logged!.reason, logged!.places.sort()]).toEqual([
          'alert',
          ['GB/Greenwich', 'GB/London'],
        ]);
        expect(await shownAt(tx, 'GB', 'london')).toEqual(['Yellow Wind Warning']);
        // London has no weather here: no document stands for it, so a read fetches its weather.
        const wanted = { units: 'metric', version: PLACE_DOCUMENT_VERSION } as const;
        expect((await findPlaceWeather(tx, 'GB', 'london', NOW, wanted))?.document).toBeUndefined();
        expect(await shownAt(tx, 'GB', 'manchester')).toEqual([]);
        expect(await shownAt(tx, 'FR', 'paris')).toEqual([]);
        // Polled again, the same message changes nothing and logs nothing.
        const before = (await tx.one<{ n: number }>(changeCount))!.n;
        const again = await applyWrite(tx, { alerts: [londonWind()] }, write);
        expect(again).toMatchObject({ alertsInserted: 0, changeId: null });
        expect((await tx.one<{ n: number }>(changeCount))!.n).toBe(before);
      });
    },
  );

  it.skipIf(driver.skip)(
    'replaces an alert by its Update, and removes it by a Cancel',
    async () => {
      await withCatalog(async (tx) => {
        await applyWrite(tx, { alerts: [londonWind()] }, write);
        const updated = await applyWrite(tx, { alerts: [londonWind('update')] }, write);
        expect(updated.changes.places.sort()).toEqual(['GB/Greenwich', 'GB/London']);
        expect(await shownAt(tx, 'GB', 'london')).toEqual(['Amber Wind Warning']);
        const cancelled = await applyWrite(tx, { alerts: [londonWind('cancel')] }, write);
        expect(cancelled.changes.places.sort()).toEqual(['GB/Greenwich', 'GB/London']);
        expect(await tx.one(lastChange)).toMatchObject({ reason: 'alert' });
        expect(await shownAt(tx, 'GB', 'london')).toEqual([]);
        // The original, polled late from a feed that still lists it, stays cancelled.
        const late = await applyWrite(tx, { alerts: [londonWind()] }, write);
        expect(late.changeId).toBeNull();
        expect(await shownAt(tx, 'GB', 'london')).toEqual([]);
      });
    },
  );

  it.skipIf(driver.skip)(
    'shows neither expired alerts nor exercises, and a Cancel before its alert wins',
    async () => {
      await withCatalog(async (tx) => {
        const exercise = { ...londonWind(), identifier: 'exercise-1', status: 'Exercise' };
        const old = { ...londonWind(), identifier: 'old-1', expires: new Date(NOW.getTime() - 1) };
        const applied = await applyWrite(tx, { alerts: [exercise, old] }, write);
        expect(applied).toMatchObject({ alertsInserted: 2, changeId: null });
        // Shown until it expires, then no longer, without another write.
        await applyWrite(tx, { alerts: [londonWind()] }, write);
        const expiry = londonWind().expires!;
        expect(await shownAt(tx, 'GB', 'london', new Date(expiry.getTime() - 1000))).toEqual([
          'Yellow Wind Warning',
        ]);
        expect(await shownAt(tx, 'GB', 'london', expiry)).toEqual([]);
        // A Cancel that arrives before what it cancels: the late update is never shown.
        await applyWrite(tx, { alerts: [londonWind('cancel')] }, write);
        expect(await shownAt(tx, 'GB', 'london')).toEqual([]);
        const late = await applyWrite(tx, { alerts: [londonWind('update')] }, write);
        expect(late.changeId).toBeNull();
        // Expired before the time given, a message is forgotten (the poll gives a week ago), and
        // a Cancel, which never expires, once sent before it.
        // At the first alert's expiry: the one expired before it, and the Cancel sent before it.
        expect(await pruneAlerts(tx, londonWind().expires!)).toBe(2);
        const after = new Date(londonWind('update').expires!.getTime() + 1);
        expect(await pruneAlerts(tx, after)).toBe(3);
        expect(await pruneAlerts(tx, new Date(after.getTime() + 86_400_000))).toBe(0);
      });
    },
  );
});
