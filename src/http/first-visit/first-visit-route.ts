import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HOUR_MS } from '../../contract/durations.ts';
import { NotFound } from '../../contract/protocol/request-errors.ts';
import { PLACE_COOKIE, placeCookie, readPlaceCookie } from '../../contract/uris/cookie.ts';
import { placePath, readPlaceRef } from '../../contract/uris/place-uri.ts';
import { ROUTES } from '../../contract/uris/uri-space.ts';
import type { GeoDatabase, GeoHit } from '../../geo/geo-database.ts';
import { placeForRecord } from '../../geo/locate.ts';
import { findPlaceByKey } from '../../store/catalog/locations.ts';
import { findPlaceByOtherName } from '../../store/catalog/place-names.ts';
import { createMicroCache } from '../cache/micro-cache.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import type { Replay } from '../envelope.ts';
import { type Answer, toResponse } from '../representation.ts';
import { firstVisitQuery } from '../schemas/queries.ts';
import { badRequestOrPage, problemOrPage } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { confirmPage } from './confirm-html.ts';
import { fromOurPages, readChoice } from './place-choice.ts';

export interface FirstVisitOptions {
  /** Geolocation of client addresses; null: every visitor without a cookie falls back. */
  geo: GeoDatabase | null;
  /** `GB/London`: where a visitor lands when the address says nothing. */
  defaultLocation: string | null;
}

const PRIVATE = { 'cache-control': 'private, no-store' };
const SOLE_PLACE = `${PLACE_COOKIE}=`;

const route = defineRoute('first-visit', {
  summary: "A visitor's place: remembered, guessed from the address, or chosen",
  description:
    'With a `place` cookie naming a catalog place: 302 there. Otherwise the client address is ' +
    'geolocated once, the place remembered in the cookie, and 302. `?place=` chooses a place.',
  request: { query: firstVisitQuery },
  responses: {
    200: {
      description:
        'With `?place=`, a page that offers to remember that place (a GET never sets it: POST ' +
        'does)',
      content: { 'text/html': { schema: z.string() } },
    },
    302: {
      description:
        "To the visitor's place, with `Set-Cookie` when it was guessed; to the landing page " +
        '(`/search`) when nothing says where the visitor is and no default place is set',
    },
    400: badRequestOrPage,
    404: problemOrPage('`?place=` names no catalog place'),
  },
});

const choose = defineRoute('first-visit', {
  method: 'post',
  summary: "Remember a visitor's chosen place",
  description:
    'The form on every place page and on the picker: sets the `place` cookie and answers 303 ' +
    "to the place. Only from this site's own pages (`Sec-Fetch-Site: same-origin`, or an " +
    '`Origin` on this host); a GET to `/?place=` only offers the choice.',
  request: {
    body: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object' as const,
            properties: { place: { type: 'string' as const, example: 'GB/London' } },
            required: ['place'],
          },
        },
      },
    },
  },
  responses: {
    303: { description: 'To the chosen place, with `Set-Cookie`' },
    400: badRequestOrPage,
    403: problemOrPage('The form was sent from another site'),
    404: problemOrPage('`place` names no catalog place'),
    413: problemOrPage('The body is longer than a place reference can be'),
    415: problemOrPage('The body is not a form'),
  },
  middleware: [fromOurPages()],
});

/**
 * The redirect (302; 303 after a form) to a visitor's place, the same for the route and its
 * replay before routing: private, with a length so that Node need not frame the empty body as
 * chunks, and the cookie that remembers the place when it was guessed or chosen.
 */
function redirectTo(path: string, cookie: string | null = null, status = 302): Answer {
  const headers: Record<string, string> = {
    'cache-control': PRIVATE['cache-control'],
    location: path,
    'content-length': '0',
  };
  if (cookie) headers['set-cookie'] = cookie;
  return { status, headers, body: null };
}

/**
 * `GET /`: the remembered place, else a geolocated guess (remembered), else the default or the
 * landing page; `POST /`: the place a visitor chose, remembered.
 */
