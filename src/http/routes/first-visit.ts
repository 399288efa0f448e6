import { type Context, Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { placePath, readPlaceRef } from '../../domain/place.ts';
import type { ClientAddress } from '../../geo/client-address.ts';
import type { GeoDatabase, GeoHit } from '../../geo/geo-database.ts';
import { placeForRecord } from '../../geo/locate.ts';
import { findPlaceByKey } from '../../store/repositories/locations.ts';
import { createMicroCache } from '../cache/micro-cache.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { readQuery } from '../middleware/query.ts';
import { placeCookie, readPlaceCookie } from '../place-cookie.ts';
import { pickerPage } from '../render/picker-html.ts';

export interface FirstVisitDeps {
  geo: GeoDatabase | null;
  clientAddress: ClientAddress;
  /** The socket peer's address, from the runtime; undefined where there is no socket (tests). */
  socketAddress: (c: Context) => string | undefined;
  /** `GB/London`: where a visitor lands when the address says nothing. */
  defaultLocation: string | null;
}

const HOUR = 3_600_000;
const PRIVATE = { 'cache-control': 'private, no-store' };

/** `GET /`: the remembered place, else a geolocated guess (remembered), else the default or a picker. */
export function firstVisitRoutes(deps: RouteDeps, fv: FirstVisitDeps) {
  // Answers that change only with the catalog, kept for an hour so that a returning visitor,
  // and visitors sharing a geolocation record, cost no query. Bounded like any cache.
  const memo = createMicroCache<{
    value: string | null;
    expiresAt: number;
    size: number;
    tags: string[];
  }>({
    maxBytes: 4 * 1024 * 1024,
    now: deps.now,
  });
  const remember = async (key: string, find: () => Promise<string | null>) =>
    (
      await memo.get(key, async () => {
        const value = await find();
        return {
          value,
          expiresAt: deps.now() + HOUR,
          size: 64 + key.length + (value?.length ?? 0),
          tags: [],
        };
      })
    ).value;

  /** The canonical path of a `CC/Name` value, only if the catalog has that place. */
  const catalogPath = (value: string) =>
    remember(`place:${value}`, async () => {
      const ref = readPlaceRef(value);
      const place = ref && (await findPlaceByKey(deps.db, ref.countryCode, ref.key));
      return place ? placePath(place) : null;
    });

  /** The path a geolocation record leads to; records are few next to addresses. */
  const recordPath = (hit: GeoHit) =>
    remember(`geo:${hit.countryCode}|${hit.city}|${hit.latitude}|${hit.longitude}`, async () => {
      const place = await placeForRecord(deps.db, hit);
      return place ? placePath(place) : null;
    });

  const pickerBody = async () => (await remember('picker', () => pickerPage(deps)))!;

  const redirect = (c: Context, path: string, remember: boolean) => {
    const secure = new URL(c.req.url).protocol === 'https:';
    const headers: Record<string, string> = { ...PRIVATE, location: path };
    if (remember) headers['set-cookie'] = placeCookie(path.slice(1), secure);
    return c.body(null, 302, headers);
  };

  return new Hono<AppEnv>().get('/', async (c) => {
    c.set('route', 'first-visit');
    const chosen = readQuery(new URL(c.req.url), ['place']).get('place');
    if (chosen !== undefined) {
      // An explicit choice (the picker, "make this my place"): must name a catalog place.
      const path = readPlaceRef(chosen) ? await catalogPath(chosen) : null;
      if (!path)
        throw new NotFound(`no place "${chosen.slice(0, 110)}" is known; find one at /search?q=…`);
      deps.metrics.firstVisits.inc({ outcome: 'override' });
      return redirect(c, path, true);
    }
    const cookie = readPlaceCookie(c);
    const remembered = cookie ? await catalogPath(cookie) : null;
    if (remembered) {
      deps.metrics.firstVisits.inc({ outcome: 'cookie' });
      return redirect(c, remembered, false);
    }
    const address = fv.clientAddress(fv.socketAddress(c) ?? '', c.req.header('x-forwarded-for'));
    if (fv.geo) {
      const hit = fv.geo.lookup(address);
      deps.metrics.geoLookups.inc({ result: hit ? 'found' : 'not_found' });
      const path = hit ? await recordPath(hit) : null;
      if (path) {
        deps.metrics.firstVisits.inc({ outcome: 'lookup' });
        return redirect(c, path, true);
      }
    }
    deps.metrics.firstVisits.inc({ outcome: 'fallback' });
    const fallback = fv.defaultLocation ? await catalogPath(fv.defaultLocation) : null;
    if (fallback) return redirect(c, fallback, false);
    return c.html(await pickerBody(), 200, PRIVATE);
  });
}
