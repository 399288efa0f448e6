import { html } from 'hono/html';
import { placePath } from '../../contract/place.ts';
import type { Place } from '../../domain/place.ts';
import { page } from './layout.ts';

/** The search page for people: the places whose name starts with `q`, as links. */
export function searchHtml(q: string, places: readonly Place[], credits: readonly string[]) {
  const body = html`<h1>Places matching “${q}”</h1>
${
  places.length === 0
    ? html`<p>No place starts with “${q}”. Try fewer letters.</p>`
    : html`<ul class="places">${places.map(
        (p) => html`<li><a href="${placePath(p)}">${p.name}</a>
<span class="muted">${p.countryName}${p.regionCode ? ` · ${p.regionCode}` : ''} · pop. ${p.population.toLocaleString('en')}</span></li>`,
      )}</ul>`
}`;
  return page({ title: `Search: ${q}`, body, credits });
}
