import { beforeAll, describe, expect, it } from 'vitest';
import { num } from '../../src/dashboard/render/format.ts';
import { DAILY_ONLY, useDailyOnlyImport } from '../support/daily-only-data.ts';
import { writeDashboardHistory } from '../support/dashboard-data.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';

// The dashboard over daily-only data (NOAA: min, max and precipitation, no mean), imported
// through the write path: what it draws from the tables and what it says when there is nothing.
const driver = drivers[0]!;
const JUNE = '?from=2015-06-01&to=2015-06-30';
const COMPARE =
  '/dashboard/compare?from=2015-06-01&places=US%2FSeattle%2CUS%2FNew-York-City&to=2015-06-30';

const stateOf = (page: string) =>
  JSON.parse(
    /<script type="application\/json" id="dashboard-state">(.*?)<\/script>/s.exec(page)![1]!,
  );

describe('the dashboard with daily-only data', () => {
  const origin = useTestOrigin(driver);
  const importDailyOnly = useDailyOnlyImport();
  beforeAll(async () => {
    await importDailyOnly(origin().t.db);
    // Measured hourly history for GB/London and two others, for the contrast.
    await writeDashboardHistory(origin().app, origin().t.db);
  }, 120_000);
  const page = async (path: string) => {
    const res = await origin().get(path);
    expect(res.status).toBe(200);
    return res.text();
  };
  const api = (path: string) => origin().getJson(path);

  it('shows a US place in °F, with the mean of min and max marked where no mean was sent', async () => {
    const html = await page(`/dashboard/US/Seattle${JUNE}`);
    const daily = await api(`/v1/locations/US/Seattle/stats/daily${JUNE}&units=imperial`);
    expect(daily.units.temperature).toBe('°F');
    expect(stateOf(html).daily).toEqual(daily);
    expect(html).toContain('<th scope="col">Min °F</th>');
    for (const day of daily.days) {
      expect(day.temperature_mean).toBeNull();
      const mean = Math.round(((day.temperature_min + day.temperature_max) / 2) * 10) / 10;
      expect(html).toContain(
        `<th scope="row">${day.date}</th><td>${num(day.temperature_min)}</td><td class="derived" title="mean of min and max">${num(mean)}*</td>`,
      );
    }
    expect(html).toContain('* no mean was sent: the mean of min and max.');
    // Normals and percentiles stand on measured means: no column of dashes for them.
    expect(html).not.toContain('Normal °F');
    expect(html).not.toContain('<th scope="col">10th</th>');
  });

  it('shows each month’s average high and low, a mean of them, and precipitation', async () => {
    const html = await page(`/dashboard/US/Seattle${JUNE}`);
    const c = await api('/v1/locations/US/Seattle/stats/climatology?units=imperial');
    const june = c.months[5];
    expect(june.temperature_mean).toBeNull();
    expect(june.temperature_max_mean).toEqual(expect.any(Number));
    const mean =
      Math.round(((june.temperature_min_mean + june.temperature_max_mean) / 2) * 10) / 10;
    expect(html).toContain(
      `<th scope="row">Jun</th><td>${june.days}</td><td class="derived" title="mean of min and max">${num(mean)}*</td><td>${num(june.temperature_min_mean)}</td><td>${num(june.temperature_max_mean)}</td>`,
    );
    expect(html).toContain(`<td>${num(june.precipitation_monthly_mean)}</td></tr>`);
    expect(html).toContain('<th scope="col">Avg. high °F</th>');
  });

  it('keeps °C, normals and percentiles for a place with measured means outside the US', async () => {
    const html = await page('/dashboard/GB/London?from=2026-11-01&to=2026-11-10');
    expect(stateOf(html).daily.units.temperature).toBe('°C');
    expect(html).toContain('<th scope="col">Normal °C (10th–90th)</th>');
    expect(html).toContain('<th scope="col">10th</th>');
    expect(html).not.toContain('class="derived"');
  });

  it('says where the history is when the period holds none of it, and links there', async () => {
    const html = await page('/dashboard/US/Seattle');
    expect(html).toContain('id="no-days"');
    expect(html).not.toContain('id="daily-table"');
    expect(html).toContain(`Seattle has data from ${DAILY_ONLY.first} to ${DAILY_ONLY.last}`);
    const link = /<a href="([^"]+)">show its last days held<\/a>/
      .exec(html)![1]!
      .replace(/&amp;/g, '&');
    expect(link).toBe('/dashboard/US/Seattle?from=2015-12-02&to=2015-12-31');
    const shown = await page(link);
    expect((shown.match(/<tr><th scope="row">2015-12-/g) ?? []).length).toBe(30);
  });

  it('says "no history yet" with the commands to import or seed, not rows of dashes', async () => {
    // The fixture's least populous place has no weather at all.
    const html = await page('/dashboard/US/London-KY?from=2026-11-01&to=2026-11-10');
    expect(html).toContain('<strong>No history yet</strong> for London');
    expect(html).toContain('isobar import daily.csv --place US/London-KY --source my-station');
    expect(html).toContain('isobar seed --history 420d');
    expect(html).toContain('id="no-climatology"');
    expect(html).toContain('id="no-records"');
    expect(html).not.toContain('<td>—</td>');
    expect(html).not.toContain('id="daily-table"');
  });

  it('compares what it draws: the means of min and max, in °F, named as such', async () => {
    const html = await page(COMPARE);
    const state = stateOf(html);
    expect(
      state.series.map((s: { units: { temperature: string } }) => s.units.temperature),
    ).toEqual(['°F', '°F']);
    expect(html).toContain('Daily mean temperature, °F');
    const row = /<tr><th scope="row">2015-06-01<\/th>(.*?)<\/tr>/.exec(html)![1]!;
    const cells = [...row.matchAll(/<td class="derived"[^>]*>([^<]+)\*<\/td>/g)].map((m) => m[1]);
    const expected = state.series.map(
      (s: { days: { temperature_min: number; temperature_max: number }[] }) =>
        num(Math.round(((s.days[0]!.temperature_min + s.days[0]!.temperature_max) / 2) * 10) / 10),
    );
    expect(cells).toEqual(expected);
    // Days held counts days with any value, not days with a mean.
    expect(html).toMatch(/Seattle<\/a> <span class="muted">US<\/span><\/th><td>30<\/td>/);
  });

  it('compares in °C when not every place is in the US', async () => {
    const html = await page(
      '/dashboard/compare?from=2015-06-01&places=US%2FSeattle%2CGB%2FLondon&to=2015-06-30',
    );
    expect(html).toContain('Daily mean temperature, °C');
  });

  it('says so when no place has a day in the period', async () => {
    const html = await page(
      '/dashboard/compare?from=2010-01-01&places=US%2FSeattle%2CUS%2FNew-York-City&to=2010-01-31',
    );
    expect(html).toContain('<strong>No days held</strong> at Seattle, New York City');
    expect(html).not.toContain('id="compare-table"');
  });
});
