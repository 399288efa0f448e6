import { html, raw } from 'hono/html';
import { shown } from '../../documents/place-document.ts';
import { isDaylight } from '../../domain/weather/sun.ts';
import type { UnitSystem } from '../../domain/weather/units.ts';
import type { Condition, ForecastHour } from '../../domain/weather/weather.ts';
import { type ChartHour, meteogram } from '../place/chart/meteogram.ts';
import { symbolAt } from '../place/symbol.ts';
import type { DayDocument } from './day-document.ts';

interface HourValues {
  temperature: number | null;
  precipitation: number | null;
  wind_speed: number | null;
  wind_direction: number | null;
  condition: Condition | null;
}

const chartHour = (time: Date, h: HourValues, loc: DayDocument['location']): ChartHour => ({
  time,
  temperature: h.temperature,
  precipitation: h.precipitation,
  windSpeed: h.wind_speed,
  windDirection: h.wind_direction,
  symbol: h.condition ? symbolAt(h.condition, time, loc) : null,
  night: !isDaylight(time, loc.latitude, loc.longitude),
});

/**
 * The day's hours as the place page's meteogram: the observed hours, then (while the day is not
 * over) the forecast for the rest of it, on a shaded band. Nothing when there are no hours: a
 * source that sent the day whole has none.
 */
export function dayChartSection(doc: DayDocument, forecast: readonly ForecastHour[]) {
  const { location: loc, units: u } = doc;
  const observed = doc.observations.map((o) => chartHour(new Date(o.time), o, loc));
  const system = u.system as UnitSystem;
  const ahead = forecast.map((f) => chartHour(f.validAt, shown(f, system), loc));
  const svg = meteogram({
    hours: [...observed, ...ahead],
    timeZone: loc.timezone,
    units: u,
    observedHours: observed.length,
    title:
      ahead.length > 0
        ? 'The day hour by hour, observed then forecast: temperature, precipitation and wind'
        : 'The day hour by hour, as observed: temperature, precipitation and wind',
  });
  if (!svg) return '';
  const split =
    observed.length > 0 && ahead.length > 0
      ? ' · the band marked “forecast”: the forecast for the rest of the day'
      : ahead.length > 0
        ? ' · all forecast'
        : '';
  return html`<h2>The day hour by hour</h2>
<figure class="chart"><div class="scroll" role="region" aria-label="Chart of the day (scrolls sideways)" tabindex="0">${raw(svg)}</div>
<figcaption class="muted">Line with dots: temperature (${u.temperature}) · hatched bars: precipitation per hour (${u.precipitation}, right scale) ·
arrows: wind, pointing where it blows, speed in ${u.wind} · shaded: night${split} · hours in local time.</figcaption></figure>`;
}
