import { html } from 'hono/html';
import { placePath } from '../../contract/uris/place-uri.ts';
import type { Place } from '../../domain/place.ts';
import type { FoundPlace } from '../../store/catalog/place-search.ts';
import { page } from '../pages/layout.ts';
import { SEARCH_STYLE } from './search-style.ts';

/**
 * Where a place is and how big, for telling same-named places apart: "Bavaria, Germany · pop.
 * 1,260,391". A region known only by its code and a population of 0 (unknown) are left out.
 */
export function placeLabel(p: Place): string {
  const where = p.regionName ? `${p.regionName}, ${p.countryName}` : p.countryName;
  return p.population > 0 ? `${where} · pop. ${p.population.toLocaleString('en')}` : where;
}

/**
 * The search page for people: the places whose name starts with `q`, each one link big enough
 * to tap, saying which other name matched when its own did not ("Brent" for "lon").
 */
export function searchHtml(q: string, places: readonly FoundPlace[], credits: readonly string[]) {
  const body = html`<h1>Places matching “${q}”</h1>
${
  places.length === 0
    ? html`<p>No place starts with “${q}”. Try fewer letters.</p>`
    : html`<ul class="results">${places.map(
        (p) => html`<li><a href="${placePath(p)}"><span class="name">${p.name}</span>
<span class="muted">${placeLabel(p)}</span>${
          p.matchedName ? html`<span class="also">also called “${p.matchedName}”</span>` : ''
        }</a></li>`,
      )}</ul>`
}`;
  return page({ title: `Search: ${q}`, body, credits, query: q, style: SEARCH_STYLE });
}
