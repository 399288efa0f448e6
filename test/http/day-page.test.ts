import { beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { writeObservedDay, writeSentDay } from '../support/day-data.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { writeSentDays } from '../support/stats-data.ts';

// Numbers as the pages write them: a real minus sign, no trailing zeros.
const deg = (n: number) => `${n < 0 ? '−' : ''}${Math.abs(n)}°C`;
const STATS = '/v1/locations/GB/Manchester/stats';

describe.each(drivers)('the day page on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const test = it.skipIf(driver.skip);

  // Manchester has a November of history (an archive's days) and one observed day this year;
  // London has no history beyond a few days. The fixture's today is 2026-11-22, 10:15 in London.
  beforeAll(async () => {
    if (driver.skip) return;
    const { db } = origin().t;
    await writeSentDays(db, 'GB/Manchester', '2025-11-01', '2025-11-30');
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

  test('shows the normal of the month and the records where the place has history', async () => {
    const html = await page('/GB/Manchester/2026-11-20');
    const month = (await origin().getJson(`${STATS}/climatology`)).months[10];
    expect(html).toContain('<h2>Normal for November</h2>');
    expect(html).toContain(
      `Mean ${deg(month.temperature_mean)}, usually between ${deg(month.temperature_p10)} and ${deg(month.temperature_p90)}`,
    );
    expect(html).toContain(`typical high ${deg(month.temperature_max_mean)}`);
    expect(html).toContain(`Over 30 days of November in 1 year (source: archive)`);
    const anomaly = await origin().getJson(`${STATS}/anomaly?date=2026-11-20`);
    const words = anomaly.difference > 0 ? 'warmer' : 'colder';
    expect(html).toContain(`, was ${deg(Math.abs(anomaly.difference))} ${words} than normal`);
    const records = await origin().getJson(`${STATS}/records?limit=1`);
    const hottest = records.hottest[0];
    expect(html).toContain(
      `Hottest: ${deg(hottest.value)} on <a href="/GB/Manchester/${hottest.date}">`,
    );
    // Every record links to a day that has a page.
    const linked = [...html.matchAll(/<li>\w+: [^<]+ on <a href="([^"]+)">/g)].map((m) => m[1]!);
    expect(linked).toHaveLength(3);
    for (const path of linked) expect((await origin().get(path)).status, path).toBe(200);
  });

  test('shows no normal and no records where the place has no history', async () => {
    const html = await page('/GB/London/2026-11-20');
    expect(html).not.toContain('Normal for');
    expect(html).not.toContain('Records held');
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
