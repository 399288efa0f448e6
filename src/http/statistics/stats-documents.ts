import type { z } from '@hono/zod-openapi';
import { addDays, dayPath, daysBetween } from '../../contract/uris/day-uri.ts';
import { climatologyPath, type Period } from '../../contract/uris/statistics-uri.ts';
import {
  DEMO_NOTICE,
  GEONAMES_ATTRIBUTION,
  locationJson,
  unitsJson,
} from '../../documents/place-document.ts';
import { sourceAttributions } from '../../domain/attributions.ts';
import type { Place } from '../../domain/place.ts';
import {
  type Anomaly,
  type MonthClimate,
  type Normal,
  normalOf,
  twelveMonths,
} from '../../domain/weather/climate-statistics.ts';
import { preferredByDate } from '../../domain/weather/day.ts';
import { displayDaily, type UnitSystem } from '../../domain/weather/units.ts';
import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import type { Climatology, Records } from '../../store/statistics/place-stats.ts';
import type { DailySummary } from '../../store/weather/daily.ts';
import type {
  anomalySchema,
  climatologySchema,
  dailyStatsSchema,
  recordsSchema,
} from './stats-document-schemas.ts';
import { maybe, statUnits, twoDecimals } from './stats-units.ts';

const attribution = (sources: readonly (string | null)[]) => [
  GEONAMES_ATTRIBUTION,
  ...sourceAttributions(sources),
];
const notice = (sources: readonly (string | null)[]) =>
  sources.includes(DEMO_SOURCE) ? { notice: DEMO_NOTICE } : {};

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, c] of counts) if (best === null || c > counts.get(best)!) best = v;
  return best;
}

/** The daily series of a period, one entry per calendar day, with each day's normal band. */
export function dailyStatsDocument(
  place: Place,
  period: Period,
  summaries: readonly DailySummary[],
  climatology: Climatology,
  units: UnitSystem,
): z.infer<typeof dailyStatsSchema> {
  const u = statUnits(units);
  const byDate = new Map(preferredByDate(summaries).map((ranked) => [ranked[0].date, ranked[0]]));
  const normals = twelveMonths(climatology.months).map(normalOf);
  const span = daysBetween(period.from, period.to) + 1;
  const days = Array.from({ length: span }, (_, i) => {
    const date = addDays(period.from, i);
    const s = byDate.get(date);
    const normal = normals[Number(date.slice(5, 7)) - 1]!;
    const v = s ? displayDaily(s, units) : null;
    return {
      date,
      source: s?.source ?? null,
      temperature_min: v?.temperatureMin ?? null,
      temperature_max: v?.temperatureMax ?? null,
      temperature_mean: v?.temperatureMean ?? null,
      precipitation: v?.precipitation ?? null,
      complete: s?.complete ?? null,
      normal: normal && {
        temperature_mean: u.temp(normal.mean),
        temperature_p10: u.temp(normal.p10),
        temperature_p90: u.temp(normal.p90),
      },
    };
  });
  const shownSources = [...byDate.values()].map((s) => s.source);
  return {
    location: locationJson(place),
    from: period.from,
    to: period.to,
    source: mostCommon(shownSources),
    ...notice([...shownSources, climatology.source]),
    normals_source: climatology.source,
    units: unitsJson(units),
    days,
    attribution: attribution([...new Set(shownSources), climatology.source]),
  };
}

function monthJson(m: MonthClimate, units: UnitSystem) {
  const u = statUnits(units);
  return {
    month: m.month,
    days: m.days,
    years: m.years,
    temperature_mean: maybe(m.mean, u.temp),
    temperature_sd: maybe(m.sd, u.delta),
    temperature_p10: maybe(m.p10, u.temp),
    temperature_p50: maybe(m.p50, u.temp),
    temperature_p90: maybe(m.p90, u.temp),
    temperature_min_mean: maybe(m.minMean, u.temp),
    temperature_max_mean: maybe(m.maxMean, u.temp),
    precipitation_daily_mean: maybe(m.precipitationDailyMean, u.depth),
    precipitation_monthly_mean: maybe(m.precipitationMonthlyMean, u.depth),
  };
}

/** Twelve calendar months over all the years held. */
export function climatologyDocument(
  place: Place,
  c: Climatology,
  units: UnitSystem,
): z.infer<typeof climatologySchema> {
  return {
    location: locationJson(place),
    source: c.source,
    ...notice([c.source]),
    units: unitsJson(units),
    first_date: c.firstDate,
    last_date: c.lastDate,
    months: twelveMonths(c.months).map((m) => monthJson(m, units)),
    attribution: attribution([c.source]),
  };
}

/** The hottest, coldest and wettest days held. */
export function recordsDocument(
  place: Place,
  r: Records,
  limit: number,
  units: UnitSystem,
): z.infer<typeof recordsSchema> {
  const u = statUnits(units);
  const link = (date: string) => dayPath(place.countryCode, place.slug, date, 'json');
  const list = (days: Records['hottest'], f: (v: number) => number) =>
    days.map((d) => ({ date: d.date, value: f(d.value), link: link(d.date) }));
  return {
    location: locationJson(place),
    source: r.source,
    ...notice([r.source]),
    units: unitsJson(units),
    limit,
    days: r.days,
    first_date: r.firstDate,
    last_date: r.lastDate,
    hottest: list(r.hottest, u.temp),
    coldest: list(r.coldest, u.temp),
    wettest: list(r.wettest, u.depth),
    attribution: attribution([r.source]),
  };
}

const REASONS = {
  'no-data': 'there is no summary of this day',
  'too-few-days': 'fewer than 10 days of this calendar month are held: there is no normal yet',
  'no-spread': 'every day of this calendar month had the same mean: there is no z-score',
} as const;

/** A day's mean temperature against its normal. */
export function anomalyDocument(
  place: Place,
  date: string,
  day: DailySummary | undefined,
  normalSource: string | null,
  normal: Normal | null,
  anomaly: Anomaly,
  units: UnitSystem,
): z.infer<typeof anomalySchema> {
  const u = statUnits(units);
  const sources = [day?.source ?? null, normalSource];
  const ref = `${place.countryCode}/${place.slug}`;
  return {
    location: locationJson(place),
    date,
    source: day?.source ?? null,
    ...notice(sources),
    units: unitsJson(units),
    temperature_mean: maybe(day?.temperatureMeanC ?? null, u.temp),
    normal:
      normal && normalSource
        ? {
            source: normalSource,
            month: normal.month,
            days: normal.days,
            years: normal.years,
            temperature_mean: u.temp(normal.mean),
            temperature_sd: maybe(normal.sd, u.delta),
            temperature_p10: u.temp(normal.p10),
            temperature_p90: u.temp(normal.p90),
          }
        : null,
    difference: maybe(anomaly.difference, u.delta),
    z_score: maybe(anomaly.zScore, twoDecimals),
    reason: anomaly.reason && { code: anomaly.reason, detail: REASONS[anomaly.reason] },
    links: {
      day: dayPath(place.countryCode, place.slug, date, 'json'),
      climatology: climatologyPath(ref, units),
    },
    attribution: attribution([...new Set(sources)]),
  };
}
