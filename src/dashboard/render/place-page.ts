import { html } from 'hono/html';
import type { Assets } from '../assets.ts';
import type { PlaceData } from '../place-data.ts';
import { MONTHS, num, signed } from './format.ts';
import { frame } from './frame.ts';

// biome-ignore lint/suspicious/noExplicitAny: documents of docs/statistics.md, read loosely
type Doc = any;

/** The period form: a plain GET form, so it works without JavaScript too. */
export const periodForm = (action: string, from: string, to: string, extra = html``) => html`
<form id="period-form" class="controls" method="get" action="${action}">
${extra}<label>From <input type="date" name="from" value="${from}" required></label>
<label>To <input type="date" name="to" value="${to}" required></label>
<button type="submit">Show</button>
<p id="message" class="message" role="status" aria-live="polite"></p>
</form>`;

export function anomalyHtml(a: Doc, t: string) {
  if (a.difference === null || a.difference === undefined) {
    return html`<p id="anomaly" class="anomaly">Today (${a.date}): ${a.reason?.detail ?? 'no anomaly can be given'}.</p>`;
  }
  const word = a.difference > 0 ? 'warmer' : a.difference < 0 ? 'colder' : 'as warm as';
  return html`<p id="anomaly" class="anomaly">Today (${a.date}): mean
<strong>${num(a.temperature_mean)} ${t}</strong>, normal ${num(a.normal?.temperature_mean)} ${t} —
<strong>${signed(a.difference)} ${t}</strong> ${word === 'as warm as' ? 'as normal' : `${word} than normal`}
(z-score ${num(a.z_score, 2)}).</p>`;
}

export function dailyTable(d: Doc) {
  const t = d.units?.temperature ?? '°C';
  const p = d.units?.precipitation ?? 'mm';
  return html`<div class="scroll"><table id="daily-table"><caption>Daily values, ${d.from} to ${d.to}</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Min ${t}</th><th scope="col">Mean ${t}</th><th scope="col">Max ${t}</th><th scope="col">Precip. ${p}</th><th scope="col">Normal ${t} (10th–90th)</th></tr></thead>
<tbody>${d.days.map(
    (day: Doc) =>
      html`<tr><th scope="row">${day.date}</th><td>${num(day.temperature_min)}</td><td>${num(day.temperature_mean)}</td><td>${num(day.temperature_max)}</td><td>${num(day.precipitation)}</td><td>${num(day.normal?.temperature_mean)} (${num(day.normal?.temperature_p10)}–${num(day.normal?.temperature_p90)})</td></tr>`,
  )}</tbody></table></div>`;
}

export function climatologyTable(c: Doc) {
  const t = c.units?.temperature ?? '°C';
  const p = c.units?.precipitation ?? 'mm';
  return html`<div class="scroll"><table id="climatology-table"><caption>Monthly climatology${c.first_date ? `, ${c.first_date} to ${c.last_date}` : ''}</caption>
<thead><tr><th scope="col">Month</th><th scope="col">Days</th><th scope="col">Mean ${t}</th><th scope="col">10th</th><th scope="col">Median</th><th scope="col">90th</th><th scope="col">Precip. ${p}/month</th></tr></thead>
<tbody>${c.months.map(
    (m: Doc) =>
      html`<tr><th scope="row">${MONTHS[m.month - 1]}</th><td>${m.days}</td><td>${num(m.temperature_mean)}</td><td>${num(m.temperature_p10)}</td><td>${num(m.temperature_p50)}</td><td>${num(m.temperature_p90)}</td><td>${num(m.precipitation_monthly_mean)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function recordsTable(r: Doc) {
  const t = r.units?.temperature ?? '°C';
  const p = r.units?.precipitation ?? 'mm';
  const kinds: [string, string, string][] = [
    ['hottest', 'Hottest (max)', t],
    ['coldest', 'Coldest (min)', t],
    ['wettest', 'Wettest', p],
  ];
  const rows = Math.max(0, ...kinds.map(([k]) => (r[k] ?? []).length));
  return html`<div class="scroll"><table id="records-table"><caption>Records over ${r.days ?? 0} days held</caption>
<thead><tr><th scope="col">#</th>${kinds.map(([, label, unit]) => html`<th scope="col">${label} ${unit}</th>`)}</tr></thead>
<tbody>${Array.from(
    { length: rows },
    (_, i) =>
      html`<tr><th scope="row">${i + 1}</th>${kinds.map(([k]) => {
        const e = r[k]?.[i];
        return e
          ? html`<td>${num(e.value)} <a href="${e.link.replace(/\.json$/, '')}">${e.date}</a></td>`
          : html`<td>—</td>`;
      })}</tr>`,
  )}</tbody></table></div>
${rows === 0 ? html`<p class="muted">No data held for this place yet.</p>` : ''}`;
}

/** The place page: charts drawn by the script from the state, tables for everyone. */
export function placePage(data: PlaceData, assets: Assets, apiBase: string, pagePath: string) {
  const { location: l, daily, climatology, records, anomaly } = data;
  const t = daily.units?.temperature ?? '°C';
  const notice = daily.notice ?? climatology.notice;
  const body = html`<h1 id="place-name">${l.name} <small class="muted">${l.country ?? l.country_code} · ${l.timezone}</small></h1>
<div class="toolbar"><form id="place-form" class="controls js-only" role="search"><label>Place <input name="place" value="${data.ref}" list="place-options" autocomplete="off" placeholder="GB/London"></label>
<datalist id="place-options"></datalist><button type="submit">Go</button></form>
${periodForm(pagePath, data.period.from, data.period.to)}</div>
${notice ? html`<p class="notice" id="notice">${notice}</p>` : ''}
${anomalyHtml(anomaly, t)}
<section aria-labelledby="daily-h"><h2 id="daily-h">Daily temperature</h2>
<figure class="chart js-only"><div id="daily-chart" class="plot"></div><figcaption>Daily mean (solid, dots), minimum and maximum (dotted), normal mean (dashed) and the shaded 10th–90th percentile band.</figcaption></figure>
<div id="daily-table-box">${dailyTable(daily)}</div></section>
<section aria-labelledby="clim-h"><h2 id="clim-h">Monthly climatology</h2>
<figure class="chart js-only"><div id="climatology-chart" class="plot"></div><figcaption>Mean of daily means per calendar month (solid, dots), median (dashed), 10th–90th percentile band (shaded).</figcaption></figure>
<div id="climatology-table-box">${climatologyTable(climatology)}</div></section>
<section aria-labelledby="rec-h"><h2 id="rec-h">Records</h2><div id="records-table-box">${recordsTable(records)}</div></section>
<p class="muted">Every number here comes from the public API: <a id="api-link" href="${apiBase}/v1/locations/${data.ref}/stats/daily?from=${data.period.from}&to=${data.period.to}">daily series</a>,
<a href="${apiBase}/v1/locations/${data.ref}/stats/climatology">climatology</a>, <a href="${apiBase}/v1/locations/${data.ref}/stats/records">records</a>.</p>`;
  const state = {
    page: 'place',
    apiBase,
    ref: data.ref,
    location: l,
    today: data.today,
    period: data.period,
    daily,
    climatology,
    records,
    anomaly,
  };
  return frame({
    title: `${l.name} statistics`,
    body,
    assets,
    section: 'place',
    state,
    credits: daily.attribution ?? [],
  });
}
