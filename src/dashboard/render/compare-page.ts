import { html } from 'hono/html';
import type { Assets } from '../assets.ts';
import type { CompareData } from '../compare-data.ts';
import { num } from './format.ts';
import { frame } from './frame.ts';
import { periodForm } from './place-page.ts';

// biome-ignore lint/suspicious/noExplicitAny: daily series documents, read loosely
type Doc = any;

const mean = (values: number[]) =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
const present = (days: Doc[], key: string): number[] =>
  days.map((d) => d[key]).filter((v): v is number => typeof v === 'number');

/** One row per place: the period's mean, extremes and total precipitation. */
export function compareSummary(data: { places: Doc[]; series: Doc[] }) {
  const t = data.series[0]?.units?.temperature ?? '°C';
  const p = data.series[0]?.units?.precipitation ?? 'mm';
  return html`<div class="scroll"><table id="summary-table"><caption>The period at each place</caption>
<thead><tr><th scope="col">Place</th><th scope="col">Days held</th><th scope="col">Mean ${t}</th><th scope="col">Lowest ${t}</th><th scope="col">Highest ${t}</th><th scope="col">Precip. ${p}</th></tr></thead>
<tbody>${data.series.map((s: Doc, i: number) => {
    const means = present(s.days, 'temperature_mean');
    const mins = present(s.days, 'temperature_min');
    const maxs = present(s.days, 'temperature_max');
    const rain = present(s.days, 'precipitation');
    const l = data.places[i].location;
    return html`<tr><th scope="row"><a href="/dashboard/${l.country_code}/${l.slug}">${l.name}</a> <span class="muted">${l.country_code}</span></th><td>${means.length}</td><td>${num(mean(means))}</td><td>${num(mins.length ? Math.min(...mins) : null)}</td><td>${num(maxs.length ? Math.max(...maxs) : null)}</td><td>${num(rain.length ? rain.reduce((a, b) => a + b, 0) : null)}</td></tr>`;
  })}</tbody></table></div>`;
}

/** Daily means side by side, one column per place. */
export function compareTable(data: { places: Doc[]; series: Doc[] }) {
  const t = data.series[0]?.units?.temperature ?? '°C';
  const days: Doc[] = data.series[0]?.days ?? [];
  return html`<div class="scroll"><table id="compare-table"><caption>Daily mean temperature, ${t}</caption>
<thead><tr><th scope="col">Date</th>${data.places.map((p: Doc) => html`<th scope="col">${p.location.name} (${p.location.country_code})</th>`)}</tr></thead>
<tbody>${days.map(
    (d: Doc, row: number) =>
      html`<tr><th scope="row">${d.date}</th>${data.series.map((s: Doc) => html`<td>${num(s.days[row]?.temperature_mean)}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

export function comparePage(data: CompareData, assets: Assets, apiBase: string) {
  const refs = data.places.map((p) => p.ref).join(',');
  const names = data.places.map((p) => p.location.name).join(', ');
  const notice = data.series.find((s) => s.notice)?.notice;
  const placesField = html`<label class="wide">Places <input name="places" value="${refs}" required placeholder="GB/London,FR/Paris" title="2 to 4 places as CC/Name, separated by commas"></label>`;
  const body = html`<h1 id="compare-title">Compare: ${names}</h1>
${periodForm('/dashboard/compare', data.period.from, data.period.to, placesField)}
${notice ? html`<p class="notice">${notice}</p>` : ''}
<section aria-labelledby="cmp-h"><h2 id="cmp-h">Daily mean temperature</h2>
<figure class="chart js-only"><div id="compare-chart" class="plot"></div><figcaption>Each place has its own line style and marker, named in the legend.</figcaption></figure>
<div id="summary-table-box">${compareSummary(data)}</div>
<div id="compare-table-box">${compareTable(data)}</div></section>`;
  const state = {
    page: 'compare',
    apiBase,
    places: data.places,
    period: data.period,
    series: data.series,
  };
  return frame({
    title: `Compare ${names}`,
    body,
    assets,
    section: 'compare',
    state,
    credits: data.series[0]?.attribution ?? [],
  });
}
