import { html } from 'hono/html';
import type { DailyStats, Located, Location } from '../api-documents.ts';
import { num } from './format.ts';

// The comparison's tables, for the server's page and the browser's script alike (see
// place-tables.ts): free of Node's APIs.

/** What a comparison shows: the places, and each one's daily series in the same order. */
export interface Comparison {
  places: readonly Located[];
  series: readonly DailyStats[];
}

/** How a comparison names a place in its legend and columns: `London (GB)`. */
export const placeLabel = (l: Location) => `${l.name} (${l.country_code})`;

type Day = DailyStats['days'][number];

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const present = (days: Day[], pick: (d: Day) => number | null) =>
  days.map(pick).filter((v): v is number => v !== null);

/** One row per place: the period's mean, extremes and total precipitation. */
export function compareSummary(data: Comparison) {
  const t = data.series[0]?.units.temperature ?? '°C';
  const p = data.series[0]?.units.precipitation ?? 'mm';
  return html`<div class="scroll"><table id="summary-table"><caption>The period at each place</caption>
<thead><tr><th scope="col">Place</th><th scope="col">Days held</th><th scope="col">Mean ${t}</th><th scope="col">Lowest ${t}</th><th scope="col">Highest ${t}</th><th scope="col">Precip. ${p}</th></tr></thead>
<tbody>${data.series.map((s, i) => {
    const means = present(s.days, (d) => d.temperature_mean);
    const mins = present(s.days, (d) => d.temperature_min);
    const maxs = present(s.days, (d) => d.temperature_max);
    const rain = present(s.days, (d) => d.precipitation);
    const l = data.places[i]!.location;
    return html`<tr><th scope="row"><a href="/dashboard/${l.country_code}/${l.slug}">${l.name}</a> <span class="muted">${l.country_code}</span></th><td>${means.length}</td><td>${num(means.length ? sum(means) / means.length : null)}</td><td>${num(mins.length ? Math.min(...mins) : null)}</td><td>${num(maxs.length ? Math.max(...maxs) : null)}</td><td>${num(rain.length ? sum(rain) : null)}</td></tr>`;
  })}</tbody></table></div>`;
}

/** Daily means side by side, one column per place. */
export function compareTable(data: Comparison) {
  const t = data.series[0]?.units.temperature ?? '°C';
  const days = data.series[0]?.days ?? [];
  return html`<div class="scroll"><table id="compare-table"><caption>Daily mean temperature, ${t}</caption>
<thead><tr><th scope="col">Date</th>${data.places.map((p) => html`<th scope="col">${placeLabel(p.location)}</th>`)}</tr></thead>
<tbody>${days.map(
    (d, row) =>
      html`<tr><th scope="row">${d.date}</th>${data.series.map((s) => html`<td>${num(s.days[row]?.temperature_mean)}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}
