import { HOUR_MS, MINUTE_MS } from '../../../contract/durations.ts';
import type { Place } from '../../../domain/place.ts';
import { startOfHour } from '../../../domain/weather/time.ts';
import { FORECAST_HOURS } from '../../../domain/weather/weather.ts';
import { coordinate, type FetchResult, type ProviderModule, type RawRow } from '../provider.ts';
import { getJson, ProviderError } from '../provider-http.ts';
import { wmoCondition } from './open-meteo-conditions.ts';
import { CHANCE, fieldsIn, VARIABLES } from './open-meteo-units.ts';

/** The free, non-commercial endpoint, and the one commercial API keys are for. */
export const OPEN_METEO_URL = 'https://api.open-meteo.com/v1/forecast';
export const OPEN_METEO_CUSTOMER_URL = 'https://customer-api.open-meteo.com/v1/forecast';

/**
 * Hours of forecast asked for and stored, every one of them hourly: ten days (Open-Meteo has
 * 16), inside the two weeks past which a request counts as more than one call.
 */
const HOURS = FORECAST_HOURS;
const SOURCE = 'open-meteo';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const NAMES = VARIABLES.map((v) => v.variable).filter((v) => v !== 'visibility');
const CURRENT = [...NAMES, 'weather_code'];
const HOURLY = [...NAMES, 'visibility', CHANCE.variable, 'weather_code'];

/**
 * What one place costs in Open-Meteo's own count of API calls, in which its limits are set
 * (10,000 a day on the free API): up to 10 variables, current and hourly together, are one
 * call, more count pro rata (ten days is inside the two weeks past which the days weigh too),
 * and a request for several places counts this for each of them.
 */
export const CALLS_PER_REQUEST = Math.max(1, (CURRENT.length + HOURLY.length) / 10);

/** Places asked in one request: comma-separated coordinate lists, answered by an array. */
const BATCH = 50;

function request(base: string, places: readonly Place[], apiKey: string | undefined): URL {
  const url = new URL(base);
  url.searchParams.set('latitude', places.map((p) => coordinate(p.latitude)).join(','));
  url.searchParams.set('longitude', places.map((p) => coordinate(p.longitude)).join(','));
  url.searchParams.set('current', CURRENT.join(','));
  url.searchParams.set('hourly', HOURLY.join(','));
  // Asked in SI where it offers it, but each answer's *_units is what is believed.
  url.searchParams.set('wind_speed_unit', 'ms');
  url.searchParams.set('timezone', 'GMT');
  url.searchParams.set('forecast_hours', String(HOURS));
  if (apiKey) url.searchParams.set('apikey', apiKey);
  return url;
}

/** A time as Open-Meteo writes it: local ISO without a zone (shifted by utc_offset_seconds), or unixtime. */
function instant(value: unknown, offsetS: number): Date | null {
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  return new Date(Date.parse(`${value}:00Z`) - offsetS * 1000);
}

