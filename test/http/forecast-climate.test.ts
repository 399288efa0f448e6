import { beforeAll, describe, expect, it } from 'vitest';
import type { DayClimateJson } from '../../src/documents/forecast-climate.ts';
import { applyWrite } from '../../src/ingest/write-path/apply-write.ts';
import { statement } from '../../src/store/index.ts';
import type { SentSummary } from '../../src/store/write/daily-rows.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useTestOrigin } from '../support/fixture.ts';
import { placeId, sentDays } from '../support/stats-data.ts';

const JSON_URI = '/GB/Manchester.json';
const RECORD_DATE = '11-24';

// The normal of a date as plain SQL takes it from the daily rows: other years' days at most 7
// days from the same month and day (late November: no window crosses New Year).
const normalSql = statement(
  'test_forecast_normal',
  `SELECT round(avg(temperature_max_c::float8)::numeric, 1)::float8 AS max,
          round(avg(temperature_min_c::float8)::numeric, 1)::float8 AS min
     FROM daily_summaries
    WHERE location_id = $1 AND source = 'archive' AND extract(year FROM date) <> $2
      AND abs(date - make_date(extract(year FROM date)::int, $3, $4)) <= 7`,
);

/**
 * Thirty Novembers of an archive (1 November to 10 December, 1996–2025), sent through the write
 * path as an import would. On 24 November, 2009 was hot and every later year cold, so a forecast
 * of an ordinary day is the warmest 24 November since 2009.
 */
function history(locationId: number): SentSummary[] {
  const rows: SentSummary[] = [];
  for (let year = 1996; year <= 2025; year++) {
    for (const row of sentDays(locationId, `${year}-11-01`, `${year}-12-10`)) {
      const hot = row.date.endsWith(RECORD_DATE) && year >= 2009;
      rows.push(
        hot
          ? {
              ...row,
              temperatureMaxC: year === 2009 ? 40 : -20,
              temperatureMinC: -30,
              temperatureMeanC: -25,
            }
          : row,
      );
    }
  }
  return rows;
}

describe.each(drivers)('the forecast in its climate on $name', (driver) => {
  const origin = useTestOrigin(driver);
  let manchester = 0;

  beforeAll(async () => {
    if (driver.skip) return;
    const { db } = origin().t;
    manchester = await placeId(db, 'GB/Manchester');
    await applyWrite(
      db,
      { daily: history(manchester) },
      { now: new Date(FIXTURE_NOW), reason: 'import' },
    );
  });

  it.skipIf(driver.skip)(
    'gives each forecast day its normal, as SQL takes it from the days',
    async () => {
      const doc = await origin().getJson(JSON_URI);
      const days = doc.forecast.days as {
        date: string;
        hours_covered: number;
        climate: DayClimateJson;
      }[];
      expect(days.length).toBeGreaterThan(5);
      for (const day of days) {
        const [year, month, date] = day.date.split('-').map(Number);
        const want = (await origin().t.db.one<{ max: number; min: number }>(normalSql, [
          manchester,
          year,
          month,
          date,
        ]))!;
        expect(day.climate.normal).toEqual({
          temperature_max: want.max,
          temperature_min: want.min,
        });
        expect([day.climate.years, day.climate.source]).toEqual([30, 'archive']);
        // A day the forecast covers whole is compared; today's rest is not.
        expect(day.climate.difference === null).toBe(day.hours_covered < 24);
      }
      const record = days.find((d) => d.date.endsWith(RECORD_DATE))!;
      expect(record.climate.note).toBe('warmest 24 November since 2009');
      expect(record.climate.record.temperature_max).toEqual({ value: 40, year: 2009 });
      expect(doc.current.climate.normal).toEqual(days[0]!.climate.normal);

      const imperial = await origin().getJson(`${JSON_URI}?units=imperial`);
      const fRecord = imperial.forecast.days.find((d: { date: string }) => d.date === record.date);
      expect(fRecord.climate.note).toBe('warmest 24 November since 2009');
      expect(fRecord.climate.record.temperature_max).toEqual({ value: 104, year: 2009 });
    },
  );

  it.skipIf(driver.skip)('says nothing of the climate where no history is held', async () => {
    const doc = await origin().getJson('/GB/Greenwich.json');
    expect(doc.forecast.days.length).toBeGreaterThan(5);
    expect(doc.forecast.days.some((d: object) => 'climate' in d)).toBe(false);
    expect(doc.current).not.toHaveProperty('climate');
    const page = await (await origin().get('/GB/Greenwich')).text();
    expect(page).not.toMatch(/normal/);
  });

  it.skipIf(driver.skip)(
    'shows the comparison on the place page and in its text view',
    async () => {
      const doc = await origin().getJson(JSON_URI);
      const page = await (await origin().get('/GB/Manchester')).text();
      expect(page).toContain('<strong>warmest 24 November since 2009</strong>');
      const whole = doc.forecast.days.filter(
        (d: { hours_covered: number }) => d.hours_covered >= 24,
      );
      const cards = page.match(/<span class="climate">[^<]*<\/span>/g) ?? [];
      expect(cards).toHaveLength(whole.length);
      const first = whole[0].climate.difference.temperature_max;
      expect(cards[0]).toMatch(
        Math.abs(first) < 0.5
          ? /a normal high/
          : new RegExp(`${Math.abs(first)}°C ${first > 0 ? 'above' : 'below'} normal`),
      );
      // The page escapes the apostrophe.
      expect(page).toMatch(/today&#39;s normal (high|low|range)/);
      const text = await (await origin().get('/GB/Manchester.txt')).text();
      expect(text).toMatch(/ · [^\n]*, warmest 24 November since 2009\n/);
      expect(text).toMatch(
        /\n {2}(.+ (above|below) today's normal (high|low) of |Within today's normal range)/,
      );
    },
  );
});
