import { Hono } from 'hono';
import { html } from 'hono/html';
import { catalogFreshness } from '../../domain/freshness.ts';
import { placePath } from '../../domain/place.ts';
import { searchPlaces } from '../../store/repositories/locations.ts';
import { serveCached } from '../answers.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { readQuery } from '../middleware/query.ts';
import { page } from '../render/layout.ts';
import { representation } from '../representation.ts';
import { readSearch } from './locations.ts';

/** `/search?q=`: the people's version of the location search, a list of links. */
export function searchPageRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().get('/search', (c) => {
    c.set('route', 'search-page');
    const url = new URL(c.req.url);
    const { q, prefix, country } = readSearch(readQuery(url, ['q', 'country']));
    return serveCached(c, deps, url, async () => {
      const places = await searchPlaces(deps.db, prefix, 25, country);
      const body = html`<h1>Places matching “${q}”</h1>
${
  places.length === 0
    ? html`<p>No place starts with “${q}”. Try fewer letters.</p>`
    : html`<ul class="places">${places.map(
        (p) => html`<li><a href="${placePath(p)}">${p.name}</a>
<span class="muted">${p.countryName}${p.regionCode ? ` · ${p.regionCode}` : ''} · pop. ${p.population.toLocaleString('en')}</span></li>`,
      )}</ul>`
}`;
      const text = await page({ title: `Search: ${q}`, body, credits: deps.credits });
      return representation({
        status: 200,
        body: text,
        contentType: 'text/html; charset=utf-8',
        freshness: catalogFreshness,
        now: deps.now(),
      });
    });
  });
}
