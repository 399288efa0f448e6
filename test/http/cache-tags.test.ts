import { beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_TAG,
  CATALOG_TAG,
  FEED_TAG,
  placeTags,
  purgeTags,
} from '../../src/contract/protocol/cache-tags.ts';
import { CACHEABLE_ROUTES, matchRoute, type RouteName } from '../../src/contract/uris/uri-space.ts';
import { drivers } from '../support/databases.ts';
import { writeObservedDay } from '../support/day-data.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { placeRepresentations } from '../support/representations.ts';

const LONDON = placeTags('GB/London');

/**
 * One URI of every cacheable route, and the tags its answers must carry besides ALL_TAG: what
 * they show, so that a change to it purges them. Routes whose answers change only with a release
 * (files, the API's description) carry ALL_TAG alone, on purpose. A cacheable route added to the
 * URI space without a line here fails the first test below.
 */
const SAMPLES: Partial<Record<RouteName, { uri: string; tags: string[] }>> = {
  place: { uri: '/GB/London', tags: LONDON },
  day: { uri: '/GB/London/2026-11-20', tags: LONDON },
  'place-line': { uri: '/GB/London/line.txt', tags: LONDON },
  'place-meteogram': { uri: '/GB/London/meteogram.svg', tags: LONDON },
  'place-widget': { uri: '/GB/London/widget', tags: LONDON },
  'place-alerts': { uri: '/GB/London/alerts', tags: LONDON },
  'place-alerts-atom': { uri: '/GB/London/alerts.atom', tags: LONDON },
  coordinates: { uri: '/@51.51,-0.13', tags: [CATALOG_TAG] },
  search: { uri: '/v1/locations?q=lon', tags: [CATALOG_TAG] },
  location: { uri: '/v1/locations/GB/London', tags: LONDON },
  history: { uri: '/v1/locations/GB/London/history?from=2026-11-01', tags: LONDON },
  'stats-daily': {
    uri: '/v1/locations/GB/London/stats/daily?from=2026-11-01&to=2026-11-22',
    tags: LONDON,
  },
  'stats-climatology': { uri: '/v1/locations/GB/London/stats/climatology', tags: LONDON },
  'stats-records': { uri: '/v1/locations/GB/London/stats/records', tags: LONDON },
  'stats-anomaly': { uri: '/v1/locations/GB/London/stats/anomaly?date=2026-11-22', tags: LONDON },
  rankings: {
    uri: '/v1/rankings/GB?from=2026-11-01&stat=warmest&to=2026-11-22',
    tags: ['ranking:GB', 'country:GB'],
  },
  nearest: { uri: '/v1/nearest?lat=51.51&lon=-0.13', tags: [CATALOG_TAG] },
  openapi: { uri: '/v1/openapi.json', tags: [] },
  // The newest page: the origin's cache drops it on any change (localTags), caches downstream
  // keep it seconds.
  changes: { uri: '/v1/changes?after=0', tags: [FEED_TAG] },
  // Read from the store at most once a minute: not purged, it ages out.
  status: { uri: '/v1/status', tags: [] },
  'status-page': { uri: '/status', tags: [] },
  'search-page': { uri: '/search?q=london', tags: [CATALOG_TAG] },
  asset: { uri: '', tags: [] },
  'dashboard-index': { uri: '/dashboard', tags: [] },
  'dashboard-index-slash': { uri: '/dashboard/', tags: [] },
  'dashboard-place': { uri: '/dashboard/GB/London', tags: LONDON },
  'dashboard-compare': {
    uri: '/dashboard/compare?from=2026-11-01&places=GB%2FLondon%2CFR%2FParis&to=2026-11-22',
    tags: [...LONDON, ...placeTags('FR/Paris')],
  },
  'dashboard-asset': { uri: '', tags: [] },
  favicon: { uri: '/favicon.ico', tags: [] },
  'favicon-svg': { uri: '/favicon.svg', tags: [] },
  robots: { uri: '/robots.txt', tags: [] },
  'api-reference': { uri: '/api', tags: [] },
  'place-name': { uri: '/London', tags: [CATALOG_TAG, ...LONDON] },
};

const tagsOf = (res: Response) => (res.headers.get('cache-tag') ?? '').split(',').filter(Boolean);

describe.each(drivers)('cache tags on $name', (driver) => {
  const origin = useTestOrigin(driver);

  // The fixture's today is 2026-11-22: a past day with data, for its pages and statistics.
  beforeAll(async () => {
    if (!driver.skip) await writeObservedDay(origin().t.db, 'GB/London', '2026-11-20');
  });

  it('has a sample, with the tags it must carry, for every cacheable route', () => {
    const missing = [...CACHEABLE_ROUTES].filter((route) => !SAMPLES[route]);
    expect(missing, 'cacheable routes with no line in SAMPLES').toEqual([]);
  });

  /** An asset's URI, as the page that links it names it (asset URIs carry their content hash). */
  const linked = async (page: string, prefix: string) => {
    const html = await (await origin().get(page)).text();
    return new RegExp(`"(${prefix}[^"]+)"`).exec(html)?.[1] ?? `${prefix}missing`;
  };

  it.skipIf(driver.skip)(
    'tags every cacheable answer with what it shows, and with the tag that empties the cache',
    async () => {
      const uris: [RouteName, string, string[]][] = [];
      for (const [route, sample] of Object.entries(SAMPLES) as [
        RouteName,
        typeof SAMPLES.place,
      ][]) {
        let uri = sample!.uri;
        if (route === 'asset') uri = await linked('/GB/London', '/assets/');
        if (route === 'dashboard-asset') uri = await linked('/dashboard', '/dashboard/assets/');
        uris.push([route, uri, sample!.tags]);
      }
      for (const [route, uri, tags] of uris) {
        const res = await origin().get(uri);
        expect([route, uri, res.status]).toEqual([route, uri, expect.any(Number)]);
        expect([200, 301], `${uri} answered ${res.status}`).toContain(res.status);
        expect(matchRoute(new URL(uri, 'http://x').pathname), uri).toBe(route);
        expect(res.headers.get('cdn-cache-control'), uri).toMatch(/^public, max-age=\d+/);
        expect(tagsOf(res), uri).toEqual(expect.arrayContaining([...tags, ALL_TAG]));
        expect(new Set(tagsOf(res)).size, `${uri}: a tag twice`).toBe(tagsOf(res).length);
      }
    },
  );

  it.skipIf(driver.skip)(
    'tags every representation of a place so that a change to it purges each',
    async () => {
      const purged = purgeTags({ places: ['GB/London'] });
      const wrong: string[] = [];
      for (const uri of placeRepresentations('GB/London', 'FR/Paris', '2026-11-22', '2026-11-20')) {
        const res = await origin().get(uri);
        const shared = res.headers.get('cdn-cache-control') ?? '';
        const reached = tagsOf(res).some((tag) => purged.includes(tag));
        if (res.status !== 200 || !reached || !/max-age/.test(shared))
          wrong.push(`${uri}: ${res.status} ${res.headers.get('location') ?? ''} [${tagsOf(res)}]`);
      }
      expect(wrong).toEqual([]);
    },
  );
});
