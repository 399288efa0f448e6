import { html } from 'hono/html';
import type { PlaceDocument } from '../../documents/place-document.ts';
import { localDate } from '../../domain/weather/day.ts';
import { dayClimateWords } from './climate-words.ts';
import { localTime } from './local-time.ts';
import { v } from './place-sections.ts';
import { conditionWords, dayName } from './place-text.ts';
import { symbolImg, symbolOf } from './symbol.ts';

const HOUR = 3_600_000;

/**
 * What part of a day its card speaks for, in words (`from 11:00`, `until 12:00`), when the
 * forecast does not cover all of it: the rest of today, or the first hours of its last day.
 * Null for a whole day.
 */
export function coverageWords(doc: PlaceDocument, date: string): string | null {
  const tz = doc.location.timezone;
  const steps = doc.forecast.hours.filter((h) => localDate(new Date(h.time), tz) === date);
  const day = doc.forecast.days.find((d) => d.date === date);
  if (!day || day.hours_covered >= 24 || steps.length === 0) return null;
  const start = new Date(steps[0]!.time);
  const last = steps.at(-1)!;
  const end = new Date(Date.parse(last.time) + last.period_hours * HOUR);
  const startsLate = localDate(new Date(start.getTime() - 1), tz) === date;
  const endsEarly = localDate(end, tz) === date;
  if (startsLate && endsEarly) return `${localTime(start, tz)} to ${localTime(end, tz)}`;
  if (startsLate) return `from ${localTime(start, tz)}`;
  return endsEarly ? `until ${localTime(end, tz)}` : null;
}

/**
 * One card per local day of the forecast: symbol, high and low, against the normal where held,
 * precipitation, wind.
 */
export function daysSection(doc: PlaceDocument) {
  const u = doc.units;
  const { days } = doc.forecast;
  if (days.length === 0) return '';
  return html`<h2>Coming days</h2>
<ul class="days">${days.map((d) => {
    const name = dayName(d.date);
    const part = coverageWords(doc, d.date);
    const symbol = symbolOf(d.condition, true);
    const [against, note] = dayClimateWords(d.climate, u.temperature);
    // Only a day with a page of its own links to it (today, once observed); the others would 404.
    return html`<li data-date="${d.date}"><strong>${d.path ? html`<a href="${d.path}">${name}</a>` : name}</strong>
${part ? html`<span class="muted part">${part}</span>` : ''}
${symbolImg(symbol, 48, 'symbol')}
<span><span class="hi" title="high">${v(d.temperature_max, u.temperature)}</span> <span class="lo" title="low">/ ${v(d.temperature_min, u.temperature)}</span></span>
<span>${conditionWords(d.condition)}</span>
${against ? html`<span class="climate">${against}</span>` : ''}
${note ? html`<span class="climate-note"><strong>${note}</strong></span>` : ''}
<span>Precip. ${v(d.precipitation, u.precipitation)}</span>
<span>Wind to ${v(d.wind_speed_max, u.wind)}</span></li>`;
  })}</ul>`;
}
