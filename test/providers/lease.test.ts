import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/contract/durations.ts';
import { addPlaceViews } from '../../src/store/providers/place-views.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { hourlyProvider, viewedPlacesScheduler } from '../support/hourly-provider.ts';

const START = Date.parse('2026-11-23T06:00:00Z');
const LEASE_MS = 2 * MINUTE_MS;

describe.each(drivers)('several origins, one fetcher ($name)', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)(
    'only the lease holder fetches; a crashed holder is replaced once its lease lapses',
    async () => {
      const o = origin();
      const clock = { now: START };
      const provider = hourlyProvider(1000, 'lease-model');
      const scheduler = (holder: string) =>
        viewedPlacesScheduler(o, provider, clock, {
          holder,
          leaseMs: LEASE_MS,
          timing: { random: () => 0 },
        });
      await addPlaceViews(
        o.t.db,
        [{ countryCode: 'GB', key: 'london', views: 5 }],
        new Date(START),
      );
      const a = scheduler('origin-a');
      const b = scheduler('origin-b');

      const first = await a.tick();
      expect(first.leader).toBe(true);
      expect(first.requests).toBe(1);
      // A second origin, at the same moment and an hour later: the lease is a's.
      const other = await b.tick();
      expect(other).toMatchObject({ leader: false, requests: 0 });
      clock.now += LEASE_MS / 2;
      expect((await b.tick()).leader).toBe(false);

      // a dies without giving the lease up (no stop()): b waits out the lease, then takes over.
      clock.now += 60 * MINUTE_MS;
      const takeover = await b.tick();
      expect(takeover.leader).toBe(true);
      expect(takeover.requests).toBe(1);
      expect(provider.total()).toBe(2);
      // And a, back, is no longer the holder.
      expect((await a.tick()).leader).toBe(false);
      await b.stop();
      // Once b gives the lease up on stopping, another holder may take it at once.
      expect((await a.tick()).leader).toBe(true);
      await a.stop();
    },
  );
});
