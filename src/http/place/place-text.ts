import type { PlaceDocument } from '../../documents/place-document.ts';
import { compass } from '../../domain/weather/compass.ts';
import { alertLines } from '../alerts/alert-words.ts';
import { currentClimateWords, dayClimateWords } from './climate-words.ts';
import { hourlySteps } from './hourly-steps.ts';
import { localDayTime, localTime } from './local-time.ts';

const CONDITION_WORDS: Record<string, string> = {
  clear: 'Clear',
  'partly-cloudy': 'Partly cloudy',
  cloudy: 'Cloudy',
  fog: 'Fog',
  drizzle: 'Drizzle',
  rain: 'Rain',
  snow: 'Snow',
  thunderstorm: 'Thunderstorm',
};

export const conditionWords = (condition: string) => CONDITION_WORDS[condition] ?? condition;

/** What a page says when the source missed its promised update; null when it did not. */
export function behindWords(doc: PlaceDocument): string | null {
  const { behind, as_of: asOf, next_update_at: due } = doc.updates;
  if (!behind || !due) return null;
  const at = (iso: string) => localDayTime(new Date(iso), doc.location.timezone);
  const shown = asOf ? `; showing its data of ${at(asOf)}` : '';
  return `The source is behind: the update due ${at(due)} (local time) has not arrived${shown}.`;
}

/**
 * Each source with its run and its next update, in local time: `met-norway (current, forecast):
 * run Sun 6 Dec 10:00, received 10:41, next expected 11:41`. What a reader schedules a return by.
 */
export function sourceLines(doc: PlaceDocument): string[] {
  const at = (iso: string) => localDayTime(new Date(iso), doc.location.timezone);
  return doc.sources.map((s) => {
    const times = [
      ...(s.issued_at ? [`run ${at(s.issued_at)}`] : []),
      ...(s.received_at ? [`received ${at(s.received_at)}`] : []),
      `next expected ${at(s.next_update_at)}`,
    ];
    return `${s.source} (${s.provides.join(', ')}): ${times.join(', ')}`;
  });
}

/** How soon a page whose weather is on its way reloads itself: the answer's lifetime. */
export const FETCHING_RELOAD_S = 5;

/** What a page says while a place's first weather is being fetched. */
export function fetchingWords(doc: PlaceDocument): string {
  return `Fetching the weather for ${doc.location.name} now: this page shows it in a few seconds.`;
}

const value = (v: number | null, unit: string) =>
  v === null ? '–' : `${v} ${unit}`.replace(' °', '°');
const pad = (text: string, width: number) => text.padEnd(width);

/**
 * `Wind 14 km/h from NE, ` as the page says it (a compass word, not degrees), with only what is
 * known: `Wind 14 km/h, ` without a direction, nothing without a speed.
 */
function windWords(c: { wind_speed: number | null; wind_direction: number | null }, unit: string) {
  if (c.wind_speed === null) return '';
  const from = c.wind_direction === null ? '' : ` from ${compass(c.wind_direction)}`;
  return `Wind ${value(c.wind_speed, unit)}${from}, `;
}
const DAY_NAME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
/** `Sun 6 Dec` for `2026-12-06`: a local date, named as it is, whatever the zone. */
export const dayName = (date: string) => DAY_NAME.format(new Date(`${date}T00:00:00Z`));

/** The plain-text view (`/{CC}/{Name}.txt`), for terminals and `curl`. */
export function placeText(doc: PlaceDocument): string {
  const { location: loc, units: u, current, forecast } = doc;
  const tz = loc.timezone;
  const lines = [
    `${loc.name}, ${loc.country} (${loc.latitude.toFixed(2)}, ${loc.longitude.toFixed(2)})`,
    '',
    ...alertLines(doc),
  ];
  if (doc.notice) lines.push(`NOTE: ${doc.notice}`, '');
  if (doc.fetching) {
    lines.push(
      `FETCHING: the weather for this place is on its way: ask again in a few seconds.`,
      '',
    );
  }
  const behind = behindWords(doc);
  if (behind) lines.push(`BEHIND: ${behind}`, '');
  if (current) {
    lines.push(
      `Now (${localTime(new Date(current.observed_at), tz)} local, source: ${current.source})`,
      `  ${conditionWords(current.condition)}, ${value(current.temperature, u.temperature)}` +
        ` (feels like ${value(current.apparent_temperature, u.temperature)})`,
      `  ${windWords(current, u.wind)}humidity ${value(current.humidity, '%')}, ` +
        `pressure ${value(current.pressure, u.pressure)}`,
      ...(current.climate ? [`  ${currentClimateWords(current.climate, u.temperature)}`] : []),
      '',
    );
  } else {
    lines.push('No current conditions for this place yet.', '');
  }
  const hourly = hourlySteps(doc);
  if (hourly.length > 0) {
    lines.push(`Forecast (local time, source: ${forecast.source})`);
    for (const h of hourly.filter((_, i) => i % 3 === 0)) {
      lines.push(
        `  ${pad(localDayTime(new Date(h.time), tz), 10)} ${pad(conditionWords(h.condition), 14)}` +
          ` ${pad(value(h.temperature, u.temperature), 9)} ${pad(value(h.precipitation, u.precipitation), 9)}` +
          ` ${value(h.wind_speed, u.wind)}`,
      );
    }
    lines.push('');
  }
  if (forecast.days.length > 0) {
    lines.push(`Days (local dates, high / low, precipitation, wind to)`);
    for (const d of forecast.days) {
      const covered = d.hours_covered < 24 ? ` (${d.hours_covered} h of forecast)` : '';
      const climate = dayClimateWords(d.climate, u.temperature);
      lines.push(
        `  ${pad(dayName(d.date), 10)} ${pad(conditionWords(d.condition), 14)}` +
          ` ${pad(`${value(d.temperature_max, u.temperature)} / ${value(d.temperature_min, u.temperature)}`, 17)}` +
          ` ${pad(value(d.precipitation, u.precipitation), 9)} ${value(d.wind_speed_max, u.wind)}${covered}` +
          (climate.length > 0 ? ` · ${climate.join(', ')}` : ''),
      );
    }
    lines.push('');
  }
  lines.push(...sourceLines(doc).map((line) => `-- ${line}`));
  lines.push(...doc.attribution.map((a) => `-- ${a}`));
  return `${lines.join('\n')}\n`;
}
