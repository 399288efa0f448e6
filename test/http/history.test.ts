import { beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { writeObservedDay, writeSentDay } from '../support/day-data.ts';
import { json, useTestOrigin } from '../support/fixture.ts';

const HISTORY = '/v1/locations/GB/London/history';
/** A complete past day: a year in shared caches (a correction purges it), five minutes in browsers. */
const PAST_DAY = 'public, max-age=31536000, stale-while-revalidate=86400, stale-if-error=2592000';
const BROWSER = 'public, max-age=300';
const CATALOG = /^public, max-age=3600, /;
const dates = (doc: { days: { date: string }[] }) => doc.days.map((d) => d.date);

describe.each(drivers)('the history API on $name', (driver) => {
  const origin = useTestOrigin(driver);

  // The fixture's today is 2026-11-22, with demo data for its 10:00 hour.
  beforeAll(async () => {
    if (driver.skip) return;
    const { db } = origin().t;
    await writeSentDay(db, 'GB/London', '2026-11-10');
    await writeObservedDay(db, 'GB/London', '2026-11-15', { hours: 12 });
    await writeObservedDay(db, 'GB/London', '2026-11-18', { source: 'demo' });
    await writeObservedDay(db, 'GB/London', '2026-11-19', { source: 'demo' });
    await writeObservedDay(db, 'GB/London', '2026-11-19');
    await writeObservedDay(db, 'GB/London', '2026-11-20');
  });

  it.skipIf(driver.skip)('lists one preferred summary per day with data, up to today', async () => {
    const res = await origin().get(`${HISTORY}?from=2026-11-15&to=2026-11-22`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-tag')).toBe('place:GB/London,country:GB,isobar');
    // Its newest day is today: fresh until the next update, 45 minutes away.
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=2700, /);
    const doc = await json(res);
    expect(doc).toMatchObject({ from: '2026-11-15', to: '2026-11-22', limit: 31, next: null });
    expect(doc.location.path).toBe('/GB/London');
    expect(dates(doc)).toEqual([
      '2026-11-15',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-22',
    ]);
    expect(doc.notice).toMatch(/Demo data/);
    const [partial, demo, both, met] = doc.days;
    expect(partial).toMatchObject({ source: 'met', hours_covered: 12, complete: false });
    expect(demo).toMatchObject({ source: 'demo', other_sources: [], complete: true });
    expect(both).toMatchObject({ source: 'met', other_sources: ['demo'], hours_covered: 24 });
    expect(met).toMatchObject({
      temperature_min: 5,
      temperature_max: 16.5,
      precipitation: 2,
      condition: 'cloudy',
      link: '/GB/London/2026-11-20.json',
    });
  });

  it.skipIf(driver.skip)('caches a page of complete past days for a year', async () => {
    const res = await origin().get(`${HISTORY}?from=2026-11-19&to=2026-11-20`);
    expect(res.headers.get('cdn-cache-control')).toBe(PAST_DAY);
    expect(res.headers.get('cache-control')).toBe(BROWSER);
    expect(Date.parse(res.headers.get('last-modified')!)).toBeGreaterThan(0);
    expect(dates(await json(res))).toEqual(['2026-11-19', '2026-11-20']);
  });

  it.skipIf(driver.skip)(
    'never calls a page with a demo day settled: real data may replace it',
    async () => {
      const res = await origin().get(`${HISTORY}?from=2026-11-18&to=2026-11-20`);
      expect(res.headers.get('cache-control')).not.toMatch(/immutable/);
      const doc = await json(res);
      expect(dates(doc)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
      expect(doc.notice).toMatch(/Demo data/);
    },
  );

  it.skipIf(driver.skip)('pages by days, linking each page to the next', async () => {
    const first = await origin().get(`${HISTORY}?from=2026-11-10&limit=5&to=2026-11-22`);
    expect(first.status).toBe(200);
    // Days 11 to 14 have no data and ended long ago: the catalog's hour.
    expect(first.headers.get('cdn-cache-control')).toMatch(CATALOG);
    const one = await json(first);
    expect(dates(one)).toEqual(['2026-11-10']);
    expect(one.days[0]).toMatchObject({ source: 'archive', hours_covered: null, complete: true });
    expect(one.next).toBe(`${HISTORY}?from=2026-11-15&limit=5&to=2026-11-22`);
    const two = await origin().getJson(one.next);
    expect(dates(two)).toEqual(['2026-11-15', '2026-11-18', '2026-11-19']);
    expect(two.next).toBe(`${HISTORY}?from=2026-11-20&limit=5&to=2026-11-22`);
    const three = await origin().getJson(two.next);
    expect(dates(three)).toEqual(['2026-11-20', '2026-11-22']);
    expect(three.next).toBeNull();
  });

  it.skipIf(driver.skip)('answers a range without data with an empty list, not a 404', async () => {
    const res = await origin().get(`${HISTORY}?from=2025-01-01&to=2025-01-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cdn-cache-control')).toMatch(CATALOG);
    const doc = await json(res);
    expect(doc).toMatchObject({ days: [], next: null });
    expect(doc).not.toHaveProperty('notice');
  });

  it.skipIf(driver.skip)('converts to imperial units and keeps them in its links', async () => {
    const doc = await origin().getJson(
      `${HISTORY}?from=2026-11-20&limit=1&to=2026-11-21&units=imperial`,
    );
    expect(doc.units.temperature).toBe('°F');
    expect(doc.days[0]).toMatchObject({
      temperature_min: 41,
      link: '/GB/London/2026-11-20.json?units=imperial',
    });
    expect(doc.next).toBe(`${HISTORY}?from=2026-11-21&limit=1&to=2026-11-21&units=imperial`);
  });

  it.skipIf(driver.skip)('answers an unknown place with a briefly cached 404', async () => {
    const res = await origin().get(
      '/v1/locations/GB/Atlantis/history?from=2026-11-01&to=2026-11-30',
    );
    expect(res.status).toBe(404);
    expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
    expect((await json(res)).code).toBe('unknown-place');
  });

  it.skipIf(driver.skip).each([
    [`${HISTORY}?from=2026-11-01`, `${HISTORY}?from=2026-11-01&to=2026-12-01`],
    [`${HISTORY}?to=2026-11-30&from=2026-11-01`, `${HISTORY}?from=2026-11-01&to=2026-11-30`],
    [
      `${HISTORY}?from=2026-11-01&to=2026-11-30&limit=31`,
      `${HISTORY}?from=2026-11-01&to=2026-11-30`,
    ],
    [`${HISTORY}?from=2026-11-1&to=2026-11-3`, `${HISTORY}?from=2026-11-01&to=2026-11-03`],
    [
      `${HISTORY}?units=metric&from=2026-11-01&to=2026-11-30`,
      `${HISTORY}?from=2026-11-01&to=2026-11-30`,
    ],
    [
      '/v1/locations/uk/london/history?units=imperial&limit=7&from=2026-11-01',
      `${HISTORY}?from=2026-11-01&limit=7&to=2026-12-01&units=imperial`,
    ],
  ])('%s answers 301 to %s', async (path, canonical) => {
    const res = await origin().get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(canonical);
  });

  it.skipIf(driver.skip).each([
    [HISTORY, /"from" is required/],
    [`${HISTORY}?from=2026-02-30`, /query parameter "from" is not a day of the calendar/],
    [`${HISTORY}?from=yesterday`, /query parameter "from" must be a date written YYYY-MM-DD/],
    [`${HISTORY}?from=2026-11-10&to=2026-11-09`, /"to" must not come before "from"/],
    [`${HISTORY}?from=2025-01-01&to=2026-01-02`, /spans at most 366 days/],
    [`${HISTORY}?from=2026-11-01&limit=0`, /"limit" must be a whole number from 1 to 366/],
    [`${HISTORY}?from=2026-11-01&limit=367`, /"limit" must be a whole number from 1 to 366/],
    [`${HISTORY}?from=2026-11-01&page=2`, /unknown query parameter "page"/],
    ['/v1/locations/GB/London.json/history?from=2026-11-01', /history lives at/],
  ])('%s is a 400 naming the problem', async (path, detail) => {
    const res = await origin().get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await json(res)).detail).toMatch(detail);
  });

  it.skipIf(driver.skip)('accepts a leap year of days at most', async () => {
    const res = await origin().get(`${HISTORY}?from=2024-01-01&limit=366&to=2024-12-31`);
    expect(res.status).toBe(200);
    expect((await json(res)).next).toBeNull();
  });
});
