import { describe, expect, it } from 'vitest';
import { STAGE_FROM } from '../../src/store/write/staged-observations.ts';
import { drivers } from '../support/databases.ts';
import { json, placeLoads } from '../support/fixture.ts';
import { issueToken } from '../support/tokens.ts';
import { ndjson, useWriteOrigin } from '../support/write-origin.ts';

/** An observation row as a source sends it; the fixture clock is 2026-11-22T10:15Z. */
const obs = (place: string, at: string, fields: Record<string, unknown> = {}) => ({
  place,
  source: 'metoffice',
  observed_at: `2026-11-22T${at}:00Z`,
  condition: 'cloudy',
  temperature_c: 8.5,
  ...fields,
});

describe.each(drivers)('the write API on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const it_ = it.skipIf(driver.skip);
  const writer = () => issueToken(origin().t.db, 'write');

  it_('writes a JSON batch and says what happened to each row', async () => {
    const token = await writer();
    const rows = [obs('DE/Munchen', '09:00'), obs('FR/Saint-Etienne', '09:00')];
    const res = await origin().post('/v1/observations', rows, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await json(res)).toEqual({
      read: 2,
      inserted: 2,
      replaced: 0,
      unchanged: 0,
      places: expect.arrayContaining(['DE/Munchen', 'FR/Saint-Etienne']),
    });
  });

  it_('writes an NDJSON batch, blank lines and all', async () => {
    const token = await writer();
    const body = `${ndjson([obs('FR/Paris', '07:00'), obs('FR/Paris', '08:00')])}\n\n${ndjson([
      obs('FR/Paris', '09:00'),
    ])}\n`;
    const res = await origin().post('/v1/observations', body, {
      token,
      contentType: 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      read: 3,
      inserted: 3,
      replaced: 0,
      unchanged: 0,
      places: ['FR/Paris'],
    });
  });

  it_('is idempotent: the same batch again changes nothing', async () => {
    const token = await writer();
    const rows = [obs('GB/Manchester', '08:00'), obs('GB/Manchester', '09:00')];
    const first = await json(await origin().post('/v1/observations', rows, { token }));
    expect(first).toMatchObject({ read: 2, inserted: 2, replaced: 0, unchanged: 0 });
    const again = await json(await origin().post('/v1/observations', rows, { token }));
    expect(again).toMatchObject({ read: 2, inserted: 0, replaced: 0, unchanged: 2 });
  });

  it_('replaces a row with a later version of it', async () => {
    const token = await writer();
    await origin().post('/v1/observations', [obs('NZ/Nelson', '09:00')], { token });
    const res = await origin().post(
      '/v1/observations',
      [obs('NZ/Nelson', '09:00', { temperature_c: 9.5 })],
      { token },
    );
    expect(await json(res)).toMatchObject({ read: 1, inserted: 0, replaced: 1, unchanged: 0 });
    expect((await origin().getJson('/NZ/Nelson.json')).current.temperature).toBe(9.5);
  });

  it_(
    "serves an observation sent in imperial units in SI, in place of the place's demo current " +
      'conditions but beside its demo forecast, dropping the cached answer at once',
    async () => {
      const loads = () => placeLoads(origin());
      const before = await origin().getJson('/GB/London.json');
      expect(before).toMatchObject({ source: 'demo', notice: expect.stringMatching(/^Demo/) });
      // Cached now, and the fixture clock never moves: only an invalidation can change it.
      const cached = await loads();
      await origin().get('/GB/London.json');
      expect(await loads()).toBe(cached);
      const token = await writer();
      const row = obs('gb/london', '10:00', { temperature_c: undefined, temperature_f: 50 });
      const res = await origin().post('/v1/observations', [row], { token });
      expect(await json(res)).toMatchObject({ inserted: 1, places: ['GB/London'] });

      const after = await origin().getJson('/GB/London.json');
      expect(await loads()).toBe(cached + 1);
      expect(after.source).toBe('metoffice');
      // An observation replaces the demo's current conditions, not its forecast, which says so.
      expect(after.notice).toMatch(/^Demo data: the forecast is generated/);
      expect(after.current).toMatchObject({
        source: 'metoffice',
        observed_at: '2026-11-22T10:00:00.000Z',
        temperature: 10,
        condition: 'cloudy',
      });
      expect(after.forecast.source).toBe('demo');
      expect(after.forecast.hours).toHaveLength(before.forecast.hours.length);
      expect(after.forecast.hours).toEqual(before.forecast.hours);
      const page = await (await origin().get('/GB/London')).text();
      expect(page).toContain('<strong>Demo data:</strong> the forecast is generated');
      expect(page).toContain('source: metoffice');
      expect(origin().purges.at(-1)).toEqual({ places: ['GB/London'], days: expect.any(Array) });
    },
  );

  it_('stores a measure too small for a real as the real nearest it, 0', async () => {
    const token = await writer();
    const res = await origin().post(
      '/v1/observations',
      [obs('NZ/Nelson', '09:41', { precipitation_mm: 1e-50 })],
      { token },
    );
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ read: 1, inserted: 1 });
    expect((await origin().getJson('/NZ/Nelson.json')).current.precipitation).toBe(0);
    // So in a batch large enough to go in by COPY (STAGE_FROM rows), whose text Postgres reads.
    const many = Array.from({ length: STAGE_FROM }, (_, i) => ({
      ...obs('NZ/Nelson', '00:00', { precipitation_mm: i === 0 ? 1e-50 : 0.2 }),
      observed_at: new Date(Date.parse('2026-11-20T00:00:00Z') - i * 60_000).toISOString(),
    }));
    const large = await origin().post('/v1/observations', many, { token });
    expect(large.status).toBe(200);
    expect(await json(large)).toMatchObject({ read: STAGE_FROM, inserted: STAGE_FROM });
  });

  it_('writes forecast hours, in place of the demo forecast', async () => {
    const token = await writer();
    const row = {
      place: 'US/New-York-City',
      source: 'nws',
      issued_at: '2026-11-22T10:00:00Z',
      valid_at: '2026-11-22T12:00:00Z',
      condition: 'rain',
      temperature_f: 41,
      precipitation_probability_pct: 80,
    };
    const res = await origin().post('/v1/forecasts', [row], { token });
    expect(await json(res)).toEqual({
      read: 1,
      inserted: 1,
      replaced: 0,
      unchanged: 0,
      places: ['US/New-York-City'],
    });
    const doc = await origin().getJson('/US/New-York-City.json');
    expect(doc.forecast).toMatchObject({
      source: 'nws',
      hours: [
        { time: '2026-11-22T12:00:00.000Z', condition: 'rain', precipitation_probability: 80 },
      ],
    });
    expect(doc.forecast.hours).toHaveLength(1);
    // The demo's current conditions stay, labelled as the demo's.
    expect(doc.current.source).toBe('demo');
    expect(doc.notice).toMatch(/^Demo data: the current conditions are generated/);
  });

  it_('writes a step longer than an hour, whose rain its day counts once', async () => {
    const token = await writer();
    const step = (valid: string, fields: Record<string, unknown>) => ({
      place: 'CA/London',
      source: 'eccc',
      issued_at: '2026-11-22T10:00:00Z',
      valid_at: valid,
      condition: 'rain',
      temperature_c: 3,
      ...fields,
    });
    // London, Ontario is UTC-5: 12:00Z to 23:00Z is 07:00 to 18:00 on the 23rd.
    const rows = [
      step('2026-11-23T12:00:00Z', { period_hours: 6, precipitation_mm: 4.2 }),
      step('2026-11-23T18:00:00Z', { period_hours: 6, precipitation_mm: 1.8 }),
      step('2026-11-24T00:00:00Z', { precipitation_mm: 0.5 }),
    ];
    const bad = await origin().post('/v1/forecasts', [{ ...rows[0], period_hours: 7.5 }], {
      token,
    });
    expect(bad.status).toBe(422);
    expect((await json(bad)).errors).toEqual([
      { index: 0, field: 'period_hours', reason: 'must be a whole number of hours from 1 to 24' },
    ]);
    expect((await origin().getJson('/CA/London.json')).forecast.source).not.toBe('eccc');

    expect((await origin().post('/v1/forecasts', rows, { token })).status).toBe(200);
    const doc = await origin().getJson('/CA/London.json');
    const eccc = doc.forecast.hours.filter((h: { time: string }) => h.time >= '2026-11-23T12');
    expect(eccc.map((h: { period_hours: number }) => h.period_hours)).toEqual([6, 6, 1]);
    expect(doc.forecast.days.find((d: { date: string }) => d.date === '2026-11-23')).toMatchObject({
      precipitation: 6.5,
      hours_covered: 13,
    });
  });

  it_('refuses a batch with bad rows whole, listing each, and writes nothing', async () => {
    const token = await writer();
    const rows = [
      obs('GB/Greenwich', '09:00'),
      obs('GB/Atlantis', '09:00'),
      obs('GB/Greenwich', '08:00', { observed_at: 'yesterday' }),
      obs('GB/Greenwich', '07:00', { temperature_c: 99 }),
      obs('GB/Greenwich', '06:00', { temperature_c: undefined, temperature_k: 280 }),
      obs('GB/Greenwich', '09:00'),
    ];
    const res = await origin().post('/v1/observations', rows, { token });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json(res);
    expect(body).toMatchObject({ code: 'invalid-rows', status: 422, error_count: 5 });
    expect(body.detail).toMatch(/5 of 6 rows are not valid/);
    expect(body.errors).toEqual([
      { index: 1, field: 'place', reason: expect.stringMatching(/GB\/Atlantis/) },
      { index: 2, field: 'observed_at', reason: expect.stringMatching(/ISO 8601/) },
      { index: 3, field: 'temperature_c', reason: expect.stringMatching(/physically possible/) },
      {
        index: 4,
        field: 'temperature_k',
        reason: expect.stringMatching(/write temperature_c or temperature_f/),
      },
      { index: 5, field: 'observed_at', reason: expect.stringMatching(/row 0/), duplicate_of: 0 },
    ]);
    // Not even the good row: the place still shows its demo weather.
    expect(await origin().getJson('/GB/Greenwich.json')).toMatchObject({ source: 'demo' });
  });

  it_('lists at most 100 bad rows, and says how many there were', async () => {
    const token = await writer();
    const rows = Array.from({ length: 150 }, () => ({ place: 'GB/Greenwich' }));
    const body = await json(await origin().post('/v1/observations', rows, { token }));
    expect(body.errors).toHaveLength(100);
    expect(body.error_count).toBeGreaterThan(150);
  });

  it_('takes an empty batch', async () => {
    const res = await origin().post('/v1/observations', [], { token: await writer() });
    expect(await json(res)).toEqual({
      read: 0,
      inserted: 0,
      replaced: 0,
      unchanged: 0,
      places: [],
    });
  });

  it_('is described in the OpenAPI document: POST only, bearer token, JSON or NDJSON', async () => {
    const doc = await origin().getJson('/v1/openapi.json');
    for (const path of ['/v1/observations', '/v1/forecasts', '/v1/purge']) {
      expect(Object.keys(doc.paths[path])).toEqual(['post']);
      expect(doc.paths[path].post.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(doc.paths[path].post.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '413', '415', '429']),
      );
    }
    const body = doc.paths['/v1/observations'].post.requestBody.content;
    expect(Object.keys(body)).toEqual(['application/json', 'application/x-ndjson']);
    const row = doc.components.schemas.ObservationRow;
    expect(row.required).toEqual(['place', 'source', 'observed_at', 'condition']);
    expect(Object.keys(row.properties)).toEqual(
      expect.arrayContaining(['temperature_c', 'temperature_f', 'wind_speed_kn', 'pressure_hpa']),
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it_('answers any other method on a write URI with 405 naming POST', async () => {
    for (const path of ['/v1/observations', '/v1/forecasts', '/v1/purge']) {
      const res = await origin().get(path);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it_('counts the rows it wrote and refused, by source', async () => {
    const rows = (source: string, outcome: string) =>
      origin().counter('isobar_ingest_rows_total', { source, kind: 'observations', outcome });
    const counts = async () => ({
      inserted: await rows('metoffice', 'inserted'),
      unchanged: await rows('metoffice', 'unchanged'),
      rejected: await rows('metoffice', 'rejected'),
      unknown: await rows('_unknown', 'rejected'),
      errors: await origin().counter('isobar_ingest_errors_total', {
        source: 'metoffice',
        reason: 'invalid_rows',
      }),
    });
    const before = await counts();
    const token = await writer();
    const batch = [obs('US/London', '09:00'), obs('US/London', '08:00')];
    await origin().post('/v1/observations', batch, { token });
    await origin().post('/v1/observations', batch.slice(0, 1), { token });
    await origin().post('/v1/observations', [...batch, { place: 'US/London' }], { token });
    // The refused batch: its two good rows count as rejected of their source, the row naming
    // no source apart, and the batch once as an error of the source.
    expect(await counts()).toEqual({
      inserted: before.inserted + 2,
      unchanged: before.unchanged + 1,
      rejected: before.rejected + 2,
      unknown: before.unknown + 1,
      errors: before.errors + 1,
    });
  });
});
