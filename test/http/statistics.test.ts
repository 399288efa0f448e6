import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/contract/durations.ts';
import { statement } from '../../src/store/index.ts';
import { deriveDailySummaries } from '../../src/store/write/daily-rows.ts';
import { upsertObservations } from '../../src/store/write/weather-rows.ts';
import { drivers } from '../support/databases.ts';
import { plainHour } from '../support/day-data.ts';
import { json, useTestOrigin } from '../support/fixture.ts';
import { placeId, rollupMismatchCount, writeSentDays } from '../support/stats-data.ts';

const STATS = '/v1/locations/GB/Manchester/stats';
/** A complete past day: a year in shared caches (a correction purges it), five minutes in browsers. */
const PAST_DAY = 'public, max-age=31536000, stale-while-revalidate=86400, stale-if-error=2592000';
const BROWSER = 'public, max-age=300';
/** Shown values are rounded to tenths: within half a tenth of the exact value. */
const near = (shown: number | null, exact: number | null) => {
  expect(shown).not.toBeNull();
  expect(Math.abs(shown! - Number(exact))).toBeLessThanOrEqual(0.0501);
};

// Computed straight from the daily rows, independently of the rollups and the API's code.
const monthSql = statement(
  'test_month_stats',
  `SELECT count(*)::int AS days, count(DISTINCT extract(year FROM date))::int AS years,
          avg(temperature_mean_c) AS mean, stddev_samp(temperature_mean_c) AS sd,
          percentile_cont(0.1) WITHIN GROUP (ORDER BY temperature_mean_c) AS p10,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY temperature_mean_c) AS p50,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY temperature_mean_c) AS p90,
          avg(temperature_min_c) AS lo, avg(temperature_max_c) AS hi, avg(precipitation_mm) AS rain
     FROM daily_summaries WHERE location_id = $1 AND source = $2 AND extract(month FROM date) = $3`,
);
type MonthRow = Record<
  'days' | 'years' | 'mean' | 'sd' | 'p10' | 'p50' | 'p90' | 'lo' | 'hi' | 'rain',
  number
>;
const daySql = statement(
  'test_day_mean',
  `SELECT temperature_mean_c AS mean FROM daily_summaries
    WHERE location_id = $1 AND source = $2 AND date = $3::date`,
);
const topSql = statement(
  'test_top_hottest',
  `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM daily_summaries
    WHERE location_id = $1 AND source = 'archive' ORDER BY temperature_max_c DESC, date LIMIT 3`,
);
const rankSql = statement(
  'test_rank_values',
  `SELECT l.slug, avg(d.temperature_mean_c) AS mean, sum(d.precipitation_mm) AS rain,
          count(*)::int AS days
     FROM daily_summaries d JOIN locations l ON l.id = d.location_id
    WHERE l.country_code = 'GB' AND d.source = 'archive' AND d.date BETWEEN $1::date AND $2::date
    GROUP BY l.slug`,
);

