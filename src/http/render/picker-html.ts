import { html } from 'hono/html';
import { placePath } from '../../contract/place.ts';
import { overridePath } from '../../contract/uri-space.ts';
import { largestPlaces } from '../../store/repositories/locations.ts';
import type { RouteDeps } from '../context.ts';
import { page } from './layout.ts';

/** The page for a visitor whose place nobody can guess: search, or pick a large place. */
export async function pickerPage(deps: RouteDeps): Promise<string> {
  const places = await largestPlaces(deps.db, 24);
  const body = html`<h1>Where are you?</h1>
<p>We could not tell from your connection. Search for your place with the box above, or pick one:
isobar remembers your choice on this browser.</p>
<ul class="places">${places.map(
    (p) =>
      html`<li><a href="${overridePath(placePath(p).slice(1))}">${p.name}</a> <span class="muted">${p.countryName}</span></li>`,
  )}</ul>`;
  return page({ title: 'Choose your place', body, credits: deps.credits });
}
