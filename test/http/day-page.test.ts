import { beforeAll, describe, expect, it } from 'vitest';
import { statement } from '../../src/store/index.ts';
import { drivers } from '../support/databases.ts';
import { writeObservedDay, writeSentDay } from '../support/day-data.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { placeId, writeSentDays } from '../support/stats-data.ts';

// Numbers as the pages write them: a real minus sign, no trailing zeros.
const deg = (n: number) => `${n < 0 ? '−' : ''}${Math.abs(n)}°C`;
const STATS = '/v1/locations/GB/Manchester/stats';

// The normal for 20 November as plain SQL takes it: other years' days at most 7 days from it.
const normalSql = statement(
  'test_day_normal',
  `SELECT round(avg(temperature_max_c::float8)::numeric, 1)::float8 AS max,
          round(avg(temperature_min_c::float8)::numeric, 1)::float8 AS min,
          count(DISTINCT extract(year FROM date))::int AS years
     FROM daily_summaries
    WHERE location_id = $1 AND source = 'archive' AND extract(year FROM date) <> 2026
      AND abs(date - make_date(extract(year FROM date)::int, 11, 20)) <= 7`,
);
const highestSql = statement(
  'test_day_highest',
  `SELECT extract(year FROM date)::int AS year, temperature_max_c AS max FROM daily_summaries
    WHERE location_id = $1 AND source = 'archive' AND to_char(date, 'MM-DD') = '11-20'
    ORDER BY temperature_max_c DESC, date LIMIT 1`,
);

