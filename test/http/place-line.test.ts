import { describe, expect, it } from 'vitest';
import { windArrow } from '../../src/domain/weather/compass.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { problemOf } from '../support/problem.ts';

describe.each(drivers)('the one-line form of a place on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const test = it.skipIf(driver.skip);

  test('says the weather now on one line, as the place document has it', async () => {
    const res = await origin().get('/GB/London/line.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const { current: c } = await origin().getJson('/GB/London.json');
    const t = Math.round(c.temperature);
    const temperature = `${t > 0 ? '+' : t < 0 ? '-' : ''}${Math.abs(t)}°C`;
    const wind = `${windArrow(c.wind_direction)} ${Math.round(c.wind_speed)} km/h`;
    expect(await res.text()).toMatch(
      new RegExp(`^London: \\S+ ${literal(temperature)} ${literal(wind)}\\n$`, 'u'),
    );
  });

  test('is cached and purged as the place is: same freshness, tags and validators', async () => {
    const line = await origin().get('/GB/London/line.txt');
    const text = await origin().get('/GB/London.txt');
    for (const name of ['cache-control', 'cdn-cache-control', 'cache-tag', 'last-modified']) {
      expect(line.headers.get(name), name).toBe(text.headers.get(name));
    }
    expect(line.headers.get('access-control-allow-origin')).toBe('*');
    const etag = line.headers.get('etag')!;
    expect(etag).not.toBe(text.headers.get('etag'));
    const again = await origin().get('/GB/London/line.txt', { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  test.each([
    ['/gb/london/line.txt', '/GB/London/line.txt'],
    ['/UK/London/line.txt', '/GB/London/line.txt'],
    ['/GB/London/line.txt?units=metric', '/GB/London/line.txt'],
    ['/us/new-york-city/line.txt', '/US/New-York-City/line.txt'],
    ['/US/New-York-City/line.txt?units=imperial', '/US/New-York-City/line.txt'],
  ])('answers %s with a cacheable 301 to %s', async (path, location) => {
    const res = await origin().get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=86400/);
  });

  test('speaks the units of the place text view: imperial in the US unless asked', async () => {
    expect(await (await origin().get('/US/New-York-City/line.txt')).text()).toMatch(
      /^New York City: \S+ [+-]?\d+°F (\S )?\d+ mph\n$/u,
    );
    expect(await (await origin().get('/US/New-York-City/line.txt?units=metric')).text()).toMatch(
      /°C .*km\/h\n$/u,
    );
  });

  test('answers an unknown place with the problem as text, cached for a minute', async () => {
    const res = await origin().get('/GB/Atlantis/line.txt');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
    expect(await problemOf(res)).toMatchObject({
      code: 'unknown-place',
      instance: '/GB/Atlantis/line.txt',
    });
  });

  test.each([
    ['/GB/London/line.txt?bogus=1', 'query parameter "bogus"'],
    ['/GB/London/line.txt?units=kelvin', 'units'],
    ['/GB/London.json/line.txt', '/{CC}/{Name}/line.txt'],
  ])('refuses %s with a 400 naming the problem, as text', async (path, named) => {
    const res = await origin().get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = await problemOf(res);
    expect(doc.code).toBe('invalid-request');
    expect(doc.detail).toContain(named);
  });
});

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
