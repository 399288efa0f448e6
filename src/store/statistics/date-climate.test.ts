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

// The same for any date: each other year's window is the days at most 7 from that year's date,
// 29 February being 28 February in a year without one.
const anyWindowSql = statement(
  'test_any_date_window',
  `WITH t AS (
     SELECT y, CASE WHEN $3 = 2 AND $4 = 29 AND NOT (y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0))
                    THEN make_date(y, 2, 28) ELSE make_date(y, $3, $4) END AS day
       FROM generate_series(1990, 2035) y WHERE y <> $2
   )
   SELECT avg(d.temperature_max_c::float8) AS max, count(DISTINCT t.y)::int AS years,
          (SELECT json_agg(d2.temperature_max_c ORDER BY d2.date) FROM daily_summaries d2 JOIN t t2
             ON d2.date = t2.day WHERE d2.location_id = $1 AND d2.source = 'archive') AS "sameDay"
     FROM t JOIN daily_summaries d ON d.date BETWEEN t.day - 7 AND t.day + 7
    WHERE d.location_id = $1 AND d.source = 'archive'`,
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
    // Paris: twelve New Years and twelve late Februaries (three of them leap).
    for (let year = 2013; year <= 2024; year++) {
      await writeSentDays(db, 'FR/Paris', `${year}-12-20`, `${year + 1}-01-12`);
      await writeSentDays(db, 'FR/Paris', `${year}-02-15`, `${year}-03-15`);
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

  it.skipIf(driver.skip)(
    'counts a window across New Year as one year, and 29 February as 28 February elsewhere',
    async () => {
      const { db } = origin().t;
      const paris = await placeId(db, 'FR/Paris');
      for (const date of ['2026-01-01', '2025-12-31', '2028-02-29', '2026-03-01']) {
        const [year, month, day] = date.split('-').map(Number) as [number, number, number];
        const [sums] = await findDateClimateSums(db, [{ locationId: paris, date }]);
        const want = (await db.one<{ max: number; years: number; sameDay: number[] | string }>(
          anyWindowSql,
          [paris, year, month, day],
        ))!;
        const sameDay = typeof want.sameDay === 'string' ? JSON.parse(want.sameDay) : want.sameDay;
        expect(sums!.maxMean, date).toBeCloseTo(Number(want.max), 6);
        expect(sums!.maxYears, date).toBe(want.years);
        expect(
          sums!.years.map((y) => y.max),
          date,
        ).toEqual(sameDay);
      }
    },
  );

  it.skipIf(driver.skip)('is absent where the history is too short or missing', async () => {
    const { db } = origin().t;
    const greenwich = await placeId(db, 'GB/Greenwich');
    const manchester = await placeId(db, 'GB/Manchester');
    const munich = await placeId(db, 'DE/Munchen');
    const found = await findDateClimates(db, [
      { locationId: greenwich, date: '2026-11-22' },
      { locationId: munich, date: '2026-11-22' },
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
