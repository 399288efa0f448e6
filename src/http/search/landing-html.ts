import { html } from 'hono/html';
import { placePath } from '../../contract/uris/place-uri.ts';
import { ROUTES } from '../../contract/uris/uri-space.ts';
import { page } from '../pages/layout.ts';
import { symbolAt, symbolCredit, symbolImg } from '../place/symbol.ts';
import type { LandingPlace, LandingPlaces } from './landing-places.ts';
import { SEARCH_STYLE } from './search-style.ts';

const slugOf = (region: string) => region.toLowerCase().replace(/[^a-z]+/g, '-');

/** One place as a tile: its symbol, name and country, and the temperature now. */
function tile({ place, weather }: LandingPlace) {
  const symbol = weather && symbolAt(weather.condition, weather.at, place);
  // The symbol is drawn first but read after the name: "London United Kingdom Cloudy 8°C".
  return html`<li><a href="${placePath(place)}"><span class="where"><span class="name">${place.name}</span><span class="muted">${place.countryName}</span></span>${
    symbol ? symbolImg(symbol, 40) : html`<span class="symbol-none"></span>`
  }${weather?.temperature ? html`<span class="temp">${weather.temperature}</span>` : ''}</a></li>`;
}

/**
 * The front door (`/search` with nothing searched): one search box with suggestions, "use my
 * location" where the browser can tell, and places around the world with their weather now.
 */
export function landingHtml(landing: LandingPlaces, credits: readonly string[]) {
  const example = '/GB/London';
  const body = html`<h1>Weather for any place</h1>
<form class="search big" action="${ROUTES['search-page']}" method="get" role="search" aria-label="Places">
<label for="landing-q">Find a place by its name</label>
<input id="landing-q" type="search" name="q" placeholder="e.g. London, München, São Paulo" maxlength="100" autocomplete="off" data-suggest>
<button type="submit">Search</button></form>
<p class="locating"><button type="button" class="locate" data-locate hidden>Use my location</button>
<span role="status" data-locate-status></span></p>
${
  landing.regions.length > 0
    ? html`<section aria-labelledby="around"><h2 id="around">Around the world now</h2>
<div class="regions">${landing.regions.map(
        ([region, places]) =>
          html`<section aria-labelledby="r-${slugOf(region)}"><h3 id="r-${slugOf(region)}">${region}</h3>
<ul class="tiles">${places.map(tile)}</ul></section>`,
      )}</div></section>`
    : ''
}
<section aria-labelledby="about"><h2 id="about">What isobar is</h2>
<p>Current weather and the coming days for places worldwide, each place at its own address:
<a href="${example}"><code>${example}</code></a> for people, <code>${example}.json</code> for programs
and <code>${example}.txt</code> for terminals (<code>curl</code>); <a href="/London"><code>/London</code></a> finds the
largest place of a name. Addresses never change and every answer says how long it stays true, so
any cache between you and us can keep it.</p></section>
<section aria-labelledby="developers"><h2 id="developers">For developers</h2>
<ul>
<li><a href="${ROUTES['api-reference']}">API reference</a>: every URI, its parameters and answers (also as <a href="${ROUTES.openapi}">OpenAPI 3.1</a>).</li>
<li>Search: <a href="${ROUTES.search}?q=lon"><code>${ROUTES.search}?q=lon</code></a> ·
nearest place: <a href="${ROUTES.nearest}?lat=48.85&amp;lon=2.35"><code>${ROUTES.nearest}?lat=48.85&amp;lon=2.35</code></a></li>
<li>A place by coordinates: <a href="/@51.51,-0.13"><code>/@51.51,-0.13</code></a></li>
</ul></section>`;
  return page({
    title: 'Weather for any place',
    body,
    credits: [...credits, symbolCredit()],
    style: SEARCH_STYLE,
    noHeaderSearch: true,
  });
}
