import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { expectSafeAnswer, hostileBody, runProperty } from '../support/hostile-inputs.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SAME_ORIGIN = { ...FORM, 'sec-fetch-site': 'same-origin' };

describe.each(drivers)('choosing a place to remember on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const choose = (body: string, headers: Record<string, string>, url = 'http://isobar.test/') =>
    origin().app.request(url, { method: 'POST', headers, body });

  it.skipIf(driver.skip)('offers it on every place page, as a form that POSTs', async () => {
    const page = await (await origin().get('/FR/Paris')).text();
    expect(page).toContain(
      '<form class="choose" action="/" method="post"><input type="hidden" name="place" value="FR/Paris"><button type="submit">Make Paris my place</button></form>',
    );
    expect(page).not.toContain('href="/?place=');
  });

  it.skipIf(driver.skip)(
    "remembers a place POSTed from the site's own page, and sends the visitor there",
    async () => {
      for (const headers of [
        SAME_ORIGIN,
        // A browser without Sec-Fetch-Site: its Origin, on this host or the one a proxy names.
        { ...FORM, origin: 'http://isobar.test' },
        { ...FORM, origin: 'https://weather.example', 'x-forwarded-host': 'weather.example' },
      ]) {
        const res = await choose('place=fr%2Fparis', headers);
        expect(res.status, JSON.stringify(headers)).toBe(303);
        expect(res.headers.get('location')).toBe('/FR/Paris');
        expect(res.headers.get('set-cookie')).toMatch(/^place=FR\/Paris; Max-Age=31536000;/);
        expect(res.headers.get('cache-control')).toBe('private, no-store');
      }
    },
  );

  it.skipIf(driver.skip)(
    'refuses a choice sent from another site, and remembers nothing',
    async () => {
      for (const headers of [
        { ...FORM, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        { ...FORM, 'sec-fetch-site': 'same-site', origin: 'https://evil.isobar.test' },
        { ...FORM, origin: 'https://evil.example' },
        { ...FORM, origin: 'null' },
        FORM,
      ]) {
        const res = await choose('place=FR%2FParis', headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await res.text()).toContain('chosen on this site');
      }
    },
  );

  it.skipIf(driver.skip)('refuses a body that is no choice, saying why', async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      ['place=GB%2FAtlantis', SAME_ORIGIN, 404, 'no place'],
      ['place=%2F%2Fevil.example', SAME_ORIGIN, 404, 'no place'],
      ['', SAME_ORIGIN, 400, 'one &quot;place&quot;'],
      ['place=FR%2FParis&place=GB%2FLondon', SAME_ORIGIN, 400, 'one &quot;place&quot;'],
      [`place=${'a'.repeat(2000)}`, SAME_ORIGIN, 413, 'larger than'],
      ['{"place":"FR/Paris"}', { 'content-type': 'application/json' }, 415, 'as a form'],
    ];
    for (const [body, headers, status, words] of cases) {
      const res = await choose(body, headers);
      expect([body.slice(0, 30), res.status]).toEqual([body.slice(0, 30), status]);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain(words);
    }
  });

  it.skipIf(driver.skip)('names POST among the methods / takes', async () => {
    const options = await origin().app.request('/', { method: 'OPTIONS' });
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    const put = await origin().app.request('/', { method: 'PUT', body: 'place=GB%2FLondon' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect(await put.text()).toContain('PUT is not accepted here; use GET, HEAD or POST');
  });

  it.skipIf(driver.skip)(
    'answers any body and headers without a 5xx, remembering only a catalog place',
    async () => {
      const input = fc.tuple(
        fc.oneof(
          hostileBody,
          fc.string({ maxLength: 80 }).map((v) => `place=${v}`),
          fc.string({ maxLength: 80 }).map((v) => `place=${encodeURIComponent(v)}`),
        ),
        fc.constantFrom(
          FORM['content-type'],
          `${FORM['content-type']}; charset=utf-8`,
          'text/plain',
          '',
        ),
        fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'bogus', ''),
        fc.constantFrom('http://isobar.test', 'https://evil.example', 'null', 'not a url', ''),
      );
      await runProperty('place choices', input, 300, async ([body, type, site, from]) => {
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (site) headers['sec-fetch-site'] = site;
        if (from) headers.origin = from;
        const raw =
          typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
        const res = await choose(raw as string, headers);
        expectSafeAnswer(res, `POST / ${JSON.stringify(headers)}`);
        const cookie = res.headers.get('set-cookie');
        if (cookie !== null) {
          expect(res.status).toBe(303);
          expect(cookie.startsWith(`place=${res.headers.get('location')!.slice(1)};`)).toBe(true);
          expect((await origin().get(res.headers.get('location')!)).status).toBe(200);
        }
        await res.arrayBuffer();
      });
    },
  );
});
