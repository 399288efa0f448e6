import { ALL_TAG } from '../protocol/cache-tags.ts';
import { cacheHeaders, redirectFreshness } from '../protocol/freshness.ts';
import { CACHEABLE_ROUTES, type RouteName } from './uri-space.ts';

/**
 * Parameters that analytics and ad platforms append to shared links. They never change what a
 * URI means, so they are never part of a canonical URI: a read answers a 301 to the same URI
 * without them, and the edge answers that 301 itself, before its cache. One list, here, for both.
 */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  // Google (Ads, Analytics, Display & Video, app campaigns)
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  '_ga',
  '_gl',
  // Meta, Microsoft, Yandex, X, TikTok, LinkedIn, Instagram
  'fbclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  // Mailchimp, HubSpot, Marketo, Matomo/Piwik, Adobe, Vero, Olytics
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  's_kwcid',
  'ef_id',
]);

/** Prefixes of whole families: `utm_source`, `utm_medium`, … and Matomo's `pk_*`/`mtm_*`. */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_'] as const;

/** Whether a (decoded) query parameter name is a tracking parameter; case does not matter. */
export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMETERS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
}

/**
 * Routes whose reads drop tracking parameters by a 301: every cacheable route and `/`. The
 * writes, `/healthz` and `/metrics` are not links anyone shares; there they stay a 400.
 */
export const TRACKING_REDIRECT_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>([
  ...CACHEABLE_ROUTES,
  'first-visit',
]);

/**
 * The query without its tracking parameters, every other pair kept exactly as sent and in its
 * order (the route then judges and canonicalises what is left), or null when there are none.
 * `search` is the raw query string without its `?`.
 */
export function withoutTracking(search: string): string | null {
  if (search === '') return null;
  const pairs = search.split('&');
  const kept = pairs.filter((pair) => !isTrackingParameter(nameOf(pair)));
  return kept.length === pairs.length ? null : kept.filter((pair) => pair !== '').join('&');
}

function nameOf(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = eq < 0 ? pair : pair.slice(0, eq);
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // Not valid percent-encoding, so not a name any tracker sends: the query rule refuses it.
    return '';
  }
}

/** The headers of the cacheable 301 from a URI with tracking parameters to the one without. */
export function trackingRedirectHeaders(path: string, query: string): Record<string, string> {
  // `//host/x` folds to a place path at the edge: as sent, it would redirect off-site.
  const local = path.replace(/^[/\\]+/, '/');
  return {
    location: query === '' ? local : `${local}?${query}`,
    ...cacheHeaders(redirectFreshness),
    'cache-tag': ALL_TAG,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': '0',
  };
}

/**
 * The 301 for a read of `url` on `route`, or null when it carries no tracking parameter. The
 * path is kept as sent: the route canonicalises it, as it does without tracking parameters.
 */
export function trackingRedirect(
  method: string,
  route: RouteName | null,
  url: URL,
): Record<string, string> | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (route === null || !TRACKING_REDIRECT_ROUTES.has(route)) return null;
  const query = withoutTracking(url.search.slice(1));
  return query === null ? null : trackingRedirectHeaders(url.pathname, query);
}
