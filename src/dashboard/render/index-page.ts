import { html } from 'hono/html';
import type { Assets } from '../assets.ts';
import { frame } from './frame.ts';

/** Places of the demo catalog (the most populous ones), shown as examples. */
export const EXAMPLE_PLACES = [
  ['GB/London', 'London'],
  ['FR/Paris', 'Paris'],
  ['DE/Munchen', 'München'],
] as const;

/** A comparison of the example places, in its canonical spelling (no period: the last 30 days). */
export const EXAMPLE_COMPARE = `/dashboard/compare?places=${encodeURIComponent(
  EXAMPLE_PLACES.map(([ref]) => ref).join(','),
)}`;

/**
 * The dashboard's front page: what it shows, a form that opens a place (a plain GET, answered by
 * a redirect, so it works without JavaScript) and examples.
 */
export function indexPage(assets: Assets) {
  const body = html`<h1>Dashboard</h1>
<p>The climate of a place as isobar has measured it: daily temperatures against the normal,
the monthly climatology, the records and how today compares. Every number comes from the
public <a href="/api">statistics API</a>; these pages only draw it.</p>
<form id="open-form" class="controls" method="get" action="/dashboard">
<label class="wide">Place <input name="place" required placeholder="London or GB/London" autocomplete="off" title="A place name, or a country code and a name, e.g. London or GB/London"></label>
<button type="submit">Open</button></form>
<p class="muted">Write a name, <code>London</code>, and where several places have it the dashboard
asks which; or the two-letter country code, a slash and the name, in any case and with or
without accents: <code>GB/London</code>, <code>de/münchen</code>. Not sure of the name?
<a href="/search?q=London">Search the catalog</a>.</p>
<section aria-labelledby="pages-h"><h2 id="pages-h">Pages</h2>
<dl id="pages">
<dt>A place</dt>
<dd><code>/dashboard/{CC}/{Name}</code>, for the last 30 days or any period up to a year: ${EXAMPLE_PLACES.map(
    ([ref, name], i) => html`${i > 0 ? ', ' : ''}<a href="/dashboard/${ref}">${name}</a>`,
  )}.</dd>
<dt>Comparison</dt>
<dd>Two to four places on one chart: <a href="${EXAMPLE_COMPARE}">${EXAMPLE_PLACES.map(([, name]) => name).join(', ')}</a>.</dd>
<dt>Operations</dt>
<dd><a href="/dashboard/operations">Requests, caching, database and ingestion</a>, for the
service's operators: it is answered only to the addresses in <code>METRICS_ALLOW</code>
(others get 403).</dd>
</dl></section>`;
  return frame({ title: 'Dashboard', body, assets, section: 'index' });
}
