import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/contract/durations.ts';
import { statement } from '../../src/store/index.ts';
import { addPlaceViews } from '../../src/store/providers/place-views.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { hourlyProvider, viewedPlacesScheduler } from '../support/hourly-provider.ts';

const START = Date.parse('2026-11-23T06:10:00Z');
const NEXT_HOUR = Date.parse('2026-11-23T07:00:00Z');

const promised = statement(
  'test_promised_update',
  `SELECT s.next_fetch_at AS "fetchAt",
          (SELECT max(o.next_update_at) FROM observations o
            WHERE o.location_id = s.location_id AND o.source = s.provider) AS "rowsSay"
     FROM provider_places s JOIN locations l ON l.id = s.location_id
    WHERE s.provider = $1 AND l.country_code = 'GB' AND l.slug_key = 'london'`,
);

describe.each(drivers)('the next update a refresh promises ($name)', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)(
    'is when the place will be asked again, jitter included, so caches do not go a minute at a time',
    async () => {
      const o = origin();
      const clock = { now: START };
      const provider = hourlyProvider(1000, 'jitter-model');
      // Half of the default five minutes of jitter after the model's next run.
      const scheduler = viewedPlacesScheduler(o, provider, clock, {
        timing: { random: () => 0.5 },
      });
      await addPlaceViews(
        o.t.db,
        [{ countryCode: 'GB', key: 'london', views: 2 }],
        new Date(START),
      );
      expect((await scheduler.tick()).outcomes).toEqual({ ok: 1 });
      const row = await o.t.db.one<{ fetchAt: Date; rowsSay: Date }>(promised, ['jitter-model']);
      expect(row!.fetchAt.getTime()).toBe(NEXT_HOUR + 2.5 * MINUTE_MS);
      expect(row!.rowsSay.getTime()).toBe(row!.fetchAt.getTime());
      await scheduler.stop();
    },
  );
});
