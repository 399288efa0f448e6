import { html } from 'hono/html';
import type { Anomaly, Climatology, DailyStats, Location, Records } from '../api-documents.ts';
import { anyValue, DERIVED_MEAN, dayMean, monthMean, type ShownMean } from './derived-mean.ts';
import { type Held, noClimatology, noDaysInPeriod, noHistory } from './empty-states.ts';
import { MONTHS, num, signed } from './format.ts';
import { scrollBox } from './scroll-box.ts';

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

/** A mean in a cell: one worked out from min and max is marked, and the mark explained. */
const meanCell = (m: ShownMean) =>
  m.derived
    ? html`<td class="derived" title="${DERIVED_MEAN}">${num(m.value)}*</td>`
    : html`<td>${num(m.value)}</td>`;
const derivedNote = (means: readonly ShownMean[]) =>
  means.some((m) => m.derived)
    ? html`<p class="muted note">* no mean was sent: the ${DERIVED_MEAN}.</p>`
    : '';

/** The daily values of the period; or, with none held in it, why and where they are. */
export function dailyTable(d: DailyStats, held: Held) {
  if (held.first_date === null) return noHistory(d.location);
  const withValues = d.days.filter((day) =>
    anyValue([day.temperature_min, day.temperature_max, day.temperature_mean, day.precipitation]),
  );
  if (withValues.length === 0) return noDaysInPeriod(d.location, d.from, d.to, held);
  const t = d.units.temperature;
  const p = d.units.precipitation;
  const means = d.days.map(dayMean);
  // No normal without measured means: the column is left out rather than filled with dashes.
  const normals = d.days.some((day) => day.normal);
  const caption = `Daily values, ${d.from} to ${d.to}`;
  return html`${scrollBox(
    caption,
    html`<table id="daily-table"><caption>${caption}</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Min ${t}</th><th scope="col">Mean ${t}</th><th scope="col">Max ${t}</th><th scope="col">Precip. ${p}</th>${normals ? html`<th scope="col">Normal ${t} (10th–90th)</th>` : ''}</tr></thead>
<tbody>${d.days.map(
      (day, i) =>
        html`<tr><th scope="row">${day.date}</th><td>${num(day.temperature_min)}</td>${meanCell(means[i]!)}<td>${num(day.temperature_max)}</td><td>${num(day.precipitation)}</td>${normals ? html`<td>${day.normal ? `${num(day.normal.temperature_mean)} (${num(day.normal.temperature_p10)}–${num(day.normal.temperature_p90)})` : '—'}</td>` : ''}</tr>`,
    )}</tbody></table>`,
  )}${derivedNote(means)}`;
}

/** The twelve calendar months; or, with nothing held, says so. */
export function climatologyTable(c: Climatology) {
  if (c.first_date === null || !c.months.some((m) => m.days > 0)) return noClimatology();
  const t = c.units.temperature;
  const p = c.units.precipitation;
  const means = c.months.map(monthMean);
  // Percentiles are of measured daily means: without any, their columns are left out.
  const spread = c.months.some((m) => m.temperature_p50 !== null);
  const caption = `Monthly climatology, ${c.first_date} to ${c.last_date}`;
  return html`${scrollBox(
    caption,
    html`<table id="climatology-table"><caption>${caption}</caption>
<thead><tr><th scope="col">Month</th><th scope="col">Days</th><th scope="col">Mean ${t}</th><th scope="col">Avg. low ${t}</th><th scope="col">Avg. high ${t}</th>${spread ? html`<th scope="col">10th</th><th scope="col">Median</th><th scope="col">90th</th>` : ''}<th scope="col">Precip. ${p}/month</th></tr></thead>
<tbody>${c.months.map(
      (m, i) =>
        html`<tr><th scope="row">${MONTHS[m.month - 1]}</th><td>${m.days}</td>${meanCell(means[i]!)}<td>${num(m.temperature_min_mean)}</td><td>${num(m.temperature_max_mean)}</td>${spread ? html`<td>${num(m.temperature_p10)}</td><td>${num(m.temperature_p50)}</td><td>${num(m.temperature_p90)}</td>` : ''}<td>${num(m.precipitation_monthly_mean)}</td></tr>`,
    )}</tbody></table>`,
  )}${derivedNote(means)}`;
}

export function recordsTable(r: Records) {
  const t = r.units.temperature;
  const kinds = [
    ['hottest', 'Hottest (max)', t],
    ['coldest', 'Coldest (min)', t],
    ['wettest', 'Wettest', r.units.precipitation],
  ] as const;
  const rows = Math.max(0, ...kinds.map(([k]) => r[k].length));
  if (rows === 0) {
    return html`<p class="empty" id="no-records">No records yet: no day is held for this place.</p>`;
  }
  const caption = `Records over ${r.days} days held`;
  return html`${scrollBox(
    caption,
    html`<table id="records-table"><caption>${caption}</caption>
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
    )}</tbody></table>`,
  )}`;
}
