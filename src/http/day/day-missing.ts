import { html, raw } from 'hono/html';
import { notFoundFreshness } from '../../contract/protocol/freshness.ts';
import { problemDocument } from '../../contract/protocol/problem.ts';
import { HTML, problemPageMain } from '../../contract/protocol/problem-page.ts';
import { problemHeading } from '../../contract/protocol/problem-words.ts';
import { placePath } from '../../contract/uris/place-uri.ts';
import type { Place } from '../../domain/place.ts';
import type { NearestDays } from '../../store/weather/place-day.ts';
import { page } from '../pages/layout.ts';
import { representation } from '../representation.ts';
import { nearestDayLinks } from './day-links.ts';

/**
 * The 404 page of a day no source has data for: the problem as every 404 page says it, then the
 * way on: the place itself, and the nearest days before and after that have data.
 */
export async function missingDayPage(
  place: Place,
  date: string,
  instance: string,
  nearest: NearestDays,
  query: string,
  now: number,
  tags: string[],
) {
  const ref = `${place.countryCode}/${place.slug}`;
  const doc = problemDocument({
    code: 'no-data',
    detail: `no source has data for ${ref} on ${date}`,
    instance,
  });
  const path = placePath(place);
  const held = nearest.previous || nearest.next;
  const body = html`<nav class="way-on" aria-label="Days with data"><p><a href="${path}${query}">${place.name}: the weather now</a></p>
${held ? html`<p>Nearest days with data:</p>${nearestDayLinks(path, nearest, query)}` : html`<p>No day of ${place.name} has data yet.</p>`}</nav>
${raw(problemPageMain(doc))}`;
  return representation({
    status: 404,
    body: await page({ title: `${doc.status} ${problemHeading(doc)}`, body, credits: [] }),
    contentType: HTML,
    freshness: notFoundFreshness,
    now,
    tags,
  });
}
