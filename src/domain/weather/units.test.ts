import { describe, expect, it } from 'vitest';
import { displayDaily, displayMeasures } from './units.ts';
import type { Measures } from './weather.ts';

const measures = (over: Partial<Measures>): Measures => ({
  temperatureC: null,
  apparentTemperatureC: null,
  humidityPct: null,
  pressurePa: null,
  windSpeedMs: null,
  windGustMs: null,
  windDirectionDeg: null,
  precipitationMm: null,
  cloudCoverPct: null,
  visibilityM: null,
  condition: 'clear',
  ...over,
});

describe('measures as shown', () => {
  it('converts SI to metric display units, rounded to what readings justify', () => {
    expect(
      displayMeasures(
        measures({
          temperatureC: 12.345,
          humidityPct: 81.5,
          pressurePa: 101_325,
          windSpeedMs: 4.2,
          windDirectionDeg: 211.6,
          precipitationMm: 0.44,
          visibilityM: 9_950,
        }),
        'metric',
      ),
    ).toMatchObject({
      temperature: 12.3,
      humidity: 82,
      pressure: 1013.3,
      windSpeed: 15.1,
      windDirection: 212,
      precipitation: 0.4,
      visibility: 10,
    });
  });

  it('converts to imperial units', () => {
    expect(
      displayMeasures(
        measures({
          temperatureC: 20,
          pressurePa: 101_325,
          windSpeedMs: 10,
          precipitationMm: 25.4,
          visibilityM: 1609.344,
        }),
        'imperial',
      ),
    ).toMatchObject({
      temperature: 68,
      pressure: 29.92,
      windSpeed: 22.4,
      precipitation: 1,
      visibility: 1,
    });
  });

  it('rounds halves away from zero, below zero as above it', () => {
    expect(displayMeasures(measures({ temperatureC: -2.25 }), 'metric').temperature).toBe(-2.3);
    expect(displayMeasures(measures({ temperatureC: 2.25 }), 'metric').temperature).toBe(2.3);
    expect(displayMeasures(measures({ humidityPct: 0.5 }), 'metric').humidity).toBe(1);
    expect(
      Object.is(displayMeasures(measures({ temperatureC: -0.01 }), 'metric').temperature, 0),
    ).toBe(true);
  });

  it('keeps a missing value missing', () => {
    const shown = displayMeasures(measures({}), 'imperial');
    expect(shown.temperature).toBeNull();
    expect(shown.visibility).toBeNull();
    expect(
      displayDaily(
        {
          temperatureMinC: null,
          temperatureMaxC: 30,
          temperatureMeanC: null,
          precipitationMm: null,
          windSpeedMeanMs: null,
          windGustMaxMs: null,
        } as never,
        'imperial',
      ),
    ).toMatchObject({ temperatureMin: null, temperatureMax: 86 });
  });
});
