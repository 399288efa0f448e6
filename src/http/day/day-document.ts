import type { z } from '@hono/zod-openapi';
import { dayPath } from '../../contract/uris/day-uri.ts';
import type { dayDocumentSchema } from '../../documents/document-schemas.ts';
import {
  DEMO_NOTICE,
  GEONAMES_ATTRIBUTION,
  locationJson,
  shown,
  unitsJson,
} from '../../documents/place-document.ts';
import { sourceAttributions } from '../../domain/attributions.ts';
import { zonedFormatter } from '../../domain/weather/time.ts';
import { displayDaily, type UnitSystem } from '../../domain/weather/units.ts';
import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import type { DailySummary } from '../../store/weather/daily.ts';
import type { PlaceDay } from '../../store/weather/place-day.ts';

/** The JSON document of a day of a place, as its schema declares it. */
export type DayDocument = z.infer<typeof dayDocumentSchema>;

const ISO_MINUTE = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
} as const;

/**
 * `2026-10-25T01:00+01:00`: an instant in a zone's local time with its offset, which tells the
 * two 01:00s of the night the clocks go back apart.
 */
export function localIsoMinute(at: Date, timeZone: string): string {
  const f = zonedFormatter('iso-minute', timeZone, 'en-CA', ISO_MINUTE);
  const p = Object.fromEntries(f.formatToParts(at).map((part) => [part.type, part.value]));
  // longOffset writes `GMT+01:00`, or a bare `GMT` for UTC itself.
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : (p.timeZoneName ?? '').replace('GMT', '');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}${offset}`;
}

/** A source's summary of a day, in a unit system, under its JSON names. */
export function daySummaryJson(s: DailySummary, units: UnitSystem): DayDocument['summary'] {
  const v = displayDaily(s, units);
  return {
    condition: s.condition,
    temperature_min: v.temperatureMin,
    temperature_max: v.temperatureMax,
    temperature_mean: v.temperatureMean,
    precipitation: v.precipitation,
    wind_speed_mean: v.windSpeedMean,
    wind_gust_max: v.windGustMax,
    hours_covered: s.hours,
    complete: s.complete,
  };
}

/**
 * The JSON document of a local day (`/{CC}/{Name}/{YYYY-MM-DD}.json`): the summary of the
 * preferred source (`ranked[0]`), and that source's hourly observations of the day.
 */
export function dayDocument(
  day: PlaceDay,
  ranked: readonly [DailySummary, ...DailySummary[]],
  units: UnitSystem,
): DayDocument {
  const [summary, ...others] = ranked;
  const { countryCode, slug, timezone } = day.place;
  const link = (date: string, format: 'html' | 'json' | 'txt' = 'html') =>
    dayPath(countryCode, slug, date, format);
  const date = summary.date;
  return {
    location: locationJson(day.place),
    date,
    source: summary.source,
    other_sources: others.map((o) => o.source),
    ...(summary.source === DEMO_SOURCE ? { notice: DEMO_NOTICE } : {}),
    units: unitsJson(units),
    summary: daySummaryJson(summary, units),
    observations: day.observations
      .filter((o) => o.source === summary.source)
      .map((o) => ({
        time: o.observedAt.toISOString(),
        local_time: localIsoMinute(o.observedAt, timezone),
        ...shown(o, units),
      })),
    links: {
      html: link(date),
      json: link(date, 'json'),
      txt: link(date, 'txt'),
      // The nearest days with data, as the page links them: never a link to a 404.
      previous_day: day.nearest.previous ? link(day.nearest.previous) : null,
      next_day: day.nearest.next ? link(day.nearest.next) : null,
    },
    attribution: [GEONAMES_ATTRIBUTION, ...sourceAttributions([summary.source])],
  };
}
