import { ConfigError } from '../../../config/env.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../contract/durations.ts';
import type { Place } from '../../../domain/place.ts';
import { startOfHour } from '../../../domain/weather/time.ts';
import { FORECAST_HOURS } from '../../../domain/weather/weather.ts';
import { MAX_NEXT_UPDATE_DAYS } from '../../row-reader.ts';
import { type Conditional, coordinate, type ProviderModule, type RawRow } from '../provider.ts';
import { getJson, httpDate, ProviderError } from '../provider-http.ts';
import { metSymbolCondition } from './met-norway-conditions.ts';

export const MET_NORWAY_URL = 'https://api.met.no/weatherapi/locationforecast/2.0/compact';

const SOURCE = 'met-norway';
/** When an answer carries no usable Expires: MET's own models update hourly at best. */
const DEFAULT_LIFETIME_MS = HOUR_MS;

/** `compact` variables isobar stores: the row field each becomes, and the unit it must be in. */
const INSTANT: [variable: string, field: string, unit: string][] = [
  ['air_temperature', 'temperature_c', 'celsius'],
  ['relative_humidity', 'humidity_pct', '%'],
  ['air_pressure_at_sea_level', 'pressure_hpa', 'hPa'],
  ['wind_speed', 'wind_speed_ms', 'm/s'],
  ['wind_from_direction', 'wind_direction_deg', 'degrees'],
  ['cloud_area_fraction', 'cloud_cover_pct', '%'],
];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

/** The periods a step may describe the weather of, finest first, with their length in hours. */
const PERIODS = [
  ['next_1_hours', 1],
  ['next_6_hours', 6],
  ['next_12_hours', 12],
] as const;

/**
 * One time step: the instant's details, and the weather of the period after it. Locationforecast
 * steps are hourly (with `next_1_hours`) for about 2.5 days, then 6-hourly (`next_6_hours` first),
 * and the last ones carry `next_12_hours` only; the finest period a step has is the one it covers.
 */
function rowAt(step: Json, units: Json): { at: Date; fields: RawRow } | null {
  const at = typeof step.time === 'string' ? new Date(step.time) : null;
  const data = obj(step.data);
  const details = obj(obj(data?.instant)?.details);
  if (!at || Number.isNaN(at.getTime()) || !data || !details) {
    throw new ProviderError('malformed', 'a time step lacks time or data.instant.details');
  }
  const found = PERIODS.find(([key]) => obj(data[key]) !== undefined);
  if (!found) return null;
  const next = obj(data[found[0]])!;
  const condition = metSymbolCondition(obj(next.summary)?.symbol_code);
  if (!condition) return null;
  const fields: RawRow = { condition, period_hours: found[1] };
  for (const [variable, field, unit] of INSTANT) {
    const value = details[variable];
    if (value === undefined || value === null) continue;
    if (units[variable] !== undefined && units[variable] !== unit) {
      throw new ProviderError('malformed', `${variable} in "${units[variable]}", not ${unit}`);
    }
    if (typeof value !== 'number')
      throw new ProviderError('malformed', `${variable} is not a number`);
    fields[field] = value;
  }
  // The amount over the step's own period, stored with its length: a 6-hour step's is 6 hours'.
  const amount = obj(next.details)?.precipitation_amount;
  if (typeof amount === 'number') fields.precipitation_mm = amount;
  return { at, fields };
}

/** A step's fields as an hour's: an observation has no period, and only an hour's amount. */
function hourOf({ period_hours: period, precipitation_mm: amount, ...fields }: RawRow): RawRow {
  return period === 1 && amount !== undefined ? { ...fields, precipitation_mm: amount } : fields;
}

function parse(body: unknown, place: Place, now: Date, nextUpdate: Date) {
  const properties = obj(obj(body)?.properties);
  const meta = obj(properties?.meta);
  const steps = properties?.timeseries;
  const issued = typeof meta?.updated_at === 'string' ? meta.updated_at : undefined;
  if (!meta || !issued || !Array.isArray(steps) || steps.length === 0) {
    throw new ProviderError('malformed', 'properties.meta.updated_at or timeseries missing');
  }
  const units = obj(meta.units) ?? {};
  const base = {
    place: place.geonamesId,
    source: SOURCE,
    next_update_at: nextUpdate,
  };
  const from = startOfHour(now).getTime();
  const rows = steps.map((s) => rowAt(obj(s) ?? {}, units)).filter((r) => r !== null);
  // "Now" is the step of the current hour: a forecast, labelled with its source like any other.
  const current = rows.filter((r) => r.at.getTime() <= now.getTime()).at(-1);
  const observations =
    current && current.at.getTime() >= from
      ? [{ ...base, observed_at: current.at, ...hourOf(current.fields) }]
      : [];
  const forecasts = rows
    .filter((r) => r.at.getTime() >= from && r.at.getTime() < from + FORECAST_HOURS * HOUR_MS)
    .map((r) => ({ ...base, issued_at: issued, valid_at: r.at, ...r.fields }));
  if (forecasts.length === 0) throw new ProviderError('malformed', 'no usable time step');
  return { observations, forecasts };
}

/**
 * Expires as a promise: never in the past, never further ahead than a stored next update may be
 * (MAX_NEXT_UPDATE_DAYS, which the write path refuses past), and a default when missing.
 */
export function expiry(headers: Headers, now: Date): Date {
  const at = httpDate(headers.get('expires'));
  if (!at) return new Date(now.getTime() + DEFAULT_LIFETIME_MS);
  const latest = now.getTime() + MAX_NEXT_UPDATE_DAYS * DAY_MS;
  return new Date(Math.min(Math.max(at.getTime(), now.getTime() + MINUTE_MS), latest));
}

/** MET Norway's Locationforecast 2.0 `compact`, used as its Terms of Service ask. */
export const metNorway: ProviderModule = {
  name: 'met-norway',
  create(config, options = {}) {
    const userAgent = config.MET_NORWAY_USER_AGENT;
    if (!userAgent) {
      throw new ConfigError(
        'MET_NORWAY_USER_AGENT: required to use met-norway; its terms ask every client to ' +
          'identify itself with a contact, e.g. "isobar.example.com ops@example.com"',
      );
    }
    return {
      name: 'met-norway',
      source: SOURCE,
      dailyBudget: config.MET_NORWAY_DAILY_BUDGET,
      async fetch(place, previous, now) {
        const url = new URL(config.MET_NORWAY_URL);
        url.searchParams.set('lat', coordinate(place.latitude));
        url.searchParams.set('lon', coordinate(place.longitude));
        const headers: Record<string, string> = {
          'user-agent': userAgent,
          accept: 'application/json',
        };
        if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
        const answer = await getJson(url, {
          headers,
          timeoutMs: options.timeoutMs ?? 10_000,
          maxBytes: config.PROVIDER_MAX_BODY_BYTES,
          fetch: options.fetch,
          now,
        });
        const nextUpdateAt = expiry(answer.headers, now);
        const conditional: Conditional = {
          lastModified: answer.headers.get('last-modified') ?? previous.lastModified,
          expiresAt: nextUpdateAt,
        };
        const warning =
          answer.status === 203
            ? `${url.origin}${url.pathname} answers 203: this version is deprecated or in beta`
            : undefined;
        if (answer.status === 304) return { status: 'not-modified', nextUpdateAt, conditional };
        const rows = parse(answer.body, place, now, nextUpdateAt);
        return { status: 'updated', ...rows, nextUpdateAt, conditional, warning };
      },
    };
  },
};
