import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Place } from '../domain/place.ts';
import type { DateClimate, YearValues } from '../domain/weather/date-climate.ts';
import { demoMeasures, demoPrecipitationChance } from '../domain/weather/demo-weather.ts';
import { DEMO_SOURCE, type ForecastHour } from '../domain/weather/weather.ts';
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
  forecast: [1, 2, 3].map(
    (h): ForecastHour => ({
      ...demoMeasures(place, at(h)),
      locationId: 1,
      source: DEMO_SOURCE,
      validAt: at(h),
      issuedAt: hour,
      nextUpdateAt: next,
      precipitationProbabilityPct: demoPrecipitationChance(demoMeasures(place, at(h))),
      periodHours: 1,
    }),
  ),
  lastModified: hour,
};

/**
 * What the renderer makes of one fixed place, in both unit systems, by version. A change to the
 * document changes the hash: raise PLACE_DOCUMENT_VERSION (so that documents stored by the old
 * code are made again rather than served), then record the version and hash here.
 */
const RENDERED = {
  version: 5,
  sha256: 'bb83f4dfd77070267db696f129e5be07b6066a7fb8c0016e38841a698fb9fa8c',
};

/** A forecast as MET Norway's is: hourly for two days, then 6-hourly to ten days. */
function longForecast(): ForecastHour[] {
  const steps: [number, number][] = [];
  for (let h = 1; h <= 48; h++) steps.push([h, 1]);
  // 10:00Z + 50 h is 12:00Z: the first 6-hour step starts on a 00/06/12/18 UTC boundary.
  steps.push([49, 1]);
  for (let h = 50; h < 240; h += 6) steps.push([h, 6]);
  return steps.map(([h, periodHours]) => ({
    ...demoMeasures(place, at(h)),
    locationId: 1,
    source: 'met-norway',
    validAt: at(h),
    issuedAt: hour,
    nextUpdateAt: next,
    precipitationProbabilityPct: null,
    // Each step's own amount: 6-hour steps 6 mm, hours 0.5 mm, so the totals tell them apart.
    precipitationMm: periodHours === 6 ? 6 : 0.5,
    periodHours,
  }));
}

describe('the place document', () => {
  it('carries every step with its period, and a day entry for every local day', () => {
    const now = new Date('2026-11-20T10:20:00Z');
    const doc = placeDocument({ ...weather, forecast: longForecast() }, 'metric', now);
    expect(doc.forecast.hours).toHaveLength(49 + 32);
    expect(doc.forecast.hours.slice(47, 51).map((h) => [h.time, h.period_hours])).toEqual([
      ['2026-11-22T10:00:00.000Z', 1],
      ['2026-11-22T11:00:00.000Z', 1],
      ['2026-11-22T12:00:00.000Z', 6],
      ['2026-11-22T18:00:00.000Z', 6],
    ]);
    const days = doc.forecast.days;
    // London in November is UTC: 20 Nov (from 11:00) to 30 Nov (00:00-06:00), eleven days.
    expect(days.map((d) => d.date)).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(days.map((d) => [d.hours_covered, d.precipitation])).toEqual([
      [13, 6.5], // 11:00-23:00, hourly
      [24, 12], // hourly
      [24, 18], // 00:00-11:00 hourly (12 x 0.5), then two 6-hour steps (12)
      ...Array.from({ length: 7 }, () => [24, 24]), // four 6-hour steps
      [12, 12], // the last two steps, 00:00-12:00
    ]);
    for (const d of days) {
      expect(d.temperature_min).not.toBeNull();
      expect(d.temperature_max! >= d.temperature_min!).toBe(true);
      expect(d.wind_speed_max).not.toBeNull();
    }
    // Only today has a day page (its observation made its summary); a later day would be a 404.
    expect(days.map((d) => d.path).filter((p) => p !== null)).toEqual(['/GB/London/2026-11-20']);
  });

  it('has no day pages without an observation, and no days without a forecast', () => {
    const now = new Date('2026-11-20T10:20:00Z');
    const noCurrent = placeDocument({ ...weather, current: null }, 'metric', now);
    expect(noCurrent.forecast.days.map((d) => d.path)).toEqual([null]);
    const none = placeDocument({ ...weather, forecast: [] }, 'metric', now);
    expect(none.forecast.days).toEqual([]);
  });

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

  it('compares each day and the current conditions with the climate of their dates', () => {
    const now = new Date('2026-11-20T10:20:00Z');
    const pw = { ...weather, forecast: longForecast() };
    const plain = placeDocument(pw, 'metric', now);
    const day = plain.forecast.days[1]!; // 21 November, covered whole
    const [max, min] = [day.temperature_max!, day.temperature_min!];
    // 2012 was warmer than the forecast; the thirteen years after it were not, nor colder.
    const history: YearValues[] = Array.from({ length: 16 }, (_, i) => ({
      year: 2010 + i,
      max: 2010 + i === 2012 ? max + 1 : max - 2,
      min: min - 5,
    }));
    const climate = (date: string): DateClimate => ({
      date,
      source: 'archive',
      years: 16,
      normal: { max: max - 3, min: min + 1.5, mean: null },
      record: { max: { value: max + 1, year: 2012 }, min: { value: min - 5, year: 2010 } },
      history,
    });
    const withClimate = { ...pw, climate: ['2026-11-20', '2026-11-21'].map(climate) };
    const metric = placeDocument(withClimate, 'metric', now);
    const imperial = placeDocument(withClimate, 'imperial', now);
    const c1 = (c: number) => Math.round(c * 10) / 10;
    const f = (c: number) => Math.round((c * 1.8 + 32) * 10) / 10;
    expect(metric.forecast.days[1]!.climate).toEqual({
      source: 'archive',
      years: 16,
      normal: { temperature_max: c1(max - 3), temperature_min: c1(min + 1.5) },
      difference: { temperature_max: 3, temperature_min: -1.5 },
      record: {
        temperature_max: { value: c1(max + 1), year: 2012 },
        temperature_min: { value: c1(min - 5), year: 2010 },
      },
      note: 'warmest 21 November since 2012',
    });
    expect(imperial.forecast.days[1]!.climate).toMatchObject({
      normal: { temperature_max: f(max - 3), temperature_min: f(min + 1.5) },
      difference: { temperature_max: 5.4, temperature_min: -2.7 },
      record: { temperature_max: { value: f(max + 1), year: 2012 } },
      note: 'warmest 21 November since 2012',
    });
    // Today is covered in part: its normal and records, but no difference or standing.
    expect(metric.forecast.days[0]!.climate).toMatchObject({ difference: null, note: null });
    // No climate held for the later days: the field is absent, not empty.
    expect(metric.forecast.days.slice(2).every((d) => !('climate' in d))).toBe(true);
    const t = weather.current.temperatureC!;
    const beyond = t > max - 3 ? t - (max - 3) : t < min + 1.5 ? t - (min + 1.5) : 0;
    expect(metric.current!.climate!.difference).toBeCloseTo(beyond, 1);
    expect(imperial.current!.climate!.difference).toBeCloseTo(beyond * 1.8, 1);
    expect(plain.current).not.toHaveProperty('climate');
  });
});
