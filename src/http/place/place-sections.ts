import { html, raw } from 'hono/html';
import type { PlaceDocument } from '../../documents/place-document.ts';
import { compass } from '../../domain/weather/compass.ts';
import { localDate } from '../../domain/weather/day.ts';
import { isDaylight, sunDay } from '../../domain/weather/sun.ts';
import { type ChartHour, meteogram } from './chart/meteogram.ts';
import { currentClimateWords } from './climate-words.ts';
import { hourlySteps } from './hourly-steps.ts';
import { localDayTime, localTime } from './local-time.ts';
import { conditionWords } from './place-text.ts';
import { symbolAt, symbolImg } from './symbol.ts';

type Units = PlaceDocument['units'];

/** `12.5°C`, `14 km/h`, or a dash for nothing. */
export const v = (value: number | null, unit: string) =>
  value === null
    ? '–'
    : `${value < 0 ? '−' : ''}${Math.abs(value)}${unit.startsWith('°') ? '' : ' '}${unit}`;

/** The current conditions, large: what most visitors came for. */
export function nowSection(doc: PlaceDocument) {
  const { current: c, units: u, location: loc } = doc;
  if (!c) return html`<p>No current conditions for this place yet.</p>`;
  const wind =
    c.wind_speed === null
      ? '–'
      : `${v(c.wind_speed, u.wind)}${c.wind_direction === null ? '' : ` from ${compass(c.wind_direction)}`}`;
  return html`<section class="current" aria-label="Current conditions">
${symbolImg(symbolAt(c.condition, new Date(c.observed_at), loc), 88, 'symbol-now')}
<div><div class="now">${v(c.temperature, u.temperature)}</div>
<p class="sky">${conditionWords(c.condition)}</p>
<p>Feels like ${v(c.apparent_temperature, u.temperature)} · wind ${wind}${c.wind_gust === null ? '' : `, gusts ${v(c.wind_gust, u.wind)}`} ·
humidity ${v(c.humidity, '%')} · ${v(c.pressure, u.pressure)}</p>
${c.climate ? html`<p class="climate">${currentClimateWords(c.climate, u.temperature)}</p>` : ''}
<p class="muted">Observed ${localTime(new Date(c.observed_at), loc.timezone)} local time · source: ${c.source}</p></div>
</section>`;
}

const hm = (seconds: number) =>
  `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;

/** Sunrise, sunset and day length for the place's local date at `now`. */
export function sunSection(doc: PlaceDocument, now: Date) {
  const loc = doc.location;
  const date = localDate(now, loc.timezone);
  const sun = sunDay(date, loc.latitude, loc.longitude, loc.timezone);
  const at = (d: Date) => localTime(d, loc.timezone);
  const body =
    sun.polar === 'day'
      ? html`<p>Midnight sun: the sun does not set today (24 h of daylight).</p>`
      : sun.polar === 'night'
        ? html`<p>Polar night: the sun does not rise today.</p>`
        : html`<dl><div><dt>Sunrise</dt><dd>${at(sun.sunrise!)}</dd></div><div><dt>Sunset</dt><dd>${at(sun.sunset!)}</dd></div><div><dt>Day length</dt><dd>${hm(sun.dayLengthS)}</dd></div></dl>`;
  return html`<section class="sun" aria-label="Sun today">${body}</section>`;
}

/** The forecast's hourly steps as the meteogram draws them, in the document's units. */
export function chartHours(doc: PlaceDocument, steps = hourlySteps(doc)): ChartHour[] {
  const loc = doc.location;
  return steps.map((h) => ({
    time: new Date(h.time),
    temperature: h.temperature,
    precipitation: h.precipitation,
    windSpeed: h.wind_speed,
    windDirection: h.wind_direction,
    symbol: symbolAt(h.condition, new Date(h.time), loc),
    night: !isDaylight(new Date(h.time), loc.latitude, loc.longitude),
  }));
}

/** The meteogram, scrolling sideways in its own box on a narrow screen, with a legend. */
export function chartSection(doc: PlaceDocument, u: Units = doc.units) {
  const loc = doc.location;
  const steps = hourlySteps(doc);
  const svg = meteogram({ hours: chartHours(doc, steps), timeZone: loc.timezone, units: u });
  if (!svg) return doc.forecast.days.length > 0 ? '' : html`<p>No forecast for this place yet.</p>`;
  return html`<h2>Next ${steps.length} hours</h2>
<figure class="chart"><div class="scroll" role="region" aria-label="Forecast chart (scrolls sideways)" tabindex="0">${raw(svg)}</div>
<figcaption class="muted">Line with dots: temperature (${u.temperature}; below zero blue, with filled dots and a minus sign) ·
hatched bars: precipitation per hour (${u.precipitation}, right scale) · shaded: night ·
arrows: wind, pointing where it blows, speed in ${u.wind} · hours in local time.</figcaption></figure>`;
}

/** Every hour as a table, folded away, in its own box that scrolls (by keyboard too) when narrow. */
export function hourlySection(doc: PlaceDocument) {
  const { units: u, location: loc } = doc;
  const steps = hourlySteps(doc);
  if (steps.length === 0) return '';
  return html`<details class="hourly"><summary>Hour by hour (table)</summary>
<div class="scroll" role="region" aria-label="Hour by hour (scrolls sideways)" tabindex="0"><table><thead><tr><th>Local time</th><th>Sky</th><th>Temp</th><th>Precip.</th><th>Chance</th><th>Wind</th></tr></thead><tbody>
${steps.map((h) => {
  const at = new Date(h.time);
  // The words under the symbol are for sight only (its alt says them): a phone drops them.
  return html`<tr><td>${localDayTime(at, loc.timezone)}</td><td class="sky-cell">${symbolImg(symbolAt(h.condition, at, loc), 32, 'symbol')}<span class="words" aria-hidden="true">${conditionWords(h.condition)}</span></td>
<td>${v(h.temperature, u.temperature)}</td><td>${v(h.precipitation, u.precipitation)}</td>
<td>${v(h.precipitation_probability, '%')}</td><td>${v(h.wind_speed, u.wind)}${h.wind_direction === null ? '' : ` ${compass(h.wind_direction)}`}</td></tr>`;
})}
</tbody></table></div></details>`;
}
