import { describe, expect, it } from 'vitest';
import { entityTag } from '../../documents/entity-tag.ts';
import { placeDocument } from '../../documents/place-document.ts';
import type { Place } from '../../domain/place.ts';
import { demoMeasures } from '../../domain/weather/demo-weather.ts';
import type { ForecastHour } from '../../domain/weather/weather.ts';
import type { PlaceWeather } from '../../store/weather/place-weather.ts';
import { contentTag } from './read-model.ts';

const place: Place = {
  id: 1,
  geonamesId: 3143244,
  countryCode: 'NO',
  countryName: 'Norway',
  regionCode: '12',
  regionName: 'Oslo',
  name: 'Oslo',
  slug: 'Oslo',
  population: 580000,
  latitude: 59.91273,
  longitude: 10.74609,
  timezone: 'Europe/Oslo',
};
const now = new Date('2026-12-07T10:20:00Z');
const at = (h: number) => new Date(Date.UTC(2026, 11, 7, 10 + h));

/** A place with an observation and a forecast from two sources, each received at `received`. */
function weather(received: Date, next: Date, temperatureC = 3): PlaceWeather {
  const hour = (h: number, source: string): ForecastHour => ({
    ...demoMeasures(place, at(h)),
    temperatureC,
    locationId: 1,
    source,
    validAt: at(h),
    issuedAt: at(0),
    receivedAt: received,
    nextUpdateAt: next,
    precipitationProbabilityPct: 20,
    periodHours: 1,
  });
  return {
    place,
    current: {
      ...demoMeasures(place, at(0)),
      locationId: 1,
      source: 'met-norway',
      observedAt: at(0),
      receivedAt: received,
      nextUpdateAt: next,
    },
    forecast: [hour(1, 'met-norway'), hour(2, 'met-norway'), hour(3, 'open-meteo')],
    lastModified: at(0),
  };
}

/** The document's JSON without its bookkeeping times, as a replacer leaves them out. */
const withoutBookkeeping = (document: object) =>
  JSON.stringify(document, (key, value) =>
    key === 'next_update_at' || key === 'received_at' ? undefined : value,
  );
const tagOf = (document: object) => contentTag(JSON.stringify(document));

describe('the content tag of a place document', () => {
  const document = placeDocument(weather(now, at(1)), 'metric', now);

  it('is the tag of the document without its bookkeeping times, as stored tags were made', () => {
    // The tag stored documents carry was made with a replacer that left out every
    // next_update_at and received_at: the same tag, or every place would seem changed once.
    expect(JSON.stringify(document)).toContain('"received_at"');
    expect(tagOf(document)).toBe(entityTag(withoutBookkeeping(document), ''));
    // Where one is its object's first member (and where all of it is bookkeeping) too.
    for (const o of [
      { next_update_at: null, a: 1 },
      { received_at: 'x', next_update_at: 'y' },
      { a: [{ received_at: null }, { b: 2, next_update_at: '2026' }] },
    ])
      expect(tagOf(o)).toBe(entityTag(withoutBookkeeping(o), ''));
  });

  it('stays when only the bookkeeping times move, and moves with what the document says', () => {
    const later = new Date(now.getTime() + 60_000);
    const refetched = placeDocument(weather(later, at(2)), 'metric', now);
    expect(JSON.stringify(refetched)).not.toBe(JSON.stringify(document));
    expect(tagOf(refetched)).toBe(tagOf(document));
    const warmer = placeDocument(weather(now, at(1), 4), 'metric', now);
    expect(tagOf(warmer)).not.toBe(tagOf(document));
  });

  it('keeps what a string says, even written like a bookkeeping time', () => {
    const named = (name: string) =>
      placeDocument({ ...weather(now, at(1)), place: { ...place, name } }, 'metric', now);
    const tricky = named('Oslo","next_update_at":"2026-12-07T11:00:00.000Z');
    expect(tagOf(tricky)).toBe(entityTag(withoutBookkeeping(tricky), ''));
    expect(tagOf(tricky)).not.toBe(tagOf(named('Oslo')));
  });
});
