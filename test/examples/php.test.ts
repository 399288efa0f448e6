import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemResponse } from '../../src/contract/protocol/problem.ts';
import { writeRows } from '../../src/ingest/write-path/write-rows.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_NOW, json, type TestOrigin } from '../support/fixture.ts';
import { closedPort, type HttpOrigin, listenHttp } from '../support/http-origin.ts';
import { HAVE_PHP, type PhpServer, startPhpServer } from '../support/php.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/php', import.meta.url));
const MONTHS =
  'January February March April May June July August September October November December'.split(
    ' ',
  );
const PHP_AGENT = 'isobar-php-example/1.0';
const MANCHESTER_CLIMATOLOGY = '/v1/locations/GB/Manchester/stats/climatology';

/**
 * A year of daily summaries of London from a measured source, every month but March (which then
 * has no climatology), so each other month has a normal (10 days or more).
 */
function londonYear() {
  const rows: Record<string, string | number>[] = [];
  for (let day = Date.UTC(2025, 10, 1); day <= Date.UTC(2026, 9, 31); day += 86_400_000) {
    const date = new Date(day);
    if (date.getUTCMonth() === 2) continue;
    const i = rows.length;
    const mean =
      11 + 7 * Math.sin(((day / 86_400_000 - 20_200) / 365) * 2 * Math.PI) + ((i * 7) % 5) * 0.4;
    rows.push({
      place: 'GB/London',
      source: 'metoffice',
      date: date.toISOString().slice(0, 10),
      condition: i % 3 === 0 ? 'rain' : 'cloudy',
      temperature_mean_c: Math.round(mean * 10) / 10,
      temperature_min_c: Math.round((mean - 4) * 10) / 10,
      temperature_max_c: Math.round((mean + 3.5) * 10) / 10,
      precipitation_mm: i % 3 === 0 ? (i % 7) + 0.4 : 0,
    });
  }
  return rows;
}

const LONDON_NOW = {
  place: 'GB/London',
  source: 'metoffice',
  observed_at: '2026-11-22T10:00:00Z',
  condition: 'drizzle',
  temperature_c: 7.3,
  apparent_temperature_c: 4.9,
  wind_speed_kmh: 18,
  humidity_pct: 87,
};

/** A value as the page prints it: one decimal and its unit, or a dash for none. */
const shown = (value: number | null, unit: string) =>
  value === null ? '—' : `${value.toFixed(1).replace(/^-(0\.0)$/, '$1')} ${unit}`;

/** The cells of each climatology row of the page, keyed by month number. */
function climatologyRows(html: string): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const [, month, cells] of html.matchAll(/<tr data-month="(\d+)">([\s\S]*?)<\/tr>/g)) {
    const texts = [...cells!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.trim());
    rows.set(Number(month), texts);
  }
  return rows;
}

