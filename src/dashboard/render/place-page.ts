import { html } from 'hono/html';
import type { PlaceState } from '../api-documents.ts';
import type { Assets } from '../assets.ts';
import { statsPaths } from '../dashboard-uris.ts';
import type { PlaceData } from '../place-data.ts';
import { frame } from './frame.ts';
import {
  anomalyText,
  climatologyTable,
  dailyTable,
  placeHeading,
  recordsTable,
} from './place-tables.ts';

/** The period form: a plain GET form, so it works without JavaScript too. */
export const periodForm = (action: string, from: string, to: string, extra = html``) => html`
<form id="period-form" class="controls" method="get" action="${action}">
${extra}<label>From <input type="date" name="from" value="${from}" required></label>
<label>To <input type="date" name="to" value="${to}" required></label>
<button type="submit">Show</button>
<p id="message" class="message" role="status" aria-live="polite"></p>
</form>`;

/** The place page: charts drawn by the script from the state, tables for everyone. */
export function placePage(data: PlaceData, assets: Assets, apiBase: string, pagePath: string) {
  const { location: l, daily, climatology, records, anomaly } = data;
  const api = statsPaths(data.ref);
  const notice = daily.notice ?? climatology.notice;
  const body = html`<h1 id="place-name">${placeHeading(l)}</h1>
<div class="toolbar"><form id="place-form" class="controls" role="search" aria-label="Open another place" method="get" action="/dashboard"><label>Place <input name="place" value="${data.ref}" list="place-options" autocomplete="off" placeholder="London or GB/London" required></label>
<datalist id="place-options"></datalist><button type="submit">Go</button></form>
${periodForm(pagePath, data.period.from, data.period.to)}</div>
${notice ? html`<p class="notice" id="notice">${notice}</p>` : ''}
<p id="anomaly" class="anomaly">${anomalyText(anomaly)}</p>
<section aria-labelledby="daily-h"><h2 id="daily-h">Daily temperature</h2>
<figure class="chart js-only"><div id="daily-chart" class="plot"></div><figcaption>Daily mean (solid, dots; where no mean was sent, the mean of min and max, labelled so), minimum and maximum (dotted), normal mean (dashed), the shaded 10th–90th percentile band and precipitation (bars, right axis): the legend names those drawn.</figcaption></figure>
<div id="daily-table-box">${dailyTable(daily, climatology)}</div></section>
<section aria-labelledby="clim-h"><h2 id="clim-h">Monthly climatology</h2>
<figure class="chart js-only"><div id="climatology-chart" class="plot"></div><figcaption>Per calendar month: the mean of daily means (solid, dots; where no mean was sent, the mean of min and max, labelled so), average high and low, median (dashed), 10th–90th percentile band (shaded) and precipitation (bars, right axis): the legend names those drawn.</figcaption></figure>
<div id="climatology-table-box">${climatologyTable(climatology)}</div></section>
<section aria-labelledby="rec-h"><h2 id="rec-h">Records</h2><div id="records-table-box">${recordsTable(records)}</div></section>
<p class="muted">Every number here comes from the public API: <a id="api-link" href="${apiBase}${api.daily(data.period)}">daily series</a>,
<a href="${apiBase}${api.climatology}">climatology</a>, <a href="${apiBase}${api.records}">records</a>.</p>`;
  const state: PlaceState = {
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
    credits: daily.attribution,
  });
}
