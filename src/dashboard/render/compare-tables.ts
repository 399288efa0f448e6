import { html } from 'hono/html';
import type { DailyStats, Located, Location } from '../api-documents.ts';
import { anyValue, DERIVED_MEAN, dayMean, type ShownMean } from './derived-mean.ts';
import { num } from './format.ts';
import { scrollBox } from './scroll-box.ts';

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

/** A place's column of the comparison: its daily means as shown, named as the legend names it. */
export interface CompareColumn {
  label: string;
  means: ShownMean[];
}

/**
 * What the comparison shows, once for its table and its chart alike: the dates, and each
 * place's daily means (measured, else of min and max, and then named so).
 */
export function compareColumns(data: Comparison) {
  const dates = (data.series[0]?.days ?? []).map((d) => d.date);
  const columns: CompareColumn[] = data.series.map((s, i) => {
    const means = dates.map((_, row) => dayMean(s.days[row]));
    const l = data.places[i]?.location ?? s.location;
    const derived = means.some((m) => m.derived);
    return { label: `${placeLabel(l)}${derived ? ` · ${DERIVED_MEAN}` : ''}`, means };
  });
  return { dates, columns, units: data.series[0]?.units.temperature ?? '°C' };
}

const cell = (m: ShownMean | undefined) =>
  m?.derived
    ? html`<td class="derived" title="${DERIVED_MEAN}">${num(m.value)}*</td>`
    : html`<td>${num(m?.value)}</td>`;

/** One row per place: the period's mean, extremes and total precipitation. */
export function compareSummary(data: Comparison) {
  const t = data.series[0]?.units.temperature ?? '°C';
  const p = data.series[0]?.units.precipitation ?? 'mm';
  const { columns } = compareColumns(data);
  const caption = 'The period at each place';
  return scrollBox(
    caption,
    html`<table id="summary-table"><caption>${caption}</caption>
<thead><tr><th scope="col">Place</th><th scope="col">Days held</th><th scope="col">Mean ${t}</th><th scope="col">Lowest ${t}</th><th scope="col">Highest ${t}</th><th scope="col">Precip. ${p}</th></tr></thead>
<tbody>${data.series.map((s, i) => {
      const shown = columns[i]!.means;
      const means = shown.map((m) => m.value).filter((v): v is number => v !== null);
      const mins = present(s.days, (d) => d.temperature_min);
      const maxs = present(s.days, (d) => d.temperature_max);
      const rain = present(s.days, (d) => d.precipitation);
      const held = s.days.filter((d) =>
        anyValue([d.temperature_min, d.temperature_max, d.temperature_mean, d.precipitation]),
      ).length;
      const mean = {
        value: means.length ? Math.round((sum(means) / means.length) * 10) / 10 : null,
        derived: shown.some((m) => m.derived),
      };
      const l = data.places[i]!.location;
      return html`<tr><th scope="row"><a href="/dashboard/${l.country_code}/${l.slug}">${l.name}</a> <span class="muted">${l.country_code}</span></th><td>${held}</td>${cell(mean)}<td>${num(mins.length ? Math.min(...mins) : null)}</td><td>${num(maxs.length ? Math.max(...maxs) : null)}</td><td>${num(rain.length ? sum(rain) : null)}</td></tr>`;
    })}</tbody></table>`,
  );
}

/** Daily means side by side, one column per place; or why there are none. */
export function compareTable(data: Comparison) {
  const { dates, columns, units } = compareColumns(data);
  if (!columns.some((c) => anyValue(c.means.map((m) => m.value)))) {
    const names = data.places.map((p) => p.location.name).join(', ');
    return html`<div class="empty" id="no-days"><p><strong>No days held</strong> at ${names} from ${dates[0] ?? ''} to ${dates.at(-1) ?? ''}.</p>
<p>Import or seed history, then compare again: <code>isobar import daily.csv --place ${data.places[0]?.ref ?? 'GB/London'} --source my-station</code> or <code>isobar seed --history 420d</code>. Each place's own page says what it holds.</p></div>`;
  }
  const derived = columns.some((c) => c.means.some((m) => m.derived));
  const caption = `Daily mean temperature, ${units}`;
  return html`${scrollBox(
    caption,
    html`<table id="compare-table"><caption>${caption}</caption>
<thead><tr><th scope="col">Date</th>${data.places.map((p) => html`<th scope="col">${placeLabel(p.location)}</th>`)}</tr></thead>
<tbody>${dates.map(
      (date, row) =>
        html`<tr><th scope="row">${date}</th>${columns.map((c) => cell(c.means[row]))}</tr>`,
    )}</tbody></table>`,
  )}${derived ? html`<p class="muted note">* no mean was sent: the ${DERIVED_MEAN}.</p>` : ''}`;
}
