import { describe, expect, it } from 'vitest';
import type { PlaceDocument } from '../../documents/place-document.ts';
import { placeLine } from './place-line.ts';

const METRIC = { temperature: '°C', wind: 'km/h' };
// London; 12:00 UTC in November is day, 22:00 night.
function doc(current: Record<string, unknown> | null, fetching = false) {
  return {
    location: { name: 'London', latitude: 51.51, longitude: -0.13 },
    units: METRIC,
    ...(fetching ? { fetching } : {}),
    current: current && {
      observed_at: '2026-11-22T12:00:00Z',
      condition: 'partly-cloudy',
      temperature: 11.6,
      wind_speed: 11.2,
      wind_direction: 52,
      ...current,
    },
  } as unknown as PlaceDocument;
}

describe('the one-line form', () => {
  it('reads like wttr.in: symbol, signed whole degrees, wind arrow and speed', () => {
    expect(placeLine(doc({}))).toBe('London: ⛅ +12°C ↙ 11 km/h\n');
  });

  it.each([
    [{ temperature: -3.4 }, 'London: ⛅ -3°C ↙ 11 km/h\n'],
    [{ temperature: -0.4 }, 'London: ⛅ 0°C ↙ 11 km/h\n'],
    [{ wind_direction: null }, 'London: ⛅ +12°C 11 km/h\n'],
    [{ wind_speed: null }, 'London: ⛅ +12°C\n'],
    [{ temperature: null }, 'London: ⛅ ↙ 11 km/h\n'],
    [{ condition: 'clear' }, 'London: ☀ +12°C ↙ 11 km/h\n'],
    [{ condition: 'clear', observed_at: '2026-11-22T22:00:00Z' }, 'London: 🌙 +12°C ↙ 11 km/h\n'],
  ])('leaves out what is not known and follows the sun: %o', (current, line) => {
    expect(placeLine(doc(current))).toBe(line);
  });

  it('says in words when there is no weather yet', () => {
    expect(placeLine(doc(null))).toBe('London: no weather yet\n');
    expect(placeLine(doc(null, true))).toMatch(/^London: fetching the weather/);
  });
});
