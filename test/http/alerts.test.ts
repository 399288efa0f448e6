import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCacheControl } from '../../src/contract/protocol/freshness.ts';
import { applyWrite } from '../../src/ingest/write-path/apply-write.ts';
import { londonWind } from '../support/alert-fixtures.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, json, useTestOrigin } from '../support/fixture.ts';

const write = { now: new Date(FIXTURE_NOW), reason: 'alert' } as const;
const sharedMaxAge = (res: Response) =>
  Number(parseCacheControl(res.headers.get('cdn-cache-control')).get('max-age'));
const keep = (res: Response) => {
  const cc = parseCacheControl(res.headers.get('cdn-cache-control'));
  const n = (k: string) => Number(cc.get(k) ?? 0);
  return n('max-age') + Math.max(n('stale-while-revalidate'), n('stale-if-error'));
};

describe.each(drivers)('weather warnings at a place on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const it_ = it.skipIf(driver.skip);

  it_('shows no warnings where there are none: an empty array, an empty feed', async () => {
    const doc = await origin().getJson('/FR/Paris.json');
    expect(doc.alerts).toEqual([]);
    const res = await origin().get('/FR/Paris/alerts');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-tag')).toContain('place:FR/Paris');
    expect(await json(res)).toMatchObject({
      alerts: [],
      links: { atom: '/FR/Paris/alerts.atom' },
    });
    const atom = await (await origin().get('/FR/Paris/alerts.atom')).text();
    expect(atom).toContain('<title>Weather warnings for Paris, France</title>');
    expect(atom).not.toContain('<entry>');
  });

  it_('shows an alert covering London in every representation, until it expires', async () => {
    const { db } = origin().t;
    const alert = londonWind();
    await applyWrite(db, { alerts: [alert] }, write);
    const doc = await origin().getJson('/GB/London.json');
    expect(doc.alerts).toEqual([
      expect.objectContaining({
        event: 'Yellow Wind Warning',
        severity: 'Moderate',
        in_force: true,
        onset: '2026-11-22T09:00:00.000Z',
        expires: '2026-11-23T06:00:00.000Z',
        issuer: 'Met Office',
        web: 'https://www.metoffice.gov.uk/weather/warnings-and-advice/uk-warnings',
      }),
    ]);
    expect(doc.attribution).toContain('Warning by Met Office, via MeteoAlarm (meteoalarm.org)');

    const res = await origin().get('/GB/London/alerts');
    expect(res.status).toBe(200);
    const alerts = await json(res);
    expect(alerts.alerts).toEqual(doc.alerts);
    expect(alerts.attribution).toEqual([
      'Place data from GeoNames (geonames.org), CC BY 4.0',
      'Warning by Met Office, via MeteoAlarm (meteoalarm.org)',
    ]);
    // No cache keeps it past the expiry, stale or not, nor the place's documents.
    const left = (alert.expires!.getTime() - FIXTURE_NOW) / 1000;
    for (const path of ['/GB/London', '/GB/London.json', '/GB/London.txt', '/GB/London/alerts']) {
      const r = await origin().get(path);
      expect(keep(r), path).toBeLessThanOrEqual(left);
      expect(sharedMaxAge(r), path).toBeGreaterThan(0);
    }

    const atomRes = await origin().get('/GB/London/alerts.atom');
    expect(atomRes.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const atom = await atomRes.text();
    expect(XMLValidator.validate(atom)).toBe(true);
    expect(atom).toContain('<title>Yellow Wind Warning (Moderate)</title>');
    expect(atom).toContain('<author><name>Met Office</name></author>');
    expect(atom).toContain(
      'href="https://www.metoffice.gov.uk/weather/warnings-and-advice/uk-warnings"',
    );

    const text = await (await origin().get('/GB/London.txt')).text();
    expect(text).toContain('WARNING: Yellow Wind Warning (Moderate)');
    const page = await (await origin().get('/GB/London')).text();
    expect(page).toMatch(/<section class="alerts" role="alert"[^>]*>/);
    expect(page).toContain('Yellow warning of wind for London &amp; South East England');
    expect((await origin().getJson('/GB/Manchester.json')).alerts).toEqual([]);
  });

  it_(
    'answers other spellings with a 301, and unknown places and parameters as problems',
    async () => {
      const moved = await origin().get('/uk/london/alerts.atom');
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe('/GB/London/alerts.atom');
      const missing = await origin().get('/GB/Atlantis/alerts');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const bad = await origin().get('/GB/London/alerts?units=metric');
      expect(bad.status).toBe(400);
      expect((await json(bad)).detail).toContain('unknown query parameter "units"');
    },
  );
});
