import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { json, useTestOrigin } from '../support/fixture.ts';
import { problemOf } from '../support/problem.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const symbolPaths = (page: string) => [
  ...new Set([...page.matchAll(/(\/assets\/yr-[0-9a-z]+\.[0-9a-f]{10}\.svg)/g)].map((m) => m[1]!)),
];

describe.each(drivers)('the place page on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const page = async (path: string) => {
    const res = await origin().get(path);
    expect(res.status).toBe(200);
    return res.text();
  };

  it.skipIf(driver.skip)(
    'leads with the current conditions, the sun, the days and a chart',
    async () => {
      const html = await page('/GB/London');
      expect(html).toContain('<section class="current" aria-label="Current conditions">');
      expect(html).toMatch(/<div class="now">-?\d+(\.\d)?°C<\/div>/);
      // The fixture's day is 2026-11-22 in London: sunrise 07:31, sunset 16:04.
      expect(html).toMatch(/<dt>Sunrise<\/dt><dd>07:3\d<\/dd>/);
      expect(html).toMatch(/<dt>Sunset<\/dt><dd>16:0\d<\/dd>/);
      expect(html).toMatch(/<dt>Day length<\/dt><dd>8 h 3\d min<\/dd>/);
      expect(html).toContain('<h2>Coming days</h2>');
      // The demo forecast reaches ten days: a card for every local day, and only today's (which
      // has observations, so a page) links to its day page.
      const cards = [...html.matchAll(/<li data-date="([\d-]+)"><strong>(.*?)<\/strong>/g)];
      expect(cards.length).toBeGreaterThanOrEqual(9);
      expect(cards.map((c) => c[1])).toContain('2026-12-01');
      expect(cards[0]![2]).toBe('<a href="/GB/London/2026-11-22">Sun 22 Nov</a>');
      expect(cards.slice(1).filter((c) => c[2]!.includes('<a'))).toEqual([]);
      expect((await origin().get('/GB/London/2026-11-22')).status).toBe(200);
      expect((await origin().get(`/GB/London/${cards[1]![1]}`)).status).toBe(404);
      expect(html).toContain('<svg class="meteogram"');
      expect(html).toContain('<title id="mg-title">');
      expect(html).toMatch(/<desc id="mg-desc">\d+ hours from 11:00 local time: temperature from/);
      expect(html).toContain('<details class="hourly"><summary>Hour by hour (table)</summary>');
    },
  );

  it.skipIf(driver.skip)(
    'speaks in words: region, country and zone, the part of a day a card covers',
    async () => {
      const html = await page('/GB/London');
      expect(html).toContain(
        '<p class="muted subtitle">England, United Kingdom · local time: Greenwich Mean Time (UTC+0)</p>',
      );
      expect(html).not.toContain('Europe/London');
      expect(html).not.toMatch(/51\.5\d, -0\.1\d/);
      expect(html).not.toMatch(/h of forecast/);
      // Its embeds are offered, in the page's units.
      expect(html).toContain('<a href="/GB/London/meteogram.svg">the chart as an image</a>');
      expect(html).toContain('<a href="/GB/London/widget">a widget</a>');
      // Today's card speaks for the rest of it, the last day's for its first hours.
      const parts = [...html.matchAll(/<span class="muted part">([^<]+)<\/span>/g)].map(
        (m) => m[1],
      );
      expect(parts[0]).toBe('from 11:00');
      expect(parts.at(-1)).toMatch(/^until \d\d:00$/);
    },
  );

  it.skipIf(driver.skip)(
    'shades the night in the chart, and gives every hour of the table its symbol',
    async () => {
      const html = await page('/GB/London');
      // London on 22 November: dark from about 16:00 to 07:30.
      expect(html).toContain('<rect class="night"');
      const table = html.slice(html.indexOf('<details class="hourly">'));
      expect(table).toContain(
        '<div class="scroll" role="region" aria-label="Hour by hour (scrolls sideways)" tabindex="0">',
      );
      const rows = table.match(/<tr><td>/g)!.length;
      const symbols = [
        ...table.matchAll(
          /<td class="sky-cell"><img class="symbol( night)?" src="([^"]+)" alt="[A-Z][a-z ]+"/g,
        ),
      ];
      expect(symbols).toHaveLength(rows);
      const kinds = symbols.map((m) => m[2]!.match(/yr-\d+([dnm]?)\./)![1]);
      expect(new Set(kinds).size).toBeGreaterThan(1);
      // The moons are marked, for dark mode to light them; only they are.
      expect(symbols.map((m) => Boolean(m[1]))).toEqual(kinds.map((k) => k === 'n'));
    },
  );

  it.skipIf(driver.skip)('serves its symbols from our origin, immutable and ETagged', async () => {
    const paths = symbolPaths(await page('/GB/London'));
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) {
      const res = await origin().get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
      expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=31536000');
      expect((await res.text()).startsWith('<svg')).toBe(true);
      const again = await origin().get(path, { 'if-none-match': res.headers.get('etag')! });
      expect(again.status).toBe(304);
    }
  });

  it.skipIf(driver.skip)(
    'sends an old fingerprint on to the current file, refuses others',
    async () => {
      const current = symbolPaths(await page('/GB/London'))[0]!;
      const old = current.replace(/\.[0-9a-f]{10}\.svg$/, '.0000000000.svg');
      const moved = await origin().get(old);
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe(current);
      const unknown = await origin().get('/assets/yr-99.0123456789.svg');
      expect(unknown.status).toBe(404);
      // An asset's URI is not a document's: a missing one is a page, like any HTML URI's problem.
      expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await problemOf(unknown)).detail).toBe(
        'no static file is named "yr-99.0123456789.svg"',
      );
      const query = await origin().get(`${current}?v=2`);
      expect(query.status).toBe(400);
    },
  );
});