describe.skipIf(!HAVE_PHP)('the PHP consumer (examples/php) against a test origin', () => {
  let origin: TestOrigin;
  let http: HttpOrigin;
  let php: PhpServer;
  let unreachable: PhpServer;

  beforeAll(async () => {
    origin = await createTestOrigin(drivers[0]!);
    const written = await writeRows(origin.t.db, 'daily', londonYear(), {
      now: new Date(FIXTURE_NOW),
      onBadRows: 'all-or-nothing',
    });
    expect(written.rejected).toBe(0);
    // A recent observation ends a place's demo current conditions: London's is then this one.
    const now = await writeRows(origin.t.db, 'observations', [LONDON_NOW], {
      now: new Date(FIXTURE_NOW),
      onBadRows: 'all-or-nothing',
    });
    expect(now.inserted).toBe(1);
    // Manchester's climatology fails as a struggling origin's would: the page must cope.
    http = await listenHttp(origin.app, (request) =>
      new URL(request.url).pathname === MANCHESTER_CLIMATOLOGY
        ? problemResponse(
            {
              code: 'unavailable',
              detail: 'the database is busy',
              instance: MANCHESTER_CLIMATOLOGY,
            },
            'test-request',
          )
        : undefined,
    );
    php = await startPhpServer(EXAMPLE, { ISOBAR_BASE_URL: http.base });
    unreachable = await startPhpServer(EXAMPLE, {
      ISOBAR_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
    });
  }, 60_000);

  afterAll(async () => {
    await php?.stop();
    await unreachable?.stop();
    await http?.close();
    await origin?.t.dispose();
  });

  /** The page for a place; it must run without a single PHP notice, warning or deprecation. */
  const view = async (server: PhpServer, place: string) => {
    const res = await fetch(`${server.base}/?place=${encodeURIComponent(place)}`);
    const html = await res.text();
    expect(html).not.toMatch(/(Notice|Warning|Deprecated|Fatal error|Parse error)(<\/b>)?: /);
    return { status: res.status, html };
  };
  /** What the page asked the origin since `from` (the test's own requests left out). */
  const asked = (from: number) => http.log.slice(from).filter((r) => r.userAgent === PHP_AGENT);

  it('shows the place, its current temperature and twelve months of climatology as the API gives them', async () => {
    const { status, html } = await view(php, 'GB/London');
    expect(status).toBe(200);

    const weather = await json(await fetch(`${http.base}/GB/London.json`));
    const climatology = await json(
      await fetch(`${http.base}/v1/locations/GB/London/stats/climatology`),
    );
    expect(html).toContain('<h1>London <small>United Kingdom</small></h1>');
    expect(html).toContain(
      `<p class="temperature">${shown(weather.current.temperature, weather.units.temperature)}</p>`,
    );

    const rows = climatologyRows(html);
    expect([...rows.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const { temperature, precipitation } = climatology.units;
    for (const m of climatology.months) {
      expect(rows.get(m.month), MONTHS[m.month - 1]).toEqual([
        MONTHS[m.month - 1],
        String(m.days),
        shown(m.temperature_mean, temperature),
        shown(m.temperature_p10, temperature),
        shown(m.temperature_p50, temperature),
        shown(m.temperature_p90, temperature),
        shown(m.precipitation_monthly_mean, precipitation),
      ]);
    }
    // The data written: a month without data is shown as such, the others with their numbers.
    expect(rows.get(3)).toEqual(['March', '0', '—', '—', '—', '—', '—']);
    expect(climatology.months.filter((m: { days: number }) => m.days >= 28)).toHaveLength(11);
  });

  it('revalidates on the next view: sends each ETag back, gets 304s, shows the same page', async () => {
    const start = http.log.length;
    const first = await view(php, 'FR/Paris');
    const fetched = asked(start);
    expect(fetched.map((r) => [r.path, r.ifNoneMatch, r.status])).toEqual([
      ['/FR/Paris.json', null, 200],
      ['/v1/locations/FR/Paris/stats/climatology', null, 200],
    ]);

    const again = http.log.length;
    const second = await view(php, 'FR/Paris');
    expect(asked(again).map((r) => [r.path, r.ifNoneMatch, r.status])).toEqual(
      fetched.map((r) => [r.path, r.etag, 304]),
    );
    expect(second).toEqual(first);
    expect(second.html).toContain('<h1>Paris <small>France</small></h1>');
    // Demo data stays labelled as such, and the sources credited, as the API asks.
    const weather = await json(await fetch(`${http.base}/FR/Paris.json`));
    expect(weather.notice).toMatch(/^Demo data/);
    for (const line of [weather.notice, ...weather.attribution]) {
      expect(second.html).toContain(`<p><small>${line}</small></p>`);
    }
  });

  it("shows the API's problem for an unknown place, escaped", async () => {
    const { status, html } = await view(php, 'XX/Nowhere');
    expect(status).toBe(404);
    expect(html).toContain('<h1>Unknown Place</h1>');
    expect(html).toContain('no place &quot;nowhere&quot; is known in XX');
    expect(html).not.toContain('id="climatology"');
  });

  it('escapes what a visitor typed, and asks the API nothing for a malformed place', async () => {
    const start = http.log.length;
    const { status, html } = await view(php, '"><script>alert(1)</script>');
    expect(status).toBe(400);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<h1>Not a place</h1>');
    expect(asked(start)).toEqual([]);
  });

  it("still shows the current weather when only the climatology fails, with the API's problem", async () => {
    const { status, html } = await view(php, 'GB/Manchester');
    expect(status).toBe(200);
    const weather = await json(await fetch(`${http.base}/GB/Manchester.json`));
    expect(html).toContain(
      `<p class="temperature">${shown(weather.current.temperature, weather.units.temperature)}</p>`,
    );
    expect(html).toMatch(/id="climatology">[\s\S]*Service Unavailable[\s\S]*the database is busy/);
    expect(html).not.toContain('<tr data-month=');
  });

  it('says clearly that the API cannot be reached', async () => {
    const { status, html } = await view(unreachable, 'GB/London');
    expect(status).toBe(502);
    expect(html).toContain('<h1>Weather service unavailable</h1>');
    expect(html).toMatch(/The weather API at http:\/\/127\.0\.0\.1:\d+ could not be reached \(/);
  });
});
