import { html } from 'hono/html';
import { compass } from '../../domain/weather/compass.ts';
import { unitsQueryFor } from '../../domain/weather/units.ts';
import type { NearestDays } from '../../store/weather/place-day.ts';
import { page, withSources } from '../pages/layout.ts';
import { noticeHtml } from '../place/place-html.ts';
import { v } from '../place/place-sections.ts';
import { conditionWords } from '../place/place-text.ts';
import { symbolCredit } from '../place/symbol.ts';
import { dayChartSection } from './day-chart.ts';
import type { DayDocument } from './day-document.ts';
import { type DayExtremesC, dayHistorySection } from './day-history.ts';
import { nearestDayLinks } from './day-links.ts';
import type { DayPageData } from './day-page-data.ts';
import { coverageWords, hourLabels, longDate } from './day-text.ts';

/** `label value` for each value the source gave, none for the ones it did not: no dashes. */
const known = (parts: [label: string, value: number | null, unit: string][]) =>
  parts.flatMap(([label, value, unit]) => (value === null ? [] : [`${label}${v(value, unit)}`]));

/** The summary's line of words: what the sky did, then each figure the source gave. */
function summaryWords(s: DayDocument['summary'], u: DayDocument['units']): string {
  const wind = known([['wind ', s.wind_speed_mean, u.wind]]);
  const gusts = known([['gusts to ', s.wind_gust_max, u.wind]]);
  const parts = [
    ...(s.condition ? [conditionWords(s.condition)] : []),
    ...known([
      ['mean ', s.temperature_mean, u.temperature],
      ['precipitation ', s.precipitation, u.precipitation],
    ]),
    ...(wind.length > 0 ? [[...wind, ...gusts].join(', ')] : gusts),
  ];
  return parts.join(' · ');
}

const range = (s: DayDocument['summary'], unit: string) => {
  const [lo, hi] = [s.temperature_min, s.temperature_max];
  // One hour in (today, just after midnight) has one value: said once, not as a range.
  if (lo !== null && hi !== null)
    return lo === hi ? v(lo, unit) : `${v(lo, unit)} – ${v(hi, unit)}`;
  return lo !== null ? `low ${v(lo, unit)}` : hi !== null ? `high ${v(hi, unit)}` : '';
};

const cell = (value: number | null, unit: string) => (value === null ? '' : v(value, unit));

/**
 * The page people see at `/{CC}/{Name}/{YYYY-MM-DD}`: the day's summary, its hours as a chart
 * (with the forecast for the rest of a day not over), the normal and records where the place
 * has history, each hour as a table, and links to the nearest days that have data (never to a
 * day that would answer 404). A value the source did not give is left out, never a dash.
 */
export function dayHtml(
  doc: DayDocument,
  credits: readonly string[],
  nearest: NearestDays,
  data: DayPageData,
  day: DayExtremesC,
): Promise<string> {
  const { location: loc, units: u, summary: s, links } = doc;
  const cc = loc.country_code;
  const query = unitsQueryFor(cc, 'html', u.system);
  const other = u.system === 'metric' ? 'imperial' : 'metric';
  const labels = hourLabels(doc);
  const also = doc.other_sources.length > 0 ? ` · also from: ${doc.other_sources.join(', ')}` : '';
  const words = summaryWords(s, u);
  const chart = dayChartSection(doc, data.forecast);
  const body = html`
<h1>${loc.name}, ${longDate(doc.date)}</h1>
<p class="muted">${loc.region ? `${loc.region}, ` : ''}${loc.country} ·
<a href="${loc.path}${query}">${loc.name}: the weather now</a></p>
${nearestDayLinks(loc.path, nearest, query)}
${noticeHtml(doc.notice)}
<section aria-label="Summary of the day">
${range(s, u.temperature) ? html`<div class="now">${range(s, u.temperature)}</div>` : ''}
${words ? html`<p>${words}</p>` : ''}
<p class="muted">${coverageWords(s)} · source: ${doc.source}${also}</p>
</section>
${chart}
${dayHistorySection(doc, data, day, query)}
${
  doc.observations.length > 0
    ? html`<details class="hourly"${chart ? '' : ' open'}><summary>Hour by hour (table)</summary>
<div class="scroll" role="region" aria-label="Hours of the day (scrolls sideways)" tabindex="0"><table><thead><tr><th>Local time</th><th>Sky</th><th>Temp</th><th>Rain</th><th>Wind</th><th>Gusts</th><th>Humidity</th></tr></thead><tbody>
${doc.observations.map(
  (o, i) => html`<tr><td>${labels[i]}</td><td>${o.condition ? conditionWords(o.condition) : ''}</td>
<td>${cell(o.temperature, u.temperature)}</td><td>${cell(o.precipitation, u.precipitation)}</td>
<td>${cell(o.wind_speed, u.wind)}${o.wind_speed !== null && o.wind_direction !== null ? ` ${compass(o.wind_direction)}` : ''}</td><td>${cell(o.wind_gust, u.wind)}</td><td>${cell(o.humidity, '%')}</td></tr>`,
)}
</tbody></table></div></details>`
    : html`<p>This source sent the day whole: there are no hourly observations.</p>`
}
<p class="muted">Also as <a href="${links.json}${unitsQueryFor(cc, 'json', u.system)}">JSON</a> ·
<a href="${links.txt}${unitsQueryFor(cc, 'txt', u.system)}">text</a> ·
<a href="${links.html}${unitsQueryFor(cc, 'html', other)}">${other} units</a></p>`;
  return page({
    title: `${loc.name}, ${longDate(doc.date)}`,
    body,
    credits: [...withSources(credits, doc), ...(chart ? [symbolCredit()] : [])],
  });
}
