import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Place } from '../domain/place.ts';
import { demoMeasures, demoPrecipitationChance } from '../domain/weather/demo-weather.ts';
import { DEMO_SOURCE } from '../domain/weather/weather.ts';
import { asciiJson } from './ascii-json.ts';
import { PLACE_DOCUMENT_VERSION, placeDocument } from './place-document.ts';

const place: Place = {
  id: 1,
  geonamesId: 2643743,
  countryCode: 'GB',
  countryName: 'United Kingdom',
  regionCode: 'ENG',
  regionName: 'England',
  name: 'London',
  slug: 'London',
  population: 7556900,
  latitude: 51.50853,
  longitude: -0.12574,
  timezone: 'Europe/London',
};
const hour = new Date('2026-11-20T10:00:00Z');
const next = new Date('2026-11-20T11:00:00Z');
const at = (h: number) => new Date(hour.getTime() + h * 3_600_000);
const weather = {
  place,
  current: {
    ...demoMeasures(place, hour),
    locationId: 1,
    source: DEMO_SOURCE,
    observedAt: hour,
    nextUpdateAt: next,
  },
  forecast: [1, 2, 3].map((h) => ({
    ...demoMeasures(place, at(h)),
    locationId: 1,
    source: DEMO_SOURCE,
    validAt: at(h),
    issuedAt: hour,
    nextUpdateAt: next,
    precipitationProbabilityPct: demoPrecipitationChance(demoMeasures(place, at(h))),
  })),
  lastModified: hour,
};

/**
 * What the renderer makes of one fixed place, in both unit systems, by version. A change to the
 * document changes the hash: raise PLACE_DOCUMENT_VERSION (so that documents stored by the old
 * code are made again rather than served), then record the version and hash here.
 */
const RENDERED = {
  version: 2,
  sha256: '276992f6cf1627b56e29b90264b2f68b21a8c31ce72a996aa895a2f86070135a',
};

describe('the place document', () => {
  it('changes only with its version', () => {
    const now = new Date('2026-11-20T10:20:00Z');
    const body = ['metric', 'imperial']
      .map((units) => asciiJson(placeDocument(weather, units as 'metric', now)))
      .join('\n');
    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(
      { version: PLACE_DOCUMENT_VERSION, sha256 },
      'the place document changed: raise PLACE_DOCUMENT_VERSION and record both here',
    ).toEqual(RENDERED);
  });

  it('says which part of a place is demo data when sources mix', () => {
    const now = new Date('2026-11-20T10:20:00Z');
    const real = { ...weather, current: { ...weather.current, source: 'met' } };
    const doc = placeDocument(real, 'metric', now);
    expect(doc).toMatchObject({ source: 'met', current: { source: 'met' } });
    expect(doc.forecast.source).toBe(DEMO_SOURCE);
    expect(doc.notice).toMatch(/^Demo data: the forecast is generated/);

    const realForecast = weather.forecast.map((f) => ({ ...f, source: 'met' }));
    const other = placeDocument({ ...weather, forecast: realForecast }, 'metric', now);
    expect(other).toMatchObject({ source: DEMO_SOURCE, forecast: { source: 'met' } });
    expect(other.notice).toMatch(/^Demo data: the current conditions are generated/);

    expect(placeDocument(weather, 'metric', now).notice).toMatch(/^Demo data: generated/);
    const none = placeDocument({ ...real, forecast: realForecast }, 'metric', now);
    expect(none.notice).toBeUndefined();
  });

  it('names the source of a forecast hour that differs from the first', () => {
    const [first, ...rest] = weather.forecast;
    const mixed = [{ ...first!, source: 'met' }, ...rest];
    const doc = placeDocument({ ...weather, forecast: mixed }, 'metric', hour);
    expect(doc.forecast.source).toBe('met');
    expect(doc.forecast.hours.map((h) => h.source)).toEqual([undefined, 'demo', 'demo']);
    expect(doc.notice).toMatch(
      /^Demo data: the current conditions and the forecast hours marked "demo" are generated/,
    );
  });
});
