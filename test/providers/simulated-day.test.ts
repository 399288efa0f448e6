import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../src/contract/durations.ts';
import { addPlaceViews } from '../../src/store/providers/place-views.ts';
import { requestsUsed } from '../../src/store/providers/provider-budgets.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { hourlyProvider, seededRandom, viewedPlacesScheduler } from '../support/hourly-provider.ts';

const DAY_START = Date.parse('2026-11-23T00:00:00Z');
/** Places people look at every hour, and how much; the rest of the catalog nobody asks for. */
const VIEWED: [countryCode: string, key: string, perHour: number][] = [
  ['GB', 'london', 120],
  ['FR', 'paris', 60],
  ['DE', 'munchen', 25],
  ['US', 'new-york-city', 10],
  ['GB', 'manchester', 4],
  ['GB', 'greenwich', 1],
];

describe.each(drivers)('a simulated day ($name)', (driver) => {
  const origin = useTestOrigin(driver);

  /** Runs a day of ticks every 2 virtual minutes; views arrive every hour. */
  async function day(budget: number, name: string) {
    const o = origin();
    const clock = { now: DAY_START };
    const provider = hourlyProvider(budget, name);
    const scheduler = viewedPlacesScheduler(o, provider, clock, {
      timing: { random: seededRandom() },
    });
    let mostUsed = 0;
    for (; clock.now < DAY_START + 24 * HOUR_MS; clock.now += 2 * MINUTE_MS) {
      if ((clock.now - DAY_START) % HOUR_MS === 0) {
        const views = VIEWED.map(([countryCode, key, views]) => ({ countryCode, key, views }));
        await addPlaceViews(o.t.db, views, new Date(clock.now));
      }
      await scheduler.tick();
      mostUsed = Math.max(mostUsed, await requestsUsed(o.t.db, name, new Date(clock.now)));
    }
    await scheduler.stop();
    const byPlace = new Map<string, number>();
    for (const [cc, key] of VIEWED) {
      const id = (await o.t.db.one<{ id: number }>(placeId, [cc, key]))!.id;
      byPlace.set(`${cc}/${key}`, provider.calls.get(id) ?? 0);
    }
    return { provider, byPlace, mostUsed };
  }

  it.skipIf(driver.skip)(
    'asks at most once per place per update, and never for a place nobody viewed',
    async () => {
      const { provider, byPlace, mostUsed } = await day(10_000, 'generous');
      // The model publishes 24 times in the day.
      expect(provider.total()).toBeLessThanOrEqual(VIEWED.length * 24);
      for (const calls of byPlace.values()) expect(calls).toBeGreaterThanOrEqual(23);
      for (const calls of byPlace.values()) expect(calls).toBeLessThanOrEqual(24);
      expect(provider.calls.size).toBe(VIEWED.length);
      expect(mostUsed).toBe(provider.total());
    },
    120_000,
  );

  it.skipIf(driver.skip)(
    'never exceeds a short budget, and spends it on the most viewed places',
    async () => {
      const { provider, byPlace, mostUsed } = await day(60, 'short');
      console.log(driver.name, [...byPlace]);
      expect(provider.total()).toBeLessThanOrEqual(60);
      expect(mostUsed).toBeLessThanOrEqual(60);
      expect(byPlace.get('GB/london')).toBeGreaterThanOrEqual(22);
      expect(byPlace.get('GB/greenwich')!).toBeLessThan(byPlace.get('DE/munchen')!);
      expect(byPlace.get('GB/manchester')!).toBeLessThan(byPlace.get('FR/paris')!);
    },
    120_000,
  );
});

import { statement } from '../../src/store/index.ts';

const placeId = statement(
  'test_place_id',
  'SELECT id FROM locations WHERE country_code = $1 AND slug_key = $2',
);
