import { beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../../../test/support/databases.ts';
import { useTestOrigin } from '../../../test/support/fixture.ts';
import { placeId, writeSentDays } from '../../../test/support/stats-data.ts';
import { statement } from '../index.ts';
import { findDateClimateSums, findDateClimates } from './date-climate.ts';

// Written independently of the store's statement: a date's window in each other year is the
// days at most 7 days from that year's same month and day (dates far from New Year only).
const windowSql = statement(
  'test_date_window',
  `SELECT avg(temperature_max_c::float8) AS max, avg(temperature_min_c::float8) AS min,
          avg(temperature_mean_c::float8) AS mean,
          count(DISTINCT extract(year FROM date))::int AS years
     FROM daily_summaries
    WHERE location_id = $1 AND source = 'archive' AND extract(year FROM date) <> $2
      AND abs(date - make_date(extract(year FROM date)::int, $3, $4)) <= 7`,
);
const sameDateSql = statement(
  'test_same_date',
  `SELECT extract(year FROM date)::int AS year, temperature_max_c AS max, temperature_min_c AS min
     FROM daily_summaries
    WHERE location_id = $1 AND source = 'archive' AND extract(year FROM date) <> $2
      AND extract(month FROM date) = $3 AND extract(day FROM date) = $4
    ORDER BY 1`,
);

describe.each(drivers)('the climate of a date on $name', (driver) => {
  const origin = useTestOrigin(driver);

  // Manchester: 1 November to 10 December of 30 years (1996–2025), so a late-November date has
  // a full window in each; Greenwich: the same days of six years only, too few for a normal.
  beforeAll(async () => {
    if (driver.skip) return;
    const { db } = origin().t;
    for (let year = 1996; year <= 2025; year++) {
      await writeSentDays(db, 'GB/Manchester', `${year}-11-01`, `${year}-12-10`);
      if (year >= 2020) await writeSentDays(db, 'GB/Greenwich', `${year}-11-01`, `${year}-12-10`);
    }
  });

  it.skipIf(driver.skip)('is what plain SQL computes from the same daily rows', async () => {
    const { db } = origin().t;
    const manchester = await placeId(db, 'GB/Manchester');
    const dates = ['2026-11-22', '2026-11-23', '2026-11-27', '2026-12-01'];
    const sums = await findDateClimateSums(
      db,
      dates.map((date) => ({ locationId: manchester, date })),
    );
    expect(sums.map((s) => s.date).sort()).toEqual(dates);
    for (const s of sums) {
      const [year, month, day] = s.date.split('-').map(Number) as [number, number, number];
      const want = (await db.one<Record<string, number>>(windowSql, [
        manchester,
        year,
        month,
        day,
      ]))!;
      expect(s.source).toBe('archive');
      expect(s.maxMean).toBeCloseTo(Number(want.max), 6);
      expect(s.minMean).toBeCloseTo(Number(want.min), 6);
      expect(s.meanMean).toBeCloseTo(Number(want.mean), 6);
      expect([s.maxYears, s.minYears]).toEqual([want.years, want.years]);
      expect(want.years).toBe(30);
      const same = await db.all<{ year: number; max: number; min: number }>(sameDateSql, [
        manchester,
        year,
        month,
        day,
      ]);
      expect(s.years).toEqual(same);
    }
    const [climate] = (
      await findDateClimates(db, [{ locationId: manchester, date: dates[0]! }])
    ).get(manchester)!;
    const same = await db.all<{ year: number; max: number; min: number }>(sameDateSql, [
      manchester,
      2026,
      11,
      22,
    ]);
    const hottest = Math.max(...same.map((y) => y.max));
    expect(climate!.record.max).toEqual({
      value: hottest,
      year: same.find((y) => y.max === hottest)!.year,
    });
    expect(climate!.years).toBe(30);
  });

  it.skipIf(driver.skip)('is absent where the history is too short or missing', async () => {
    const { db } = origin().t;
    const greenwich = await placeId(db, 'GB/Greenwich');
    const manchester = await placeId(db, 'GB/Manchester');
    const paris = await placeId(db, 'FR/Paris');
    const found = await findDateClimates(db, [
      { locationId: greenwich, date: '2026-11-22' },
      { locationId: paris, date: '2026-11-22' },
      // Manchester holds no July: a date with no window has no normal either.
      { locationId: manchester, date: '2026-07-10' },
      { locationId: manchester, date: '2026-11-25' },
    ]);
    expect([...found.keys()]).toEqual([manchester]);
    expect(found.get(manchester)!.map((c) => c.date)).toEqual(['2026-11-25']);
    // Greenwich has six years of days: the statement reads its rollups, never its days.
    expect(await findDateClimateSums(db, [{ locationId: greenwich, date: '2026-11-22' }])).toEqual(
      [],
    );
  });
});
