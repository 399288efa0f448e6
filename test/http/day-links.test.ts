import { beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { runInProcess, toCsv, useTempFiles } from '../support/import-files.ts';

// Day pages link only to days that have data: ← and → skip days no source has, and the 404 of
// such a day leads back to the place and to the nearest days that have data.
const DAYS = ['2025-01-01', '2025-01-02', '2025-01-10', '2025-01-11'];

describe.each(drivers)('day page links on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const files = useTempFiles();
  beforeAll(async () => {
    if (driver.skip) return;
    // Named as NOAA's GHCN daily files name them.
    const rows = DAYS.map((date, i) => ({ date, tmin: 1 + i, tmax: 7 + i, prcp: i }));
    const file = files.write(toCsv(rows), 'csv');
    const rename = 'tmin=temperature_min_c,tmax=temperature_max_c,prcp=precipitation_mm';
    const args = [file, '--place', 'GB/Manchester', '--source', 'noaa-ghcn', '--rename', rename];
    const done = await runInProcess(origin().t.db, args);
    if (done.code !== 0) throw new Error(done.err);
  }, 120_000);
  const test = it.skipIf(driver.skip);

  /** The status a link ends on, following redirects as a browser would (at most 5). */
  async function finalStatus(href: string): Promise<number> {
    let path = href;
    for (let hop = 0; hop < 5; hop++) {
      const res = await origin().get(path);
      const to = res.headers.get('location');
      if (res.status < 300 || res.status > 399 || !to) return res.status;
      path = new URL(to, 'http://isobar.test').pathname + new URL(to, 'http://isobar.test').search;
    }
    return 0;
  }
  const hrefs = (html: string) =>
    [...html.matchAll(/href="([^"]+)"/g)]
      .map((m) => m[1]!.replace(/&amp;/g, '&'))
      .filter((h) => h.startsWith('/'));
  async function expectEveryLinkAnswers(html: string) {
    const links = [...new Set(hrefs(html))];
    expect(links.length).toBeGreaterThan(3);
    const statuses = await Promise.all(links.map(async (l) => [l, await finalStatus(l)]));
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([]);
  }

  test('← and → skip the days without data, and every link on the page answers 200', async () => {
    const res = await origin().get('/GB/Manchester/2025-01-02');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/GB/Manchester/2025-01-01" rel="prev"');
    expect(html).toContain('href="/GB/Manchester/2025-01-10" rel="next"');
    expect(html).not.toContain('/GB/Manchester/2025-01-03');
    await expectEveryLinkAnswers(html);
  });

  test('the first day held has no ← at all', async () => {
    const html = await (await origin().get('/GB/Manchester/2025-01-01')).text();
    expect(html).not.toContain('rel="prev"');
    expect(html).toContain('href="/GB/Manchester/2025-01-02" rel="next"');
    await expectEveryLinkAnswers(html);
  });

  test('a day without data is a 404 that links to the place and the nearest days with data', async () => {
    const res = await origin().get('/GB/Manchester/2025-01-05');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('data-problem-code="no-data"');
    expect(html).toContain('href="/GB/Manchester"');
    expect(html).toContain('href="/GB/Manchester/2025-01-02" rel="prev"');
    expect(html).toContain('href="/GB/Manchester/2025-01-10" rel="next"');
    await expectEveryLinkAnswers(html);
    // Programs still get the problem document.
    const json = await origin().get('/GB/Manchester/2025-01-05.json');
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('the 404 of a US place keeps its pages’ units in its links', async () => {
    const res = await origin().get('/US/New-York-City/2025-01-05?units=metric');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('href="/US/New-York-City?units=metric"');
  });
});
