import { describe, expect, it } from 'vitest';
import { heldWeather } from './held-weather.ts';
import type { Observation } from './weather.ts';

const now = new Date('2026-11-22T10:15:00Z');
const observation = (source: string, nextUpdateAt: string) =>
  ({ source, nextUpdateAt: new Date(nextUpdateAt) }) as Observation;

describe('heldWeather', () => {
  it('tells no weather, demo weather and overdue demo weather apart', () => {
    expect(heldWeather({ current: null, forecast: [] }, now)).toBe('nothing');
    const fresh = observation('demo', '2026-11-22T11:00:00Z');
    expect(heldWeather({ current: fresh, forecast: [] }, now)).toBe('demo');
    const old = observation('demo', '2026-11-22T10:00:00Z');
    expect(heldWeather({ current: old, forecast: [] }, now)).toBe('demo-overdue');
  });

  it('is null as soon as any row comes from a real source', () => {
    const real = observation('open-meteo', '2026-11-22T11:00:00Z');
    expect(heldWeather({ current: real, forecast: [] }, now)).toBeNull();
    const demoForecast = [{ ...observation('demo', '2026-11-22T11:00:00Z') }] as never[];
    expect(heldWeather({ current: real, forecast: demoForecast }, now)).toBeNull();
  });
});
