import { describe, expect, it } from 'vitest';
import { saneCoordinates, toGeoHit } from './geo-record.ts';

describe('toGeoHit', () => {
  it('reads a flat DB-IP record, empty strings as unknown', () => {
    const record = {
      city: 'Lyon',
      country_code: 'FR',
      state1: 'Auvergne-Rhone-Alpes',
      state2: '',
      postcode: '',
      latitude: 45.75,
      longitude: 4.85,
    };
    expect(toGeoHit(record)).toEqual({
      countryCode: 'FR',
      city: 'Lyon',
      region: 'Auvergne-Rhone-Alpes',
      latitude: 45.75,
      longitude: 4.85,
    });
    expect(toGeoHit({ ...record, city: '', state1: ' ' })).toMatchObject({
      city: null,
      region: null,
    });
  });

  it('reads a nested MaxMind record, taking the first subdivision', () => {
    const record = {
      city: { names: { en: 'Milton', zh: '米尔顿' } },
      country: { iso_code: 'US', names: { en: 'United States' } },
      subdivisions: [{ iso_code: 'WA' }, { iso_code: 'XX' }],
      location: { latitude: 47.2513, longitude: -122.3149, accuracy_radius: 22 },
    };
    expect(toGeoHit(record)).toEqual({
      countryCode: 'US',
      city: 'Milton',
      region: 'WA',
      latitude: 47.2513,
      longitude: -122.3149,
    });
  });

  it('keeps a country without a place, so the caller can fall back to it', () => {
    expect(toGeoHit({ country: { iso_code: 'bt' } })).toEqual({
      countryCode: 'BT',
      city: null,
      region: null,
      latitude: null,
      longitude: null,
    });
  });

  it("falls back to MaxMind's registered_country when there is no country", () => {
    const registered = { registered_country: { iso_code: 'DE' }, traits: { is_anycast: true } };
    expect(toGeoHit(registered)).toEqual({
      countryCode: 'DE',
      city: null,
      region: null,
      latitude: null,
      longitude: null,
    });
    // The located country wins; an unusable one still lets the registered one answer.
    expect(toGeoHit({ ...registered, country: { iso_code: 'AT' } })?.countryCode).toBe('AT');
    expect(toGeoHit({ ...registered, country: { iso_code: '' } })?.countryCode).toBe('DE');
  });

  it('keeps coordinates without a country', () => {
    expect(toGeoHit({ location: { latitude: 48.69, longitude: 9.14 } })).toMatchObject({
      countryCode: null,
      latitude: 48.69,
    });
  });

  it('is null for records that say nothing usable, and for non-records', () => {
    expect(toGeoHit({ traits: { is_anonymous_proxy: true } })).toBeNull();
    expect(toGeoHit({ continent: { code: 'EU' }, city: { names: { en: 'Nowhere' } } })).toBeNull();
    expect(toGeoHit({ country_code: 'NOT-A-CODE', latitude: 'north' })).toBeNull();
    expect(toGeoHit(null)).toBeNull();
    expect(toGeoHit('GB')).toBeNull();
    expect(toGeoHit([{ country_code: 'GB' }])).toBeNull();
  });
});

describe('saneCoordinates', () => {
  it('keeps real places, including ones on the equator or the meridian', () => {
    expect(saneCoordinates(51.5142, -0.0931)).toEqual({ latitude: 51.5142, longitude: -0.0931 });
    expect(saneCoordinates(0, 32.58)).toEqual({ latitude: 0, longitude: 32.58 });
    expect(saneCoordinates(51.48, 0)).toEqual({ latitude: 51.48, longitude: 0 });
    expect(saneCoordinates(-90, 180)).toEqual({ latitude: -90, longitude: 180 });
  });

  it('drops what a misencoded double decodes to', () => {
    // Values returned by MaxMind's GeoIP2-City-Test-Broken-Double-Format.mmdb.
    expect(saneCoordinates(1.7937310173008445e-52, 5.271278285950096e-91)).toBeNull();
    expect(saneCoordinates(8.598124653692367e-67, 3.116250602507974e-33)).toBeNull();
    // Only one of the pair garbled is still a garbled record.
    expect(saneCoordinates(27.5, 3.116250602507974e-33)).toBeNull();
  });

  it('drops 0,0, the usual placeholder for "unknown"', () => {
    expect(saneCoordinates(0, 0)).toBeNull();
    expect(saneCoordinates(0.0004, -0.0002)).toBeNull();
  });

  it('drops values that are not finite, out of range, or missing', () => {
    expect(saneCoordinates(Number.NaN, 10)).toBeNull();
    expect(saneCoordinates(10, Number.POSITIVE_INFINITY)).toBeNull();
    expect(saneCoordinates(90.5, 10)).toBeNull();
    expect(saneCoordinates(10, -180.01)).toBeNull();
    expect(saneCoordinates(10, undefined)).toBeNull();
    expect(saneCoordinates('51.5', '-0.1')).toBeNull();
  });
});
