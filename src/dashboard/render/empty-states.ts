import { html } from 'hono/html';
import { addDays } from '../../contract/uris/day-uri.ts';
import type { Location } from '../api-documents.ts';
import { placePagePath } from '../dashboard-uris.ts';

// What a table says instead of rows of dashes: why there is nothing, and what to do about it.
// Shared by the server's page and the browser's script (free of Node's APIs).

/** The days of the data held, as the climatology and records documents give them. */
export interface Held {
  first_date: string | null;
  last_date: string | null;
}

/** A place with no history at all: the commands that bring some. */
export function noHistory(l: Location) {
  const ref = `${l.country_code}/${l.slug}`;
  return html`<div class="empty" id="no-history"><p><strong>No history yet</strong> for ${l.name}: import or seed some, and this page fills in.</p>
<pre><code>isobar import daily.csv --place ${ref} --source my-station
isobar seed --history 420d --places 1000</code></pre>
<p class="muted">A daily file has a <code>date</code> column and any of <code>temperature_min_c</code>, <code>temperature_max_c</code>, <code>temperature_mean_c</code>, <code>precipitation_mm</code> (hourly files: <code>observed_at</code>, <code>temperature_c</code>…; see docs/import.md). <code>seed --history</code> writes demo history for the most populous places.</p></div>`;
}

/** A place with history, none of it in the period shown: where its history is. */
export function noDaysInPeriod(l: Location, from: string, to: string, held: Held) {
  const ref = `${l.country_code}/${l.slug}`;
  const { first_date: first, last_date: last } = held;
  // The last 30 days held, or all of them when fewer (ISO dates sort as strings).
  const start = first && last ? [first, addDays(last, -29)].sort()[1]! : null;
  return html`<div class="empty" id="no-days"><p><strong>No days held from ${from} to ${to}.</strong>${
    start && last
      ? html` ${l.name} has data from ${first} to ${last}: <a href="${placePagePath(ref, { from: start, to: last })}">show its last days held</a>.`
      : ''
  }</p></div>`;
}

/** A month table with no month held. */
export const noClimatology = () =>
  html`<p class="empty" id="no-climatology">No climatology yet: it is worked out from the days held, month by month.</p>`;
