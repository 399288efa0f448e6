import { beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { writeObservedDay, writeSentDay } from '../support/day-data.ts';
import { json, useTestOrigin } from '../support/fixture.ts';
import { problemOf } from '../support/problem.ts';

/** A complete past day: a year in shared caches (a correction purges it), five minutes in browsers. */
const PAST_DAY = 'public, max-age=31536000, stale-while-revalidate=86400, stale-if-error=2592000';
const BROWSER = 'public, max-age=300';
// The fixture clock is 10:15 and the demo source publishes hourly: 45 minutes to its next update.
const WEATHER = 'public, max-age=2700, stale-while-revalidate=120, stale-if-error=86400';
const CATALOG = /^public, max-age=3600, /;

describe.each(drivers)('days of a place on $name', (driver) => {
  const origin = useTestOrigin(driver);

  // The fixture's today is 2026-11-22 (demo data for its 10:00 hour only).
  beforeAll(async () => {
    if (driver.skip) return;
    const { db } = origin().t;
    await writeObservedDay(db, 'GB/London', '2026-11-20');
    await writeObservedDay(db, 'GB/London', '2026-11-19');
    await writeObservedDay(db, 'GB/London', '2026-11-19', { source: 'demo' });
    await writeObservedDay(db, 'GB/London', '2026-11-18', { source: 'demo' });
    await writeObservedDay(db, 'GB/London', '2026-11-21', { hours: 10 });
    await writeObservedDay(db, 'GB/London', '2026-11-15', { hours: 12 });
    await writeSentDay(db, 'GB/London', '2026-11-10');
    // The clocks go back in the night of 2026-10-25: London gets all 25 hours, Manchester 24.
    expect(await writeObservedDay(db, 'GB/London', '2026-10-25')).toBe(25);
    await writeObservedDay(db, 'GB/Manchester', '2026-10-25', { hours: 24 });
  });

  it.skipIf(driver.skip)(
    'serves a complete past day for a year to shared caches and five minutes to browsers, with 24 hours in local time',
    async () => {
      const res = await origin().get('/GB/London/2026-11-20.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cdn-cache-control')).toBe(PAST_DAY);
      expect(res.headers.get('cache-control')).toBe(BROWSER);
      expect(res.headers.get('cache-tag')).toBe('place:GB/London,country:GB,isobar');
      expect(Date.parse(res.headers.get('last-modified')!)).toBeGreaterThan(0);
      const doc = await json(res);
      expect(doc).toMatchObject({ date: '2026-11-20', source: 'met', other_sources: [] });
      expect(doc).not.toHaveProperty('notice');
      expect(doc.location.path).toBe('/GB/London');
      expect(doc.summary).toEqual({
        condition: 'cloudy',
        temperature_min: 5,
        temperature_max: 16.5,
        temperature_mean: 10.8,
        precipitation: 2,
        wind_speed_mean: 18,
        wind_gust_max: 72,
        hours_covered: 24,
        complete: true,
      });
      expect(doc.observations).toHaveLength(24);
      expect(doc.observations[0]).toMatchObject({
        time: '2026-11-20T00:00:00.000Z',
        local_time: '2026-11-20T00:00+00:00',
        temperature: 5,
        condition: 'rain',
      });
      expect(doc.observations[23].local_time).toBe('2026-11-20T23:00+00:00');
      expect(doc.links).toEqual({
        html: '/GB/London/2026-11-20',
        json: '/GB/London/2026-11-20.json',
        txt: '/GB/London/2026-11-20.txt',
        previous_day: '/GB/London/2026-11-19',
        next_day: '/GB/London/2026-11-21',
      });
    },
  );

  it.skipIf(driver.skip)(
    'gives today the freshness of the weather, and says it is demo data',
    async () => {
      const res = await origin().get('/GB/London/2026-11-22.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('cdn-cache-control')).toBe(WEATHER);
      const doc = await json(res);
      expect(doc).toMatchObject({ source: 'demo', notice: expect.stringMatching(/Demo data/) });
      expect(doc.summary).toMatchObject({ hours_covered: 1, complete: false });
      expect(doc.observations.map((o: { time: string }) => o.time)).toEqual([
        '2026-11-22T10:00:00.000Z',
      ]);
    },
  );

  it.skipIf(driver.skip)(
    'keeps following a recent incomplete day, an older one for an hour',
    async () => {
      const recent = await origin().get('/GB/London/2026-11-21.json');
      expect(recent.headers.get('cdn-cache-control')).toBe(WEATHER);
      expect((await json(recent)).summary).toMatchObject({ hours_covered: 10, complete: false });
      const older = await origin().get('/GB/London/2026-11-15.json');
      expect(older.status).toBe(200);
      expect(older.headers.get('cdn-cache-control')).toMatch(CATALOG);
      expect((await json(older)).summary.complete).toBe(false);
    },
  );

  it.skipIf(driver.skip)(
    'links the nearest days with data, never a day that would be a 404, and null past either end',
    async () => {
      // 2026-11-15 has days with data 5 days before (11-10) and 3 after (11-18), none between.
      const gap = await origin().getJson('/GB/London/2026-11-15.json');
      expect(gap.links).toMatchObject({
        previous_day: '/GB/London/2026-11-10',
        next_day: '/GB/London/2026-11-18',
      });
      for (const link of [gap.links.previous_day, gap.links.next_day]) {
        expect((await origin().get(`${link}.json`)).status).toBe(200);
      }
      // Manchester has 2026-10-25 and today's demo hour: nothing before the first.
      const first = await origin().getJson('/GB/Manchester/2026-10-25.json');
      expect(first.links).toMatchObject({
        previous_day: null,
        next_day: '/GB/Manchester/2026-11-22',
      });
      const today = await origin().getJson('/GB/Manchester/2026-11-22.json');
      expect(today.links).toMatchObject({
        previous_day: '/GB/Manchester/2026-10-25',
        next_day: null,
      });
    },
  );

  it.skipIf(driver.skip)(
    'prefers a measured source to the demo one, and names the other',
    async () => {
      const both = await origin().getJson('/GB/London/2026-11-19.json');
      expect(both).toMatchObject({ source: 'met', other_sources: ['demo'] });
      expect(both).not.toHaveProperty('notice');
      expect(both.observations).toHaveLength(24);
      const demoRes = await origin().get('/GB/London/2026-11-18.json');
      const demoOnly = await json(demoRes);
      expect(demoOnly).toMatchObject({
        source: 'demo',
        other_sources: [],
        notice: expect.any(String),
      });
      // Complete, but demo: real data may still replace it, so it is never immutable.
      expect(demoOnly.summary.complete).toBe(true);
      expect(demoRes.headers.get('cdn-cache-control')).toMatch(CATALOG);
    },
  );

  it.skipIf(driver.skip)('serves a day a source sent whole, without hours', async () => {
    const res = await origin().get('/GB/London/2026-11-10.json');
    expect(res.headers.get('cdn-cache-control')).toBe(PAST_DAY);
    expect(res.headers.get('cache-control')).toBe(BROWSER);
    const doc = await json(res);
    expect(doc).toMatchObject({ source: 'archive', observations: [] });
    expect(doc.summary).toMatchObject({ hours_covered: null, complete: true, temperature_max: 12 });
    expect(await (await origin().get('/GB/London/2026-11-10')).text()).toMatch(
      /sent the day whole/,
    );
  });

  it.skipIf(driver.skip)('counts the 25 hours of the day the clocks go back', async () => {
    const london = await origin().getJson('/GB/London/2026-10-25.json');
    expect(london.summary).toMatchObject({ hours_covered: 25, complete: true });
    const times = london.observations.map((o: { local_time: string }) => o.local_time);
    expect(times.slice(0, 4)).toEqual([
      '2026-10-25T00:00+01:00',
      '2026-10-25T01:00+01:00',
      '2026-10-25T01:00+00:00',
      '2026-10-25T02:00+00:00',
    ]);
    expect(times.at(-1)).toBe('2026-10-25T23:00+00:00');
    const text = await (await origin().get('/GB/London/2026-10-25.txt')).text();
    expect(text).toContain('01:00+01:00');
    expect(text).toContain('01:00+00:00');
    const manchester = await origin().get('/GB/Manchester/2026-10-25.json');
    expect(manchester.headers.get('cdn-cache-control')).toMatch(CATALOG);
    expect((await json(manchester)).summary).toMatchObject({ hours_covered: 24, complete: false });
  });

  it.skipIf(driver.skip)('answers a day without data with a briefly cached 404', async () => {
    const res = await origin().get('/GB/London/2026-11-01.json');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('cache-tag')).toBe('place:GB/London,country:GB,isobar');
    const body = await json(res);
    expect(body).toMatchObject({
      status: 404,
      code: 'no-data',
      instance: '/GB/London/2026-11-01.json',
    });
    expect(body.detail).toMatch(/no source has data for GB\/London on 2026-11-01/);
    expect(body).not.toHaveProperty('request_id');
    const unknown = await origin().get('/GB/Atlantis/2026-11-20');
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).code).toBe('unknown-place');
  });

  it.skipIf(driver.skip).each([
    ['/GB/London/2015-02-30', /there is no 2015-02-30/],
    ['/GB/London/2026-13-01.json', /there is no 2026-13-01/],
    ['/GB/London/15-6-1', /must be a date written YYYY-MM-DD/],
    ['/GB/London/2026-11-20.xml', /is not a representation of a day/],
    ['/GB/London/2026-11-20x', /must be a date written YYYY-MM-DD/],
    ['/GB/London.json/2026-11-20', /put the extension on the date/],
    ['/GB/London/2026-11-20.json?units=kelvin', /"units" must be one of/],
    ['/GB/London/2026-11-20?from=2026-11-01', /unknown query parameter "from"/],
  ])('%s is a 400 naming the problem', async (path, detail) => {
    const res = await origin().get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await problemOf(res)).detail).toMatch(detail);
  });

  it.skipIf(driver.skip).each([
    ['/gb/london/2026-11-20', '/GB/London/2026-11-20'],
    ['/UK/London/2026-11-20.JSON', '/GB/London/2026-11-20.json'],
    ['/GB/London/2026-11-20.html', '/GB/London/2026-11-20'],
    ['/GB/London.html/2026-11-20', '/GB/London/2026-11-20'],
    ['/GB/London/2026-11-20/', '/GB/London/2026-11-20'],
    ['/GB/London/2026-11-2', '/GB/London/2026-11-02'],
    ['/GB/London/2026-11-20?units=metric', '/GB/London/2026-11-20'],
    ['/gb/london/2026-11-20.txt?units=imperial', '/GB/London/2026-11-20.txt?units=imperial'],
    ['/DE/M%C3%BCnchen/2026-11-20.json', '/DE/Munchen/2026-11-20.json'],
    ['/gb/london/2026-11-01', '/GB/London/2026-11-01'],
  ])('%s answers 301 to %s', async (path, canonical) => {
    const res = await origin().get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(canonical);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=86400/);
  });

  it.skipIf(driver.skip)('serves an HTML page and a text view of the same day', async () => {
    const page = await origin().get('/GB/London/2026-11-19');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cdn-cache-control')).toBe(PAST_DAY);
    expect(page.headers.get('cache-control')).toBe(BROWSER);
    const html = await page.text();
    expect(html).toContain('<h1>London, Thursday, 19 November 2026</h1>');
    expect(html).toContain('source: met · also from: demo');
    expect(html).toContain('24 hourly observations, complete');
    expect(html).toContain('href="/GB/London/2026-11-18" rel="prev"');
    expect(html).toContain('href="/GB/London/2026-11-19.json"');
    expect(html).not.toContain('Demo data.');
    const text = await (await origin().get('/GB/London/2026-11-18.txt')).text();
    expect(text).toMatch(/^London, United Kingdom: Wednesday, 18 November 2026 \(Europe\/London\)/);
    expect(text).toContain('NOTE: Demo data');
    expect(text).toContain('Summary (source: demo)');
    expect(text).toMatch(/\n {2}00:00 {7}Rain {11}5°C/);
  });

  it.skipIf(driver.skip)('converts to imperial units from the same data', async () => {
    const doc = await origin().getJson('/GB/London/2026-11-20.json?units=imperial');
    expect(doc.units).toMatchObject({ system: 'imperial', temperature: '°F', wind: 'mph' });
    expect(doc.summary).toMatchObject({
      temperature_min: 41,
      temperature_max: 61.7,
      precipitation: 0.08,
    });
    expect(doc.observations[0].temperature).toBe(41);
    const page = await (await origin().get('/GB/London/2026-11-20?units=imperial')).text();
    expect(page).toContain('href="/GB/London/2026-11-19?units=imperial"');
  });
});
