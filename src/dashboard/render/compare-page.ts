import { html } from 'hono/html';
import type { CompareState } from '../api-documents.ts';
import type { Assets } from '../assets.ts';
import type { CompareData } from '../compare-data.ts';
import { compareSummary, compareTable } from './compare-tables.ts';
import { frame } from './frame.ts';
import { periodForm } from './place-page.ts';

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
  const state: CompareState = {
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