describe.each(drivers)('the day page on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const test = it.skipIf(driver.skip);

  // Manchester has eleven Novembers of history (an archive's days) and one observed day this year;
  // London has no history beyond a few days. The fixture's today is 2026-11-22, 10:15 in London.
  beforeAll(async () => {
    if (driver.skip) return;
    const { db } = origin().t;
    for (let year = 2015; year <= 2025; year++)
      await writeSentDays(db, 'GB/Manchester', `${year}-11-01`, `${year}-11-30`);
    await writeObservedDay(db, 'GB/Manchester', '2026-11-20');
    await writeObservedDay(db, 'GB/London', '2026-11-20');
    await writeSentDay(db, 'GB/London', '2026-11-12', {
      temperatureMeanC: null,
      windSpeedMeanMs: null,
      windGustMaxMs: null,
      precipitationMm: null,
    });
  });
  const page = async (path: string) => {
    const res = await origin().get(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  test('draws a past day’s observed hours with the place page’s chart, all observed', async () => {
    const html = await page('/GB/London/2026-11-20');
    expect(html).toContain('<svg class="meteogram"');
    expect(html).toContain('<title id="mg-title">The day hour by hour, as observed:');
    expect(html).toMatch(
      /<desc id="mg-desc">24 hours from 00:00 local time: temperature from 5 to 16\.5 °C/,
    );
    expect(html).not.toContain('class="forecast-band"');
    expect(html).toContain('<h2>The day hour by hour</h2>');
  });

  test('draws today observed until now and forecast for the rest of the day', async () => {
    const html = await page('/GB/London/2026-11-22');
    expect(html).toContain('<title id="mg-title">The day hour by hour, observed then forecast:');
    // The demo observed 10:00; the forecast runs from 11:00 to the day's last hour, 23:00.
    expect(html).toMatch(
      /<desc id="mg-desc">14 hours from 10:00 local time \(forecast from 11:00\)/,
    );
    expect(html).toContain('<rect class="forecast-band"');
    // London is dark from about 16:00 in November: those hours are shaded as on the place page.
    expect(html).toContain('<rect class="night"');
    expect(html).toContain('the band marked “forecast”: the forecast for the rest of the day');
    // One hour in: one temperature, said once, not as a range from a value to itself.
    const t = (await origin().getJson('/GB/London/2026-11-22.json')).summary.temperature_max;
    expect(html).toContain(`<div class="now">${deg(t)}</div>`);
  });

  test('shows the normal for the date and the records where the place has history', async () => {
    const html = await page('/GB/Manchester/2026-11-20');
    const { db } = origin().t;
    const id = await placeId(db, 'GB/Manchester');
    const normal = (await db.one<{ max: number; min: number; years: number }>(normalSql, [id]))!;
    expect(html).toContain('<h2>Normal for 20 November</h2>');
    expect(html).toContain(`<p>Typical high ${deg(normal.max)}, low ${deg(normal.min)}.</p>`);
    expect(html).toContain(
      `Over ${normal.years} years held within 7 days of 20 November (source: archive).`,
    );
    const hi = (await origin().getJson('/GB/Manchester/2026-11-20.json')).summary.temperature_max;
    const d = Math.round((hi - normal.max) * 10) / 10;
    const words =
      Math.abs(d) < 0.5
        ? 'a normal high'
        : `${deg(Math.abs(d))} ${d > 0 ? 'above' : 'below'} normal`;
    expect(html).toContain(`<p>This day's high, ${deg(hi)}, ${words}; its low`);
    const [top] = await db.all<{ year: number; max: number }>(highestSql, [id]);
    expect(html).toContain(
      `<li>Highest: ${deg(top!.max)} in <a href="/GB/Manchester/${top!.year}-11-20">${top!.year}</a></li>`,
    );
    const records = await origin().getJson(`${STATS}/records?limit=1`);
    const hottest = records.hottest[0];
    expect(html).toContain(
      `Hottest: ${deg(hottest.value)} on <a href="/GB/Manchester/${hottest.date}">`,
    );
    // Every record links to a day that has a page.
    const linked = [...html.matchAll(/<li>\w+: [^<]+ (?:on|in) <a href="([^"]+)">/g)].map(
      (m) => m[1]!,
    );
    expect(linked).toHaveLength(5);
    for (const path of linked) expect((await origin().get(path)).status, path).toBe(200);

    const text = await page('/GB/Manchester/2026-11-20.txt');
    expect(text).toContain(
      `Normal for 20 November\n  Typical high ${deg(normal.max)}, low ${deg(normal.min)}\n`,
    );
    expect(text).toContain(`  Highest for 20 November: ${deg(top!.max)} in ${top!.year}\n`);
    expect(text).toContain(`Records held\n  Hottest: ${deg(hottest.value)} on `);
  });

  test('shows no normal and no records where the place has no history', async () => {
    const html = await page('/GB/London/2026-11-20');
    expect(html).not.toContain('Normal for');
    expect(html).not.toContain('Records held');
    const text = await page('/GB/London/2026-11-20.txt');
    expect(text).not.toContain('Normal for');
    expect(text).not.toContain('Records held');
  });

  test('leaves out the values a source did not give, instead of dashes', async () => {
    const html = await page('/GB/London/2026-11-12');
    const summary = html.slice(
      html.indexOf('aria-label="Summary of the day"'),
      html.indexOf('</section>'),
    );
    expect(summary).toContain('2°C – 12°C');
    expect(summary).toContain('<p>Clear</p>');
    for (const gone of ['mean', 'gusts', 'wind', 'precipitation', '–<', '– ·']) {
      expect(summary, gone).not.toContain(gone);
    }
    expect(html).not.toContain('<svg class="meteogram"');
  });

  test('says a day in text with only the values its source gave', async () => {
    const full = await (await origin().get('/GB/London/2026-11-20.txt')).text();
    expect(full).toContain(
      '  Cloudy, 5°C to 16.5°C (mean 10.8°C)\n  Precipitation 2 mm, wind 18 km/h (gusts to 72 km/h)\n',
    );
    const sparse = await (await origin().get('/GB/London/2026-11-12.txt')).text();
    expect(sparse).toContain('Summary (source: archive)\n  Clear, 2°C to 12°C\n  sent whole');
    expect(sparse).not.toContain('–');
  });
});
