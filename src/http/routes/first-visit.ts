import { type Context, Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { placePath } from '../../domain/place.ts';
import { slugKey } from '../../domain/slug.ts';
import type { ClientAddress } from '../../geo/client-address.ts';
import type { GeoDatabase } from '../../geo/geo-database.ts';
import { locateAddress } from '../../geo/locate.ts';
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
  // Catalog answers for cookie values, so a returning visitor costs no query; bounded like any cache.
  const known = createMicroCache<{ path: string | null; expiresAt: number; size: number; tags: string[] }>({
    maxBytes: 1024 * 1024,
    now: deps.now,
  });
  const catalogPath = (value: string) =>
    known.get(value, async () => {
      const [cc = '', name = ''] = value.split('/');
      const place = await findPlaceByKey(deps.db, cc.toUpperCase() === 'UK' ? 'GB' : cc.toUpperCase(), slugKey(name));
      return { path: place ? placePath(place) : null, expiresAt: deps.now() + HOUR, size: 128, tags: [] };
    });

  const picker = createMicroCache<{ body: string; expiresAt: number; size: number; tags: string[] }>({
    maxBytes: 256 * 1024,
    now: deps.now,
  });
  const pickerBody = async () =>
    (await picker.get('picker', async () => {
      const body = await pickerPage(deps);
      return { body, expiresAt: deps.now() + HOUR, size: body.length, tags: [] };
    })).body;

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
      const path = /^[A-Za-z]{2}\/[A-Za-z0-9-]{1,100}$/.test(chosen) ? (await catalogPath(chosen)).path : null;
      if (!path) throw new NotFound(`no place "${chosen.slice(0, 110)}" is known; find one at /search?q=…`);
      deps.metrics.firstVisits.inc({ outcome: 'override' });
      return redirect(c, path, true);
    }
    const cookie = readPlaceCookie(c);
    const remembered = cookie ? (await catalogPath(cookie)).path : null;
    if (remembered) {
      deps.metrics.firstVisits.inc({ outcome: 'cookie' });
      return redirect(c, remembered, false);
    }
    const address = fv.clientAddress(fv.socketAddress(c) ?? '', c.req.header('x-forwarded-for'));
    if (fv.geo) {
      const { hit, place } = await locateAddress(deps.db, fv.geo, address);
      deps.metrics.geoLookups.inc({ result: hit ? 'found' : 'not_found' });
      if (place) {
        deps.metrics.firstVisits.inc({ outcome: 'lookup' });
        return redirect(c, placePath(place), true);
      }
    }
    deps.metrics.firstVisits.inc({ outcome: 'fallback' });
    const fallback = fv.defaultLocation ? (await catalogPath(fv.defaultLocation)).path : null;
    if (fallback) return redirect(c, fallback, false);
    return c.html(await pickerBody(), 200, PRIVATE);
  });
}