export function firstVisitRoutes(deps: RouteDeps, options: FirstVisitOptions) {
  // Answers that change only with the catalog, kept for an hour so that a returning visitor,
  // and visitors sharing a geolocation record, cost no query. Bounded like any cache.
  type Memo = ReturnType<typeof createMemo>;
  const createMemo = () =>
    createMicroCache<{ value: string | null; expiresAt: number; size: number; tags: string[] }>({
      maxBytes: 2 * 1024 * 1024,
      now: deps.now,
    });
  /** Catalog paths by the `CC/Name` value asked for; null where the catalog has no such place. */
  const places = createMemo();
  /** Catalog paths by geolocation record. */
  const others = createMemo();
  const remember = async (memo: Memo, key: string, find: () => Promise<string | null>) => {
    const entry = await memo.get(key, async () => {
      const value = await find();
      const size = 64 + key.length + (value?.length ?? 0);
      return { value, expiresAt: deps.now() + HOUR_MS, size, tags: [] };
    });
    return entry.value;
  };

  /** The canonical path of a `CC/Name` value, only if the catalog has that place. */
  const catalogPath = (value: string) =>
    remember(places, value, async () => {
      const ref = readPlaceRef(value);
      const place =
        ref &&
        ((await findPlaceByKey(deps.db, ref.countryCode, ref.key)) ??
          (await findPlaceByOtherName(deps.db, ref.countryCode, ref.key)));
      return place ? placePath(place) : null;
    });

  /** The path a geolocation record leads to; records are few next to addresses. */
  const recordPath = (hit: GeoHit) =>
    remember(
      others,
      `geo:${hit.countryCode}|${hit.city}|${hit.latitude}|${hit.longitude}`,
      async () => {
        const place = await placeForRecord(deps.db, hit);
        return place ? placePath(place) : null;
      },
    );

  // A returning visitor, the most common request for `/`, answered before routing with the
  // route's own answer when the memo already knows the cookie's place: no parsing, no database.
  const cookieVisits = deps.metrics.firstVisits.labels({ outcome: 'cookie' });
  const returning: Replay = (request) => {
    if (request.target !== '/') return undefined;
    // A header that is the place cookie alone, as the edge forwards it (and a browser sends it
    // where it is the site's only cookie), is looked up unparsed: it answers here only when the
    // memo holds the catalog's path for that very value and the value is that path, as isobar
    // writes it (so also of the shape readPlaceCookie accepts). Anything else (more cookies,
    // quoting, escapes, another spelling of a place) misses and is read in full by the route.
    const header = request.headers.get('cookie');
    if (!header?.startsWith(SOLE_PLACE)) return undefined;
    const value = header.slice(SOLE_PLACE.length);
    const path = places.peek(value)?.value;
    if (!path || path.length !== value.length + 1 || !path.endsWith(value)) return undefined;
    cookieVisits.inc();
    return redirectTo(path);
  };

  const redirect = (c: Context<AppEnv>, path: string, remember: boolean, status = 302) => {
    const cookie = remember ? placeCookie(path.slice(1), deps.isHttps(c)) : null;
    const given = redirectTo(path, cookie, status);
    given.headers['x-request-id'] = c.get('requestId');
    return toResponse(given);
  };

  /** The path of a place a visitor chose: it must name a catalog place. */
  const chosenPath = async (chosen: string) => {
    const path = readPlaceRef(chosen) ? await catalogPath(chosen) : null;
    if (!path) {
      const detail = `no place "${chosen.slice(0, 110)}" is known; find one at /search?q=…`;
      throw new NotFound(detail, 'unknown-place');
    }
    return path;
  };

  const router = createRouter().openapi(route, async (c) => {
    const chosen = c.req.valid('query').place;
    // An old "make this my place" link: it only offers the choice, as a form that POSTs.
    if (chosen !== undefined)
      return c.html(await confirmPage(deps, await chosenPath(chosen)), 200, PRIVATE);
    const cookie = readPlaceCookie(c.req.header('cookie'));
    const remembered = cookie ? await catalogPath(cookie) : null;
    if (remembered) {
      deps.metrics.firstVisits.inc({ outcome: 'cookie' });
      return redirect(c, remembered, false);
    }
    if (options.geo) {
      const hit = options.geo.lookup(deps.clientAddress(c));
      deps.metrics.geoLookups.inc({ result: hit ? 'found' : 'not_found' });
      const path = hit ? await recordPath(hit) : null;
      if (path) {
        deps.metrics.firstVisits.inc({ outcome: 'lookup' });
        return redirect(c, path, true);
      }
    }
    deps.metrics.firstVisits.inc({ outcome: 'fallback' });
    const fallback = options.defaultLocation ? await catalogPath(options.defaultLocation) : null;
    // Nowhere to go: the landing page, a cacheable URI of its own (this answer is private).
    return redirect(c, fallback ?? ROUTES['search-page'], false);
  });
  router.openapi(choose, async (c) => {
    const path = await chosenPath(await readChoice(c.req.raw));
    deps.metrics.firstVisits.inc({ outcome: 'override' });
    return redirect(c, path, true, 303);
  });
  return Object.assign(router, { returning });
}
