import { placeTags } from '../../contract/protocol/cache-tags.ts';
import { findPlaceByOtherName } from '../../store/catalog/place-names.ts';
import { findPlaceWeather, type PlaceWeather } from '../../store/weather/place-weather.ts';
import { movedTo, notFound } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import type { Representation } from '../representation.ts';

/** The answer for a place's sub-resource, or the place itself with its weather and tags. */
export type PlaceLookup =
  | { answer: Representation }
  | { answer?: undefined; pw: PlaceWeather; ref: string; tags: string[] };

/**
 * A sub-resource's place (`/GB/London/widget`, `/GB/London/alerts`), read as of `now`: the place
 * when `url` is its canonical spelling (`canonicalOf` the place, query included), or instead the
 * answer a place's URIs give: a 301 to the canonical one for another spelling or another name
 * of the place, a 404 for an unknown place.
 */
export async function lookUpPlace(
  deps: RouteDeps,
  req: { countryCode: string; key: string },
  url: URL,
  canonicalOf: (place: { countryCode: string; slug: string; ref: string }) => string,
): Promise<PlaceLookup> {
  const now = deps.now();
  const pw = await findPlaceWeather(deps.db, req.countryCode, req.key, new Date(now));
  const place = pw?.place ?? (await findPlaceByOtherName(deps.db, req.countryCode, req.key));
  if (!place) {
    const detail = `no place "${req.key}" is known in ${req.countryCode}`;
    return { answer: await notFound(url, 'unknown-place', detail, now) };
  }
  const ref = `${place.countryCode}/${place.slug}`;
  const tags = placeTags(ref);
  const canonical = canonicalOf({ countryCode: place.countryCode, slug: place.slug, ref });
  if (!pw || url.pathname + url.search !== canonical) {
    return { answer: movedTo(canonical, now, tags) };
  }
  return { pw, ref, tags };
}
