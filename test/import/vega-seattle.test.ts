import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPlaceByKey } from '../../src/store/catalog/locations.ts';
import type { Queryable } from '../../src/store/index.ts';
import { dailySummariesBetween } from '../../src/store/weather/daily.ts';
import { drivers, rolledBack, useMigratedDatabase } from '../support/databases.ts';
import {
  countRows,
  loadRealPlaces,
  runInProcess as run,
  SEATTLE_ARGS,
  SEATTLE_CSV,
} from '../support/import-files.ts';

// Real data: NOAA's daily records for Seattle 2012–2015 as vega-datasets ships them, imported
// with the command the README shows.
describe.each(drivers)('the vega-datasets Seattle import on $name', (driver) => {
  const database = useMigratedDatabase(driver);
  beforeAll(async () => {
    if (!driver.skip) await loadRealPlaces(database().db, [{ countryCode: 'US', name: 'Seattle' }]);
  });
  const test = it.skipIf(driver.skip);
  const inTx = (fn: (tx: Queryable) => Promise<void>) => () => rolledBack(database().db, fn);

  test(
    'imports the vega-datasets Seattle records as daily summaries of US/Seattle',
    inTx(async (tx) => {
      const first = await run(tx, SEATTLE_ARGS);
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/\(csv, daily\)$/m);
      expect(first.counts).toEqual({
        read: 1461,
        inserted: 1461,
        replaced: 0,
        unchanged: 0,
        rejected: 0,
      });

      // The file's own line for the day: date,precipitation,temp_max,temp_min,wind,weather
      const line = readFileSync(SEATTLE_CSV, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('2015-06-01,'))!;
      const [, precipitation, max, min, wind, weather] = line.split(',');
      const seattle = (await findPlaceByKey(tx, 'US', 'seattle'))!;
      const [day, ...others] = await dailySummariesBetween(
        tx,
        seattle.id,
        '2015-06-01',
        '2015-06-01',
      );
      expect(others).toEqual([]);
      expect(day).toMatchObject({
        source: 'noaa-ghcn',
        date: '2015-06-01',
        complete: true,
        hours: null,
      });
      expect(day!.temperatureMinC).toBeCloseTo(Number(min), 4);
      expect(day!.temperatureMaxC).toBeCloseTo(Number(max), 4);
      expect(day!.precipitationMm).toBeCloseTo(Number(precipitation), 4);
      expect(day!.windSpeedMeanMs).toBeCloseTo(Number(wind), 4);
      expect(day!.condition).toBe(weather === 'sun' ? 'clear' : weather);
      expect(await countRows(tx, 'daily_summaries')).toBe(1461);
      // And every other day as the file has it (stored as real: compared to 4 places).
      const file = readFileSync(SEATTLE_CSV, 'utf8').trim().split('\n').slice(1);
      const stored = await dailySummariesBetween(tx, seattle.id, '2012-01-01', '2015-12-31');
      const asFile = stored.map((d) =>
        [
          d.date,
          d.precipitationMm,
          d.temperatureMaxC,
          d.temperatureMinC,
          d.windSpeedMeanMs,
          d.condition === 'clear' ? 'sun' : d.condition,
        ]
          .map((v) => (typeof v === 'number' ? Number(v.toFixed(4)) : v))
          .join(','),
      );
      const fileRows = file.map((l) =>
        l
          .split(',')
          .map((v, i) => (i === 0 || i === 5 ? v : Number(v)))
          .join(','),
      );
      expect(asFile).toEqual(fileRows);

      const again = await run(tx, SEATTLE_ARGS);
      expect(again.counts).toEqual({
        read: 1461,
        inserted: 0,
        replaced: 0,
        unchanged: 1461,
        rejected: 0,
      });
    }),
  );
});
