import { html } from 'hono/html';
import { overridePath } from '../../contract/uri-space.ts';
import { page, withSources } from './layout.ts';
import { localDayTime, localTime } from './local-time.ts';
import type { PlaceDocument } from './place-document.ts';
import { behindWords, conditionWords } from './place-text.ts';

const v = (value: number | null, unit: string) =>
  value === null ? '–' : `${value}${unit.startsWith('°') ? '' : ' '}${unit}`;

/** The page people see at `/{CC}/{Name}`. */
export function placeHtml(doc: PlaceDocument, credits: readonly string[]): Promise<string> {
  const { location: loc, units: u, current, forecast } = doc;
  const other = u.system === 'metric' ? 'imperial' : 'metric';
  const query = u.system === 'metric' ? '' : `?units=${u.system}`;
  const body = html`
<h1>${loc.name}</h1>
<p class="muted">${loc.region ? `${loc.region}, ` : ''}${loc.country} · ${loc.latitude.toFixed(2)}, ${loc.longitude.toFixed(2)} · ${loc.timezone}</p>
${doc.notice ? html`<p class="notice" role="note"><strong>Demo data.</strong> ${doc.notice}</p>` : ''}
${behindWords(doc) ? html`<p class="notice" role="status">${behindWords(doc)}</p>` : ''}
${
  current
    ? html`<section aria-label="Current conditions">
<div class="now">${v(current.temperature, u.temperature)}</div>
<p>${conditionWords(current.condition)} · feels like ${v(current.apparent_temperature, u.temperature)} ·
wind ${v(current.wind_speed, u.wind)} · humidity ${v(current.humidity, '%')} · ${v(current.pressure, u.pressure)}</p>
<p class="muted">Observed ${localTime(new Date(current.observed_at), loc.timezone)} local time · source: ${current.source}</p>
</section>`
    : html`<p>No current conditions for this place yet.</p>`
}
${
  forecast.hours.length > 0
    ? html`<h2>Next ${forecast.hours.length} hours</h2>
<table><thead><tr><th>Local time</th><th>Sky</th><th>Temp</th><th>Rain</th><th>Chance</th><th>Wind</th></tr></thead><tbody>
${forecast.hours.map(
  (
    h,
  ) => html`<tr><td>${localDayTime(new Date(h.time), loc.timezone)}</td><td>${conditionWords(h.condition)}</td>
<td>${v(h.temperature, u.temperature)}</td><td>${v(h.precipitation, u.precipitation)}</td>
<td>${v(h.precipitation_probability, '%')}</td><td>${v(h.wind_speed, u.wind)}</td></tr>`,
)}
</tbody></table>`
    : ''
}
<p><a href="${overridePath(loc.path.slice(1))}">Make ${loc.name} my place</a> · not here? search above.</p>
<p class="muted">Also as <a href="${loc.links.json}${query}">JSON</a> · <a href="${loc.links.txt}${query}">text</a> ·
<a href="${loc.links.html}${other === 'metric' ? '' : `?units=${other}`}">${other} units</a></p>`;
  return page({ title: `${loc.name}, ${loc.country}`, body, credits: withSources(credits, doc) });
}
