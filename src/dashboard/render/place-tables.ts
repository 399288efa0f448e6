import { html } from 'hono/html';
import type { Anomaly, Climatology, DailyStats, Location, Records } from '../api-documents.ts';
import { MONTHS, num, signed } from './format.ts';

// What the place page shows of each document, as HTML: the server renders the page with these,
// and the browser's script (bundled from them) redraws the same markup in place. So they stay
// free of Node's APIs.

/** The page's heading: the place's name, its country and its time zone. */
export const placeHeading = (l: Location) =>
  html`${l.name} <small class="muted">${l.country} · ${l.timezone}</small>`;

/** Today against the normal in words, or why it cannot be said. */
export function anomalyText(a: Anomaly) {
  const t = a.units.temperature;
  if (a.difference === null) {
    return html`Today (${a.date}): ${a.reason?.detail ?? 'no anomaly can be given'}.`;
  }
  const how =
    a.difference > 0 ? 'warmer than normal' : a.difference < 0 ? 'colder than normal' : 'as normal';
  return html`Today (${a.date}): mean
<strong>${num(a.temperature_mean)} ${t}</strong>, normal ${num(a.normal?.temperature_mean)} ${t} —
<strong>${signed(a.difference)} ${t}</strong> ${how}
(z-score ${num(a.z_score, 2)}).`;
}

export function dailyTable(d: DailyStats) {
  const t = d.units.temperature;
  const p = d.units.precipitation;
  return html`<div class="scroll"><table id="daily-table"><caption>Daily values, ${d.from} to ${d.to}</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Min ${t}</th><th scope="col">Mean ${t}</th><th scope="col">Max ${t}</th><th scope="col">Precip. ${p}</th><th scope="col">Normal ${t} (10th–90th)</th></tr></thead>
<tbody>${d.days.map(
    (day) =>
      html`<tr><th scope="row">${day.date}</th><td>${num(day.temperature_min)}</td><td>${num(day.temperature_mean)}</td><td>${num(day.temperature_max)}</td><td>${num(day.precipitation)}</td><td>${num(day.normal?.temperature_mean)} (${num(day.normal?.temperature_p10)}–${num(day.normal?.temperature_p90)})</td></tr>`,
  )}</tbody></table></div>`;
}

export function climatologyTable(c: Climatology) {
  const t = c.units.temperature;
  const p = c.units.precipitation;
  return html`<div class="scroll"><table id="climatology-table"><caption>Monthly climatology${c.first_date ? `, ${c.first_date} to ${c.last_date}` : ''}</caption>
<thead><tr><th scope="col">Month</th><th scope="col">Days</th><th scope="col">Mean ${t}</th><th scope="col">10th</th><th scope="col">Median</th><th scope="col">90th</th><th scope="col">Precip. ${p}/month</th></tr></thead>
<tbody>${c.months.map(
    (m) =>
      html`<tr><th scope="row">${MONTHS[m.month - 1]}</th><td>${m.days}</td><td>${num(m.temperature_mean)}</td><td>${num(m.temperature_p10)}</td><td>${num(m.temperature_p50)}</td><td>${num(m.temperature_p90)}</td><td>${num(m.precipitation_monthly_mean)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function recordsTable(r: Records) {
  const t = r.units.temperature;
  const kinds = [
    ['hottest', 'Hottest (max)', t],
    ['coldest', 'Coldest (min)', t],
    ['wettest', 'Wettest', r.units.precipitation],
  ] as const;
  const rows = Math.max(0, ...kinds.map(([k]) => r[k].length));
  return html`<div class="scroll"><table id="records-table"><caption>Records over ${r.days} days held</caption>
<thead><tr><th scope="col">#</th>${kinds.map(([, label, unit]) => html`<th scope="col">${label} ${unit}</th>`)}</tr></thead>
<tbody>${Array.from(
    { length: rows },
    (_, i) =>
      html`<tr><th scope="row">${i + 1}</th>${kinds.map(([k]) => {
        const e = r[k][i];
        return e
          ? html`<td>${num(e.value)} <a href="${e.link.replace(/\.json$/, '')}">${e.date}</a></td>`
          : html`<td>—</td>`;
      })}</tr>`,
  )}</tbody></table></div>
${rows === 0 ? html`<p class="muted">No data held for this place yet.</p>` : ''}`;
}