describe.each(drivers)('statistics on $name', (driver) => {
  const origin = useTestOrigin(driver);
  let manchester = 0;

  // The fixture's today is 2026-11-22 (demo data for its 10:00 hour). Manchester: an archive
  // with two Februaries (2024 has a Feb 29), January and early March 2024. Greenwich: a few days.
  // Paris: one day. Nelson (UTC+13 in November): two hourly observations either side of midnight.
  beforeAll(async () => {
    if (driver.skip) return;
    const { db } = origin().t;
    await writeSentDays(db, 'GB/Manchester', '2024-01-20', '2024-03-05');
    await writeSentDays(db, 'GB/Manchester', '2025-02-01', '2025-02-12');
    await writeSentDays(db, 'GB/Greenwich', '2024-02-20', '2024-03-02');
    await writeSentDays(db, 'FR/Paris', '2025-06-15', '2025-06-15');
    manchester = await placeId(db, 'GB/Manchester');
    const nelson = await placeId(db, 'NZ/Nelson');
    // 2026-11-09T10:30Z is 23:30 on the 9th in Nelson; 12:30Z is 01:30 on the 10th.
    const rows = [10.5, 12.5].map((h, i) => ({
      ...plainHour(0),
      temperatureC: i === 0 ? 10 : 20,
      locationId: nelson,
      source: 'met',
      observedAt: new Date(Date.parse('2026-11-09T00:00:00Z') + h * HOUR_MS),
      nextUpdateAt: new Date(Date.parse('2026-11-09T14:00:00Z')),
    }));
    await db.transaction(async (tx) => {
      await upsertObservations(tx, rows);
      await deriveDailySummaries(tx, rows);
    });
  });

  it.skipIf(driver.skip)(
    'keeps the monthly rollups equal to the sums of the daily rows',
    async () => {
      expect(await rollupMismatchCount(origin().t.db)).toBe(0);
    },
  );

  it.skipIf(driver.skip)(
    'gives each month of the climatology as SQL computes it from the days',
    async () => {
      const doc = await origin().getJson(`${STATS}/climatology`);
      expect(doc.source).toBe('archive'); // a measured source before the fixture's demo hour
      expect(doc.months).toHaveLength(12);
      expect([doc.first_date, doc.last_date]).toEqual(['2024-01-20', '2025-02-12']);
      for (const month of [1, 2, 3]) {
        const want = (await origin().t.db.one<MonthRow>(monthSql, [manchester, 'archive', month]))!;
        const got = doc.months[month - 1];
        expect([got.days, got.years]).toEqual([want.days, want.years]);
        near(got.temperature_mean, want.mean);
        near(got.temperature_sd, want.sd);
        near(got.temperature_p10, want.p10);
        near(got.temperature_p50, want.p50);
        near(got.temperature_p90, want.p90);
        near(got.temperature_min_mean, want.lo);
        near(got.temperature_max_mean, want.hi);
        near(got.precipitation_daily_mean, want.rain);
        // The mean daily total over the month's mean length: February counts 28.25 days.
        near(got.precipitation_monthly_mean, want.rain * [31, 28.25, 31][month - 1]!);
      }
      // Feb 29 counts in February: 29 days of 2024 and 12 of 2025.
      expect(doc.months[1]).toMatchObject({ days: 41, years: 2 });
      expect(doc.months[5]).toMatchObject({ days: 0, years: 0, temperature_mean: null });
    },
  );

  it.skipIf(driver.skip)(
    'converts to imperial: temperatures with the offset, spreads without',
    async () => {
      const [metric, imperial] = await Promise.all([
        origin().getJson(`${STATS}/climatology`),
        origin().getJson(`${STATS}/climatology?units=imperial`),
      ]);
      const [m, i] = [metric.months[1], imperial.months[1]];
      expect(imperial.units.temperature).toBe('°F');
      expect(Math.abs(i.temperature_mean - (m.temperature_mean * 1.8 + 32))).toBeLessThan(0.2);
      expect(Math.abs(i.temperature_sd - m.temperature_sd * 1.8)).toBeLessThan(0.2);
    },
  );

  it.skipIf(driver.skip)("measures a leap day against February's normal", async () => {
    const { db } = origin().t;
    const want = (await db.one<MonthRow>(monthSql, [manchester, 'archive', 2]))!;
    const day = (await db.one<{ mean: number }>(daySql, [manchester, 'archive', '2024-02-29']))!;
    const doc = await origin().getJson(`${STATS}/anomaly?date=2024-02-29`);
    expect(doc).toMatchObject({ date: '2024-02-29', source: 'archive', reason: null });
    expect(doc.normal).toMatchObject({ source: 'archive', month: 2, days: 41, years: 2 });
    near(doc.temperature_mean, day.mean);
    near(doc.difference, day.mean - want.mean);
    expect(Math.abs(doc.z_score - (day.mean - want.mean) / want.sd)).toBeLessThan(0.006);
  });

  it.skipIf(driver.skip)('gives no normal for a place with one day, and says why', async () => {
    const base = '/v1/locations/FR/Paris/stats';
    const clim = await origin().getJson(`${base}/climatology`);
    expect(clim.months[5]).toMatchObject({ days: 1, years: 1, temperature_sd: null });
    expect(clim.months[5].temperature_p10).toBe(clim.months[5].temperature_mean);
    const anomaly = await origin().getJson(`${base}/anomaly?date=2025-06-15`);
    expect(anomaly).toMatchObject({ normal: null, difference: null, z_score: null });
    expect(anomaly.reason.code).toBe('too-few-days');
    const none = await origin().getJson(`${base}/anomaly?date=2025-06-16`);
    expect(none).toMatchObject({ source: null, temperature_mean: null });
    expect(none.reason.code).toBe('no-data');
    const records = await origin().getJson(`${base}/records`);
    expect(records).toMatchObject({ days: 1, first_date: '2025-06-15' });
    expect(records.hottest).toHaveLength(1);
  });

  it.skipIf(driver.skip)('lists the hottest days as SQL orders them', async () => {
    const want = await origin().t.db.column<string>(topSql, [manchester]);
    const doc = await origin().getJson(`${STATS}/records?limit=3`);
    expect(doc.hottest.map((d: { date: string }) => d.date)).toEqual(want);
    expect(doc.hottest[0].link).toBe(`/GB/Manchester/${want[0]}.json`);
    const lows = doc.coldest.map((d: { value: number }) => d.value);
    expect(lows).toEqual([...lows].sort((a, b) => a - b));
    expect(doc.wettest.every((d: { value: number }) => d.value > 0)).toBe(true);
  });

  it.skipIf(driver.skip)('gives every day of a period with its normal band', async () => {
    const res = await origin().get(`${STATS}/daily?from=2024-02-28&to=2024-03-06`);
    expect(res.headers.get('cdn-cache-control')).toBe(
      'public, max-age=3600, stale-while-revalidate=3600, stale-if-error=604800',
    );
    const doc = await json(res);
    expect(doc.days.map((d: { date: string }) => d.date)).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
      '2024-03-03',
      '2024-03-04',
      '2024-03-05',
      '2024-03-06',
    ]);
    const feb = (await origin().t.db.one<MonthRow>(monthSql, [manchester, 'archive', 2]))!;
    near(doc.days[1].normal.temperature_mean, feb.mean);
    near(doc.days[1].normal.temperature_p90, feb.p90);
    // Five days of March are held: too few for a normal.
    expect(doc.days[2].normal).toBeNull();
    expect(doc.days[7]).toMatchObject({ source: null, temperature_mean: null, complete: null });
    // Every day over, complete and measured: kept a year by shared caches.
    const full = await origin().get(`${STATS}/daily?from=2024-02-01&to=2024-02-29`);
    expect(full.headers.get('cdn-cache-control')).toBe(PAST_DAY);
    expect(full.headers.get('cache-control')).toBe(BROWSER);
    expect(full.headers.get('cache-tag')).toBe('place:GB/Manchester,country:GB,isobar');
  });

  it.skipIf(driver.skip)('answers an empty period with null days, never immutable', async () => {
    const res = await origin().get(`${STATS}/daily?from=2020-01-01&to=2020-01-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).not.toMatch(/immutable/);
    const doc = await json(res);
    expect(doc.days).toHaveLength(31);
    expect(doc.days.every((d: { source: null }) => d.source === null)).toBe(true);
    expect(doc.source).toBeNull();
  });

  it.skipIf(driver.skip)(
    "follows the data's freshness for a period that includes today",
    async () => {
      const res = await origin().get(
        '/v1/locations/GB/London/stats/daily?from=2026-11-20&to=2026-11-22',
      );
      // Demo data for the 10:00 hour, next update at 11:00, 45 minutes after the fixture's now.
      expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=2700, /);
      const doc = await json(res);
      expect(doc.days[2]).toMatchObject({ source: 'demo' });
      expect(doc.notice).toMatch(/Demo data/);
      const today = await origin().get('/v1/locations/GB/London/stats/anomaly?date=2026-11-22');
      expect(today.headers.get('cdn-cache-control')).toMatch(/^public, max-age=2700, /);
    },
  );

  it.skipIf(driver.skip)(
    "counts an hour after local midnight in the place's next day",
    async () => {
      const doc = await origin().getJson(
        '/v1/locations/NZ/Nelson/stats/daily?from=2026-11-09&to=2026-11-10',
      );
      const [ninth, tenth] = doc.days;
      expect(ninth).toMatchObject({ source: 'met', temperature_mean: 10 });
      expect(tenth).toMatchObject({ source: 'met', temperature_mean: 20 });
    },
  );

  it.skipIf(driver.skip)(
    'ranks over part of a month, whole months and part of another as SQL sums over the days',
    async () => {
      const [from, to] = ['2024-01-20', '2024-03-05'];
      const want = await origin().t.db.all<{ slug: string; rain: number; days: number }>(rankSql, [
        from,
        to,
      ]);
      const wet = [...want].sort((a, b) => b.rain - a.rain);
      const doc = await origin().getJson(`/v1/rankings/GB?from=${from}&stat=wettest&to=${to}`);
      expect(doc.places.map((p: { location: { slug: string } }) => p.location.slug)).toEqual(
        wet.map((w) => w.slug),
      );
      doc.places.forEach((p: { value: number; days: number }, i: number) => {
        near(p.value, wet[i]!.rain);
        expect(p.days).toBe(wet[i]!.days);
      });
    },
  );

  it.skipIf(driver.skip)('ranks places as SQL averages and sums their days, by pages', async () => {
    const from = '2024-02-25';
    const to = '2024-03-31';
    const want = await origin().t.db.all<{
      slug: string;
      mean: number;
      rain: number;
      days: number;
    }>(rankSql, [from, to]);
    const warm = [...want].sort((a, b) => b.mean - a.mean);
    const res = await origin().get(`/v1/rankings/GB?from=${from}&stat=warmest&to=${to}`);
    expect(res.headers.get('cache-tag')).toBe('ranking:GB,country:GB,isobar');
    const doc = await json(res);
    expect(doc).toMatchObject({ total: 2, period_days: 36, next: null });
    expect(doc.places.map((p: { location: { slug: string } }) => p.location.slug)).toEqual(
      warm.map((w) => w.slug),
    );
    doc.places.forEach((p: { value: number; days: number; rank: number }, i: number) => {
      near(p.value, warm[i]!.mean);
      expect([p.rank, p.days]).toEqual([i + 1, warm[i]!.days]);
    });
    const wet = await origin().getJson(
      `/v1/rankings/GB?from=${from}&limit=1&stat=wettest&to=${to}`,
    );
    const wettest = [...want].sort((a, b) => b.rain - a.rain)[0]!;
    expect(wet.places).toHaveLength(1);
    near(wet.places[0].value, wettest.rain);
    expect(wet.next).toBe(`/v1/rankings/GB?from=${from}&limit=1&page=2&stat=wettest&to=${to}`);
    const second = await origin().getJson(wet.next);
    expect(second.places[0].rank).toBe(2);
    expect(second.next).toBeNull();
    const cold = await origin().getJson(
      `/v1/rankings/GB?from=${from}&region=ENG&stat=coldest&to=${to}`,
    );
    expect(cold.places[0].location.slug).toBe(warm[1]!.slug);
  });

  it.skipIf(driver.skip)('sends other spellings to the canonical URI with a 301', async () => {
    const cases: [string, string][] = [
      [
        `${STATS}/daily?to=2024-02-29&from=2024-2-1`,
        `${STATS}/daily?from=2024-02-01&to=2024-02-29`,
      ],
      [`${STATS}/daily?from=2024-02-01`, `${STATS}/daily?from=2024-02-01&to=2024-03-02`],
      ['/v1/locations/gb/manchester/stats/climatology?units=metric', `${STATS}/climatology`],
      [`${STATS}/records?limit=5`, `${STATS}/records`],
      [
        `${STATS}/anomaly?units=imperial&date=2024-2-29`,
        `${STATS}/anomaly?date=2024-02-29&units=imperial`,
      ],
      [
        '/v1/rankings/uk/?stat=wettest&from=2024-7-1',
        '/v1/rankings/GB?from=2024-07-01&stat=wettest&to=2024-07-31',
      ],
    ];
    for (const [asked, canonical] of cases) {
      const res = await origin().get(asked);
      expect([asked, res.status, res.headers.get('location')]).toEqual([asked, 301, canonical]);
    }
  });

  it.skipIf(driver.skip)('refuses bad periods with a problem naming the parameter', async () => {
    const cases: [string, string][] = [
      [`${STATS}/daily?from=2024-03-01&to=2024-02-01`, 'to'],
      [`${STATS}/daily?from=2024-01-01&to=2025-01-01`, 'to'],
      [`${STATS}/daily?from=2024-02-30`, 'from'],
      [`${STATS}/daily?to=2024-02-01`, 'from'],
      [`${STATS}/anomaly`, 'date'],
      [`${STATS}/records?limit=0`, 'limit'],
      [`${STATS}/climatology?year=2024`, 'year'],
      ['/v1/rankings/GB?from=2024-01-01&stat=sunniest', 'stat'],
      ['/v1/rankings/GB?from=2024-01-01&stat=warmest&page=0', 'page'],
    ];
    for (const [path, parameter] of cases) {
      const res = await origin().get(path);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([
        path,
        400,
        'application/problem+json; charset=utf-8',
      ]);
      expect((await json(res)).parameter).toBe(parameter);
    }
  });

  it.skipIf(driver.skip)('answers an unknown place or country with a 404 problem', async () => {
    for (const what of [
      'daily?from=2024-01-01&to=2024-01-31',
      'climatology',
      'records',
      'anomaly?date=2024-01-01',
    ]) {
      const res = await origin().get(`/v1/locations/GB/Atlantis/stats/${what}`);
      expect(res.status).toBe(404);
      expect((await json(res)).code).toBe('unknown-place');
    }
    const res = await origin().get('/v1/rankings/ZZ?from=2024-01-01&stat=warmest&to=2024-01-31');
    expect(res.status).toBe(404);
    expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
  });
});
