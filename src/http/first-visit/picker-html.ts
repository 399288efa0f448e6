import { html } from 'hono/html';
import { placePath } from '../../contract/uris/place-uri.ts';
import { ROUTES } from '../../contract/uris/uri-space.ts';
import type { Place } from '../../domain/place.ts';
import { largestPlaces } from '../../store/catalog/locations.ts';
import type { RouteDeps } from '../context.ts';
import { choiceButton, chooseButton, chooseForm } from '../pages/choose-buttons.ts';
import { page } from '../pages/layout.ts';

/** Parts of the world by the first part of a place's time zone: good enough to browse by. */
const REGIONS: readonly [string, readonly string[]][] = [
  ['Europe', ['Europe']],
  ['Americas', ['America']],
  ['Asia', ['Asia']],
  ['Africa', ['Africa']],
  ['Oceania', ['Australia', 'Pacific']],
];

/** Places grouped by part of the world, largest first in each, empty groups left out. */
export function byRegion(places: readonly Place[]): [string, Place[]][] {
  const groups = new Map<string, Place[]>();
  for (const p of places) {
    const area = p.timezone.split('/')[0] ?? '';
    const region = REGIONS.find(([, areas]) => areas.includes(area))?.[0] ?? 'Elsewhere';
    groups.set(region, [...(groups.get(region) ?? []), p]);
  }
  const order = [...REGIONS.map(([name]) => name), 'Elsewhere'];
  return order.flatMap((name) =>
    groups.has(name) ? [[name, groups.get(name)!] as [string, Place[]]] : [],
  );
}

/** The page for a visitor whose place nobody can guess: what isobar is, search, or pick a place. */
export async function pickerPage(deps: RouteDeps): Promise<string> {
  const places = await largestPlaces(deps.db, 24);
  const example = places[0] ? placePath(places[0]) : '/GB/London';
  const body = html`<h1>Where are you?</h1>
<p>We could not tell from your connection. Find your place, or pick one below: isobar remembers
your choice on this browser.</p>
<form class="search big" action="${ROUTES['search-page']}" method="get" role="search">
<label for="landing-q">Place name</label>
<input id="landing-q" type="search" name="q" placeholder="e.g. London, München, São Paulo" maxlength="100" required>
<button type="submit">Search</button></form>
<section aria-labelledby="about"><h2 id="about">What isobar is</h2>
<p>Current weather and the next two days for places worldwide, each place at its own address:
<a href="${example}"><code>${example}</code></a> for people, <code>${example}.json</code> for programs
and <code>${example}.txt</code> for terminals (<code>curl</code>). Addresses never change and
every answer says how long it stays true, so any cache between you and us can keep it.</p></section>
${
  places.length > 0
    ? html`<section aria-labelledby="popular"><h2 id="popular">Largest places</h2>
${chooseForm(
  html`<div class="regions">${byRegion(places).map(
    ([region, group]) =>
      html`<div><h3>${region}</h3><ul class="places">${group.map(
        (p) =>
          html`<li>${choiceButton(placePath(p).slice(1), p.name)} <span class="muted">${p.countryName}</span></li>`,
      )}</ul></div>`,
  )}</div>`,
)}</section>`
    : ''
}
<section aria-labelledby="developers"><h2 id="developers">For developers</h2>
<ul>
<li><a href="${ROUTES['api-reference']}">API reference</a>: every URI, its parameters and answers (also as <a href="${ROUTES.openapi}">OpenAPI 3.1</a>).</li>
<li>Search: <a href="${ROUTES.search}?q=lon"><code>${ROUTES.search}?q=lon</code></a> ·
nearest place: <a href="${ROUTES.nearest}?lat=48.85&amp;lon=2.35"><code>${ROUTES.nearest}?lat=48.85&amp;lon=2.35</code></a></li>
<li>A place by coordinates: <a href="/@51.51,-0.13"><code>/@51.51,-0.13</code></a> · in a terminal,
fetch <code>${example}.txt</code> with <code>curl</code></li>
</ul></section>`;
  return page({ title: 'Weather for any place', body, credits: deps.credits });
}

/**
 * What an old "make this my place" link (`GET /?place=`) answers: the choice offered, not made,
 * so that no link or frame elsewhere can set a visitor's place.
 */
export async function confirmPage(deps: RouteDeps, path: string): Promise<string> {
  const ref = path.slice(1);
  const body = html`<h1>Remember ${ref} as your place?</h1>
<p>isobar then opens it whenever you come to <a href="/">the front page</a> on this browser.</p>
<p>${chooseButton(ref, `Remember ${ref}`)}</p>
<p><a href="${path}">Go to ${ref} without remembering it</a></p>`;
  return page({ title: `Remember ${ref}?`, body, credits: deps.credits });
}
