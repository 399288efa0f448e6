import { DAY_MS, HOUR_MS } from '../../contract/durations.ts';
import type { Condition, Measures } from './weather.ts';

/** What the generator needs to know of a place. */
export interface DemoPlace {
  geonamesId: number;
  latitude: number;
  longitude: number;
}

const YEAR_DAYS = 365.2425;

/**
 * A uniform number in [0, 1) from two integers: a small avalanche hash, so no state and no
 * Math.random.
 */
function hash01(seed: number, n: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + salt * 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

/**
 * Smooth noise in [0, 1): random values at knots `step` hours apart, eased in between,
 * so that consecutive hours of one place drift instead of jumping.
 */
function drift(seed: number, hour: number, step: number, salt: number): number {
  const k = Math.floor(hour / step);
  const f = (hour - k * step) / step;
  const ease = f * f * (3 - 2 * f);
  return hash01(seed, k, salt) * (1 - ease) + hash01(seed, k + 1, salt) * ease;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round = (x: number, step: number) => Math.round(x / step) * step;
const tenths = (x: number) => Math.round(x * 10) / 10;

/** Steadman's apparent temperature (as the Australian Bureau of Meteorology uses it), in °C. */
function apparentTemperature(t: number, humidityPct: number, windMs: number): number {
  const vapourHpa = (humidityPct / 100) * 6.105 * Math.exp((17.27 * t) / (237.7 + t));
  return t + 0.33 * vapourHpa - 0.7 * windMs - 4;
}

function conditionOf(
  t: number,
  precipMm: number,
  cloudPct: number,
  humidityPct: number,
  windMs: number,
  storm: number,
): Condition {
  if (precipMm > 0) {
    if (t < 1) return 'snow';
    if (precipMm >= 1.5 && t >= 18 && storm > 0.4) return 'thunderstorm';
    return precipMm < 0.5 ? 'drizzle' : 'rain';
  }
  if (humidityPct >= 97 && windMs < 3) return 'fog';
  return cloudPct < 20 ? 'clear' : cloudPct < 65 ? 'partly-cloudy' : 'cloudy';
}

/**
 * Plausible, deterministic weather for a place at an instant: a seasonal cycle by
 * latitude, a daily cycle by local solar time and drifting variation seeded by the
 * place. Demonstration data only: it must always be stored with the `demo` source.
 */
export function demoMeasures(place: DemoPlace, at: Date): Measures {
  const seed = place.geonamesId | 0;
  const hour = at.getTime() / HOUR_MS;
  // Hour-to-hour scatter on top of the drifting weather, different for every quantity.
  const jitter = (salt: number) => hash01(seed, Math.floor(hour), salt);
  const absLat = Math.abs(place.latitude);
  const dayOfYear = (at.getTime() - Date.UTC(at.getUTCFullYear(), 0, 1)) / DAY_MS;
  // +1 in mid-July and -1 in mid-January north of the equator; the other way round south of it.
  const season =
    -Math.cos((2 * Math.PI * (dayOfYear - 15)) / YEAR_DAYS) * Math.sign(place.latitude);
  const solarHour =
    (((at.getUTCHours() + at.getUTCMinutes() / 60 + place.longitude / 15) % 24) + 24) % 24;
  // warmest at 15:00, coldest at 03:00
  const daily = Math.cos((2 * Math.PI * (solarHour - 15)) / 24);

  // The subtropical desert belt (around 25°) sees fewer clouds and far less rain.
  const desert = Math.exp(-(((absLat - 25) / 7) ** 2));
  const cloud = clamp(drift(seed, hour, 9, 1) * 130 - 20 - 35 * desert + 10 * jitter(2), 0, 100);
  const wet = drift(seed, hour, 5, 3);
  const annualMean = 27 - 0.0055 * absLat * absLat;
  const seasonalSwing = 1 + 0.18 * absLat;
  const dailySwing = 7 * (1 - 0.6 * (cloud / 100));
  const anomaly = (drift(seed, hour, 30, 4) - 0.5) * 8;
  const temperature = annualMean + season * seasonalSwing + (daily * dailySwing) / 2 + anomaly;

  const rainy = cloud > 70 && wet > 0.55;
  const intensity = ((cloud - 70) / 30) * (wet - 0.55) * 6 * (0.5 + jitter(5));
  const precipitation = rainy ? tenths(intensity) : 0;
  const wind = drift(seed, hour, 7, 6) * 9 + (rainy ? 3 : 0) + 0.6 * jitter(7);
  // Fog needs still air in the cool of the night and early morning, and saturates the air.
  const foggy = !rainy && wind < 3 && daily < -0.3 && drift(seed, hour, 4, 12) > 0.7 + 0.3 * desert;
  // Relative humidity peaks before dawn, when the air is coldest; only rain or fog saturates it.
  const humid =
    55 + 0.3 * cloud - 3 * daily * dailySwing + (rainy ? 15 : 0) + (wet - 0.5) * 30 - 25 * desert;
  const humidity = foggy ? 97 + 3 * jitter(13) : clamp(humid, 12, rainy ? 100 : 96);
  const gust = wind * (1.3 + 0.5 * jitter(8));
  const direction = (drift(seed, hour, 16, 9) * 720) % 360;
  const pressure = 101_325 + (drift(seed, hour, 40, 10) - 0.5) * 3_000 - (cloud / 100) * 1_200;

  const t = tenths(temperature);
  const h = Math.round(humidity);
  const w = tenths(wind);
  const condition = conditionOf(t, precipitation, cloud, h, w, jitter(11));
  const visibility =
    condition === 'fog'
      ? 100 + 800 * wet
      : condition === 'snow'
        ? 1_000 + 3_000 * wet
        : precipitation > 0
          ? 3_000 + 6_000 * (1 - wet)
          : 12_000 + 18_000 * (1 - h / 100);
  return {
    temperatureC: t,
    apparentTemperatureC: tenths(apparentTemperature(t, h, w)),
    humidityPct: h,
    pressurePa: round(pressure, 10),
    windSpeedMs: w,
    windGustMs: Math.max(w, tenths(gust)),
    windDirectionDeg: Math.round(direction) % 360,
    precipitationMm: precipitation,
    cloudCoverPct: Math.round(cloud),
    visibilityM: round(visibility, 100),
    condition,
  };
}

/** A forecast's chance of precipitation that agrees with its measures (certain when it rains). */
export function demoPrecipitationChance(m: Measures): number {
  if ((m.precipitationMm ?? 0) > 0)
    return Math.min(100, 70 + Math.round((m.precipitationMm ?? 0) * 10));
  return Math.round(((m.cloudCoverPct ?? 0) / 100) ** 2 * 55);
}