function parse(body: unknown, place: Place, now: Date, nextUpdate: Date) {
  if (!isObject(body)) throw new ProviderError('malformed', 'the answer is not a JSON object');
  if (body.error === true) throw new ProviderError('refused', `refused: ${String(body.reason)}`);
  const { current, current_units: cu, hourly, hourly_units: hu } = body;
  if (!isObject(current) || !isObject(cu) || !isObject(hourly) || !isObject(hu)) {
    throw new ProviderError('malformed', 'current, current_units, hourly or hourly_units missing');
  }
  const offsetS = typeof body.utc_offset_seconds === 'number' ? body.utc_offset_seconds : 0;
  const times = hourly.time;
  if (!Array.isArray(times)) throw new ProviderError('malformed', 'hourly.time is missing');
  const base = {
    place: place.geonamesId,
    source: SOURCE,
    next_update_at: nextUpdate,
  };

  const observedAt = instant(current.time, offsetS);
  const condition = wmoCondition(current.weather_code);
  if (!observedAt || !condition) {
    throw new ProviderError('malformed', 'current.time or current.weather_code is missing');
  }
  // `current` is one step of `interval` seconds (900: Open-Meteo's current conditions are
  // 15-minutely), and its precipitation that step's sum. isobar's is an hour's, so a shorter
  // step's amount is left out rather than passed off as the hour's.
  const wholeHour = current.interval === 3600;
  const currentFields = fieldsIn(VARIABLES, cu);
  const observation: RawRow = { ...base, observed_at: observedAt, condition };
  currentFields((v) => (v === 'precipitation' && !wholeHour ? undefined : current[v]), observation);

  const from = startOfHour(now).getTime();
  const forecasts: RawRow[] = [];
  const hourFields = fieldsIn([...VARIABLES, CHANCE], hu);
  times.forEach((t, i) => {
    const validAt = instant(t, offsetS);
    if (!validAt) throw new ProviderError('malformed', `hourly.time[${i}] is not a time`);
    if (validAt.getTime() < from || validAt.getTime() >= from + HOURS * HOUR_MS) return;
    const at = (v: string) => (Array.isArray(hourly[v]) ? hourly[v][i] : undefined);
    const hourCondition = wmoCondition(at('weather_code'));
    // An hour the model says nothing about is left out rather than invented.
    if (!hourCondition) return;
    // Each row made whole and filled in place, not spread together: 240 a place, and spreads
    // were a refresh worker's second largest allocation (bench:refresh, "CPU per refresh").
    const row: RawRow = {
      place: place.geonamesId,
      source: SOURCE,
      next_update_at: nextUpdate,
      issued_at: now,
      valid_at: validAt,
      condition: hourCondition,
    };
    hourFields(at, row);
    forecasts.push(row);
  });
  return { observations: [observation], forecasts };
}

/** Open-Meteo's forecast API (JSON `current` + `hourly`), free or commercial. */
export const openMeteo: ProviderModule = {
  name: 'open-meteo',
  create(config, options = {}) {
    const base =
      config.OPEN_METEO_URL ??
      (config.OPEN_METEO_API_KEY ? OPEN_METEO_CUSTOMER_URL : OPEN_METEO_URL);
    const refreshMs = config.OPEN_METEO_REFRESH_MINUTES * MINUTE_MS;
    async function fetchMany(places: readonly Place[], now: Date): Promise<FetchResult[]> {
      const answer = await getJson(request(base, places, config.OPEN_METEO_API_KEY), {
        headers: { accept: 'application/json' },
        timeoutMs: options.timeoutMs ?? 10_000,
        maxBytes: config.PROVIDER_MAX_BODY_BYTES,
        fetch: options.fetch,
        now,
      });
      // One place is answered by an object, several by an array of them, in the order asked.
      const bodies = places.length === 1 ? [answer.body] : answer.body;
      if (!Array.isArray(bodies) || bodies.length !== places.length) {
        throw new ProviderError('malformed', `not an array of ${places.length} answers`);
      }
      // Open-Meteo publishes no Expires: its models update about hourly, so the configured
      // refresh is the promise made to readers.
      const nextUpdateAt = new Date(now.getTime() + refreshMs);
      const conditional = { lastModified: null, expiresAt: null };
      return places.map((place, i) => ({
        status: 'updated' as const,
        ...parse(bodies[i], place, now, nextUpdateAt),
        nextUpdateAt,
        conditional,
      }));
    }
    return {
      name: 'open-meteo',
      source: SOURCE,
      // The setting counts calls as Open-Meteo does, so it can be set to the plan's limit; a
      // unit of the budget is one place asked, whether alone or in a batch.
      dailyBudget: Math.floor(config.OPEN_METEO_DAILY_BUDGET / CALLS_PER_REQUEST),
      batchSize: BATCH,
      fetchMany,
      async fetch(place, _previous, now) {
        return (await fetchMany([place], now))[0]!;
      },
    };
  },
};
