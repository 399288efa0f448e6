import { placeTag } from '../uris/place-uri.ts';
import { rankingTag } from '../uris/statistics-uri.ts';

/*
 * The tags on the origin's cacheable answers (`Cache-Tag`, comma-separated, as Cloudflare reads
 * it; the shipped VCL hands them to Varnish's xkey), and the purges a change maps to. A tag
 * names what an answer shows, so that a change purges every answer that shows it and no other.
 */

/** Every cacheable answer of the origin: purging it empties the cache downstream. */
export const ALL_TAG = 'isobar';
/** What the catalog alone decides: search, nearest, a place's metadata, the landing page. */
export const CATALOG_TAG = 'catalog';
/**
 * The newest page of the change feed (and the redirect to it): every change makes it stale. Only
 * the origin's own cache drops it on each change; shared caches keep it seconds, not purged.
 */
export const FEED_TAG = 'changes';
/** Every answer about one country's places: what a bulk change purges at once. */
export const countryTag = (countryCode: string) => `country:${countryCode}`;

export { placeTag, rankingTag };

/** The tags of an answer about one place (`GB/London`): its own, and its country's. */
export function placeTags(ref: string): string[] {
  return [placeTag(ref), countryTag(ref.slice(0, 2))];
}

/** More places of one country than this in one change are purged by the country's tag. */
export const COARSE_AFTER = 50;

/**
 * The tags that purge what a change to these places (`GB/London`) makes stale: each place's
 * answers, and its country's rankings; past COARSE_AFTER places of one country, that
 * country's tag instead of theirs. In the order first met, each tag once.
 */
export function purgeTags(change: { places: readonly string[] }): string[] {
  const byCountry = new Map<string, string[]>();
  for (const ref of change.places) {
    const country = ref.slice(0, 2);
    const refs = byCountry.get(country) ?? [];
    refs.push(ref);
    byCountry.set(country, refs);
  }
  const tags: string[] = [];
  for (const [country, refs] of byCountry) {
    if (refs.length > COARSE_AFTER) tags.push(countryTag(country));
    else for (const ref of refs) tags.push(placeTag(ref));
    tags.push(rankingTag(country));
  }
  return [...new Set(tags)];
}

/**
 * What the origin's own cache drops on a change: what purgeTags purges downstream, and the
 * newest page of the change feed, which shared caches keep only seconds instead.
 */
export function localTags(change: { places: readonly string[] }): string[] {
  return [...purgeTags(change), FEED_TAG];
}
