import { describe, expect, it } from 'vitest';
import { demoMeasures, demoPrecipitationChance } from './demo-weather.ts';
import { CONDITIONS } from './weather.ts';

const london = { geonamesId: 2643743, latitude: 51.50853, longitude: -0.12574 };
const sydney = { geonamesId: 2147714, latitude: -33.86785, longitude: 151.20732 };
const singapore = { geonamesId: 1880252, latitude: 1.28967, longitude: 103.85007 };
const tromso = { geonamesId: 3133880, latitude: 69.6489, longitude: 18.95508 };

const hour = (iso: string, plusHours: number) => new Date(Date.parse(iso) + plusHours * 3_600_000);
/** Every hour from `from`, `days` long. */
const hours = (from: string, days: number) =>
  Array.from({ length: days * 24 }, (_, i) => hour(from, i));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const temps = (p: typeof london, at: Date[]) => at.map((d) => demoMeasures(p, d).temperatureC!);

describe('demoMeasures', () => {
  it('is deterministic: the same place and instant give the same weather', () => {
    const at = new Date('2026-03-14T09:00:00Z');
    expect(demoMeasures(london, at)).toEqual(demoMeasures({ ...london }, new Date(at)));
    expect(demoMeasures(london, at)).not.toEqual(demoMeasures({ ...london, geonamesId: 1 }, at));
  });

  it('stays within plausible ranges and keeps conditions consistent with the values', () => {
    for (const place of [london, sydney, singapore, tromso]) {
      for (const at of hours('2026-01-01T00:00:00Z', 365).filter((_, i) => i % 7 === 0)) {
        const m = demoMeasures(place, at);
        expect(m.temperatureC).toBeGreaterThan(-45);
        expect(m.temperatureC).toBeLessThan(45);
        expect(m.humidityPct).toBeGreaterThanOrEqual(0);
        expect(m.humidityPct).toBeLessThanOrEqual(100);
        expect(m.pressurePa).toBeGreaterThan(97_000);
        expect(m.pressurePa).toBeLessThan(104_000);
        expect(m.windSpeedMs).toBeGreaterThanOrEqual(0);
        expect(m.windGustMs).toBeGreaterThanOrEqual(m.windSpeedMs!);
        expect(m.windDirectionDeg).toBeGreaterThanOrEqual(0);
        expect(m.windDirectionDeg).toBeLessThan(360);
        expect(m.cloudCoverPct).toBeGreaterThanOrEqual(0);
        expect(m.cloudCoverPct).toBeLessThanOrEqual(100);
        expect(m.visibilityM).toBeGreaterThan(0);
        expect(CONDITIONS).toContain(m.condition);
        const wet = m.precipitationMm! > 0;
        expect(['drizzle', 'rain', 'snow', 'thunderstorm'].includes(m.condition)).toBe(wet);
        if (m.condition === 'snow') expect(m.temperatureC).toBeLessThan(1);
        if (m.condition === 'rain' || m.condition === 'drizzle')
          expect(m.temperatureC).toBeGreaterThanOrEqual(1);
        if (m.condition === 'fog')
          expect([m.humidityPct! >= 95, m.visibilityM! < 1000]).toEqual([true, true]);
      }
    }
  });

  it('produces every kind of sky somewhere over a year', () => {
    const seen = new Set<string>();
    for (const place of [london, singapore, tromso]) {
      for (const at of hours('2026-01-01T00:00:00Z', 365))
        seen.add(demoMeasures(place, at).condition);
    }
    expect([...seen].sort()).toEqual([...CONDITIONS].sort());
  });

  it('is warmer in the afternoon than before dawn, by local solar time', () => {
    for (const place of [london, sydney, tromso]) {
      const days = hours('2026-04-01T00:00:00Z', 60);
      const solar = (d: Date) => (d.getUTCHours() + place.longitude / 15 + 24) % 24;
      const afternoon = temps(
        place,
        days.filter((d) => solar(d) >= 14 && solar(d) < 16),
      );
      const preDawn = temps(
        place,
        days.filter((d) => solar(d) >= 4 && solar(d) < 6),
      );
      expect(mean(afternoon)).toBeGreaterThan(mean(preDawn) + 2);
    }
  });

  it('follows the seasons of each hemisphere, with milder swings near the equator', () => {
    const july = hours('2026-07-01T00:00:00Z', 31);
    const january = hours('2026-01-01T00:00:00Z', 31);
    expect(mean(temps(london, july))).toBeGreaterThan(mean(temps(london, january)) + 8);
    expect(mean(temps(sydney, january))).toBeGreaterThan(mean(temps(sydney, july)) + 5);
    const swing = (p: typeof london) => Math.abs(mean(temps(p, july)) - mean(temps(p, january)));
    expect(swing(singapore)).toBeLessThan(3);
    expect(mean(temps(singapore, january))).toBeGreaterThan(mean(temps(tromso, july)));
  });

  it('gives rain a high chance and a clear sky a low one', () => {
    const m = demoMeasures(london, new Date('2026-05-01T12:00:00Z'));
    expect(
      demoPrecipitationChance({ ...m, precipitationMm: 2, condition: 'rain' }),
    ).toBeGreaterThanOrEqual(70);
    expect(
      demoPrecipitationChance({ ...m, precipitationMm: 0, cloudCoverPct: 5, condition: 'clear' }),
    ).toBeLessThan(5);
  });
});
