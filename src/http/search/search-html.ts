import { html } from 'hono/html';
import { placePath } from '../../contract/uris/place-uri.ts';
import type { Place } from '../../domain/place.ts';
import { page } from '../pages/layout.ts';

/**
 * Where a place is and how big, for telling same-named places apart: "Bavaria, Germany · pop.
 * 1,260,391". A region known only by its code and a population of 0 (unknown) are left out.
 */
export function placeLabel(p: Place): string {
  const where = p.regionName ? `${p.regionName}, ${p.countryName}` : p.countryName;
  return p.population > 0 ? `${where} · pop. ${p.population.toLocaleString('en')}` : where;
}

/** The search page for people: the places whose name starts with `q`, as links. */
export function searchHtml(q: string, places: readonly Place[], credits: readonly string[]) {
  const body = html`<h1>Places matching “${q}”</h1>
${
  places.length === 0
    ? html`<p>No place starts with “${q}”. Try fewer letters.</p>`
    : html`<ul class="places">${places.map(
        (p) => html`<li><a href="${placePath(p)}">${p.name}</a>
<span class="muted">${placeLabel(p)}</span></li>`,
      )}</ul>`
}`;
  return page({ title: `Search: ${q}`, body, credits });
}
