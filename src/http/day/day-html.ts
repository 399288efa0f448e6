import { html } from 'hono/html';
import { unitsQueryFor } from '../../domain/weather/units.ts';
import type { NearestDays } from '../../store/weather/place-day.ts';
import { page, withSources } from '../pages/layout.ts';
import { noticeHtml } from '../place/place-html.ts';
import { conditionWords } from '../place/place-text.ts';
import type { DayDocument } from './day-document.ts';
import { nearestDayLinks } from './day-links.ts';
import { coverageWords, hourLabels, longDate } from './day-text.ts';

const v = (value: number | null, unit: string) =>
  value === null ? '–' : `${value}${unit.startsWith('°') ? '' : ' '}${unit}`;

/**
 * The page people see at `/{CC}/{Name}/{YYYY-MM-DD}`: the day's summary, then hour by hour, and
 * links to the nearest days that have data (never to a day that would answer 404).
 */
export function dayHtml(
  doc: DayDocument,
  credits: readonly string[],
  nearest: NearestDays,
): Promise<string> {
  const { location: loc, units: u, summary: s, links } = doc;
  const cc = loc.country_code;
  const query = unitsQueryFor(cc, 'html', u.system);
  const other = u.system === 'metric' ? 'imperial' : 'metric';
  const labels = hourLabels(doc);
  const also = doc.other_sources.length > 0 ? ` · also from: ${doc.other_sources.join(', ')}` : '';
  const body = html`
<h1>${loc.name}, ${longDate(doc.date)}</h1>
<p class="muted">${loc.region ? `${loc.region}, ` : ''}${loc.country} · ${loc.timezone} ·
<a href="${loc.path}${query}">weather now</a></p>
${noticeHtml(doc.notice)}
<section aria-label="Summary of the day">
<div class="now">${v(s.temperature_min, u.temperature)} – ${v(s.temperature_max, u.temperature)}</div>
<p>${s.condition ? conditionWords(s.condition) : 'Sky not reported'} · mean ${v(s.temperature_mean, u.temperature)} ·
precipitation ${v(s.precipitation, u.precipitation)} · wind ${v(s.wind_speed_mean, u.wind)},
gusts to ${v(s.wind_gust_max, u.wind)}</p>
<p class="muted">${coverageWords(s)} · source: ${doc.source}${also}</p>
</section>
${
  doc.observations.length > 0
    ? html`<h2>Hour by hour</h2>
<table><thead><tr><th>Local time</th><th>Sky</th><th>Temp</th><th>Rain</th><th>Wind</th><th>Gusts</th><th>Humidity</th></tr></thead><tbody>
${doc.observations.map(
  (o, i) => html`<tr><td>${labels[i]}</td><td>${conditionWords(o.condition)}</td>
<td>${v(o.temperature, u.temperature)}</td><td>${v(o.precipitation, u.precipitation)}</td>
<td>${v(o.wind_speed, u.wind)}</td><td>${v(o.wind_gust, u.wind)}</td><td>${v(o.humidity, '%')}</td></tr>`,
)}
</tbody></table>`
    : html`<p>This source sent the day whole: there are no hourly observations.</p>`
}
${nearestDayLinks(loc.path, nearest, query)}
<p class="muted">Also as <a href="${links.json}${unitsQueryFor(cc, 'json', u.system)}">JSON</a> ·
<a href="${links.txt}${unitsQueryFor(cc, 'txt', u.system)}">text</a> ·
<a href="${links.html}${unitsQueryFor(cc, 'html', other)}">${other} units</a></p>`;
  return page({
    title: `${loc.name}, ${longDate(doc.date)}`,
    body,
    credits: withSources(credits, doc),
  });
}