describe.each(drivers)("a place's default units on $name", (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip).each([
    ['/US/New-York-City?units=imperial', '/US/New-York-City'],
    ['/us/new-york-city.txt?units=imperial', '/US/New-York-City.txt'],
    ['/US/New-York-City.json?units=metric', '/US/New-York-City.json'],
    ['/US/new-york-city?units=metric', '/US/New-York-City?units=metric'],
    ['/GB/London?units=metric', '/GB/London'],
    ['/US/New-York-City/2026-11-22?units=imperial', '/US/New-York-City/2026-11-22'],
    ['/US/New-York-City/2026-11-22.json?units=metric', '/US/New-York-City/2026-11-22.json'],
  ])('%s answers 301 to %s', async (path, canonical) => {
    const res = await origin().get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(canonical);
  });

  it.skipIf(driver.skip)('shows people in the US °F by default, and programs °C', async () => {
    const html = await (await origin().get('/US/New-York-City')).text();
    expect(html).toMatch(/<div class="now">-?\d+(\.\d)?°F<\/div>/);
    // Links keep the page's units in each representation's own canonical spelling.
    expect(html).toContain('href="/US/New-York-City.json?units=imperial"');
    expect(html).toContain('href="/US/New-York-City.txt"');
    expect(html).toContain('href="/US/New-York-City?units=metric">metric units</a>');
    expect(await (await origin().get('/US/New-York-City.txt')).text()).toMatch(/°F/);
    expect((await json(await origin().get('/US/New-York-City.json'))).units.system).toBe('metric');
    const metric = await (await origin().get('/US/New-York-City?units=metric')).text();
    expect(metric).toMatch(/<div class="now">-?\d+(\.\d)?°C<\/div>/);
    expect(metric).toContain('href="/US/New-York-City">imperial units</a>');
  });

  it.skipIf(driver.skip)('keeps metric the default elsewhere', async () => {
    const html = await (await origin().get('/GB/London')).text();
    expect(html).toContain('href="/GB/London.json"');
    expect(html).toContain('href="/GB/London?units=imperial">imperial units</a>');
  });
});
