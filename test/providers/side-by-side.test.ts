import { describe, expect, it } from 'vitest';
import { addPlaceViews } from '../../src/store/providers/place-views.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { hourlyProvider, viewedPlacesScheduler } from '../support/hourly-provider.ts';

const START = Date.parse('2026-11-23T06:00:00Z');

describe.each(drivers)('in-process runners side by side ($name)', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)(
    'two runners on one database ask once per place per update, whoever ticks',
    async () => {
      const o = origin();
      const clock = { now: START };
      const provider = hourlyProvider(1000, 'side-model');
      const a = viewedPlacesScheduler(o, provider, clock, { timing: { random: () => 0 } });
      const b = viewedPlacesScheduler(o, provider, clock, { timing: { random: () => 0 } });
      await addPlaceViews(
        o.t.db,
        [
          { countryCode: 'GB', key: 'london', views: 5 },
          { countryCode: 'FR', key: 'paris', views: 3 },
        ],
        new Date(START),
      );
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      expect(ra.requests + rb.requests).toBe(2);
      expect(provider.total()).toBe(2);
      // Again at once: nothing is due; an hour later each place once more, on either runner.
      expect((await b.tick()).requests + (await a.tick()).requests).toBe(0);
      clock.now += 61 * 60_000;
      await Promise.all([a.tick(), b.tick(), a.tick()]);
      expect(provider.total()).toBe(4);
      expect([...provider.calls.values()]).toEqual([2, 2]);
      await Promise.all([a.stop(), b.stop()]);
    },
  );
});
