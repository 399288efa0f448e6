import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { placeTags } from '../../contract/protocol/cache-tags.ts';
import {
  endingBy,
  fetchingFreshness,
  weatherFreshness,
} from '../../contract/protocol/freshness.ts';
import {
  CONTENT_TYPES,
  countryCode,
  type Format,
  type PlaceRequest,
  placePath,
  readCanonicalJson,
  representationPath,
} from '../../contract/uris/place-uri.ts';
import { asciiJson } from '../../documents/ascii-json.ts';
import { placeDocumentSchema } from '../../documents/document-schemas.ts';
import {
  nextUpdateOf,
  PLACE_DOCUMENT_VERSION,
  type PlaceDocument,
  placeDocument,
} from '../../documents/place-document.ts';
import { nextAlertChange } from '../../domain/alerts.ts';
import { heldWeather } from '../../domain/weather/held-weather.ts';
import { defaultUnits, type UnitSystem, unitsQueryFor } from '../../domain/weather/units.ts';
import { findPlaceByOtherName } from '../../store/catalog/place-names.ts';
import {
  type DocumentWanted,
  findPlaceWeather,
  findStoredDocument,
  type PlaceWeather,
  type StoredDocument,
} from '../../store/weather/place-weather.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import type { Replay } from '../envelope.ts';
import { answer, representation } from '../representation.ts';
import { placeParams } from '../schemas/params.ts';
import { unitsQuery } from '../schemas/queries.ts';
import {
  badRequestOrPage,
  movedPermanently,
  notModified,
  problemOrPage,
} from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { placeHtml } from './place-html.ts';
import { placeText } from './place-text.ts';

const route = defineRoute('place', {
  summary: "A place's current weather and forecast",
  description:
    'The representation is chosen by the path alone: `/GB/London` (HTML), `/GB/London.json`, ' +
    '`/GB/London.txt`. Fresh until the source next updates.',
  request: { params: placeParams, query: unitsQuery },
  responses: {
    200: {
      description: 'The place and its weather',
      content: {
        'application/json': { schema: placeDocumentSchema },
        'text/html': { schema: z.string() },
        'text/plain': { schema: z.string() },
      },
    },
    301: movedPermanently,
    304: notModified,
    400: badRequestOrPage,
    404: problemOrPage('No such place in that country (cached for a minute)'),
  },
});

/**
 * `/{CC}/{Name}`, `.json` and `.txt`, every other spelling answered by a 301 to the canonical one.
 * `json`: the canonical JSON URI answered before routing (see placeJson), for the Node entry.
 */
export function placeRoutes(deps: RouteDeps) {
  return Object.assign(placeRouter(deps), { json: placeJson(deps) });
}

/**
 * The route's answer to a cold read of `/{CC}/{Name}.json`, given before routing (the polled
 * URI: routing it cost a cold read half its rate in `npm run bench`): one lookup, then the
 * representation the route makes of the stored document (or its own render of the row), cached
 * under the route's key. Any URI of another shape, or a failure, goes to the route.
 */
function placeJson(deps: RouteDeps): Replay {
  return (request) => {
    const canonical = readCanonicalJson(request.target);
    const code = canonical && countryCode(canonical.countryCode);
    if (!code || canonical.slug.length > 100) return undefined;
    const { slug } = canonical;
    const req: PlaceRequest = { countryCode: code, key: slug.toLowerCase(), format: 'json' };
    const served = viewCounter(deps, req);
    served?.();
    const load = async () => {
      const now = deps.now();
      const doc = await findStoredDocument(
        deps.db,
        code,
        req.key,
        new Date(now),
        PLACE_DOCUMENT_VERSION,
      );
      const made =
        doc?.slug === slug && code === canonical.countryCode
          ? storedRepresentation(doc, `${code}/${slug}`, now)
          : await render(deps, req, undefined, new URL(request.target, 'http://origin'));
      return Object.assign(made, { served, route: 'place' });
    };
    return deps.cache
      .get(request.target, load)
      .then((rep) => answer(rep, request.headers, deps.now(), ''));
  };
}

/** A place's JSON document as its last write stored it, sent as it is. */
function storedRepresentation(doc: StoredDocument, ref: string, now: number) {
  return representation({
    status: 200,
    body: doc.body,
    etag: doc.etag ?? undefined,
    contentType: CONTENT_TYPES.json,
    // A warning it shows begins or expires: no cache keeps it past that.
    freshness: endingBy(
      weatherFreshness(doc.nextUpdateAt, new Date(now)),
      doc.alertsUntil,
      new Date(now),
    ),
    lastModified: doc.lastModified,
    now,
    tags: placeTags(ref),
  });
}

// Counted on every request, cached or not (a copy served before routing counts it too):
// upstream providers follow what people look at.
function viewCounter(deps: RouteDeps, req: PlaceRequest) {
  const { onPlaceView } = deps;
  return onPlaceView && (() => onPlaceView(req.countryCode, req.key));
}

function placeRouter(deps: RouteDeps) {
  return createRouter().openapi(route, (c) =>
    servePlace(c, deps, c.req.valid('param'), c.req.valid('query').units),
  );
}

/** A representation of a place made from its document: its canonical path and its body. */
export interface PlaceView {
  path: (countryCode: string, slug: string) => string;
  body: (doc: PlaceDocument, at: Date) => string | Promise<string>;
}

const formatView = (deps: RouteDeps, format: Format): PlaceView => ({
  path: (countryCode, slug) => representationPath(countryCode, slug, format),
  body: (doc, at) =>
    format === 'json'
      ? asciiJson(doc)
      : format === 'txt'
        ? placeText(doc)
        : placeHtml(doc, deps.credits, at),
});

/**
 * Serves a view of a place (by default the representation its format names), counted as a view
 * and micro-cached; the freshness, tags and 301s of every view are the place's own.
 */
export function servePlace(
  c: Context<AppEnv>,
  deps: RouteDeps,
  req: PlaceRequest,
  units: UnitSystem | undefined,
  view: PlaceView = formatView(deps, req.format),
) {
  const url = new URL(c.req.url);
  const served = viewCounter(deps, req);
  served?.();
  return serveCached(c, deps, async () =>
    Object.assign(await render(deps, req, units, url, view), { served }),
  );
}

async function render(
  deps: RouteDeps,
  req: PlaceRequest,
  asked: UnitSystem | undefined,
  url: URL,
  view: PlaceView = formatView(deps, req.format),
) {
  const now = deps.now();
  // The request's country (aliases resolved) is the place's: the default is known before lookup.
  const units = asked ?? defaultUnits(req.countryCode, req.format);
  // JSON is what programs poll: its document, rendered by the last write, comes ready when valid.
  const stored = req.format === 'json' ? { units, version: PLACE_DOCUMENT_VERSION } : null;
  const pw = await findPlaceWeather(deps.db, req.countryCode, req.key, new Date(now), stored);
  if (!pw) {
    // Another name of a place (`/DE/Munchen`) is one more spelling of its URI: 301, like the rest.
    const other = await findPlaceByOtherName(deps.db, req.countryCode, req.key);
    if (other) {
      const path = view.path(other.countryCode, other.slug);
      return movedTo(
        path + unitsQueryFor(other.countryCode, req.format, units),
        now,
        placeTags(placePath(other).slice(1)),
      );
    }
    return notFound(
      url,
      'unknown-place',
      `no place "${req.key}" is known in ${req.countryCode}`,
      now,
    );
  }
  const { countryCode, slug } = pw.place;
  const tags = placeTags(`${countryCode}/${slug}`);
  const canonical = view.path(countryCode, slug) + unitsQueryFor(countryCode, req.format, units);
  if (url.pathname + url.search !== canonical) return movedTo(canonical, now, tags);
  if (pw.document) return storedRepresentation(pw.document, `${countryCode}/${slug}`, now);
  const { shown, fetching } = await withWeather(deps, pw, req, stored);
  const at = deps.now();
  if (shown.document) return storedRepresentation(shown.document, `${countryCode}/${slug}`, at);
  const { location, source, ...rest } = placeDocument(shown, units, new Date(at));
  const doc = { location, source, ...(fetching ? { fetching } : {}), ...rest };
  const body = await view.body(doc, new Date(at));
  const nextUpdate = nextUpdateOf(shown);
  return representation({
    status: 200,
    body,
    contentType: CONTENT_TYPES[req.format],
    // Its weather is on its way: caches must look again within seconds, not keep "nothing".
    freshness: fetching
      ? fetchingFreshness
      : endingBy(
          weatherFreshness(nextUpdate, new Date(at)),
          nextAlertChange(shown.alerts ?? [], new Date(at)),
          new Date(at),
        ),
    lastModified: shown.lastModified,
    now: at,
    tags,
  });
}

/**
 * A place about to be shown with no real weather: asks for some (ensureWeather, which waits a
 * few seconds at most) and reads the place again. `fetching` when there is still none to show.
 */
export async function withWeather(
  deps: RouteDeps,
  pw: PlaceWeather & { document?: StoredDocument },
  req: PlaceRequest,
  stored: DocumentWanted | null,
): Promise<{ shown: PlaceWeather & { document?: StoredDocument }; fetching: boolean }> {
  const held = deps.ensureWeather && heldWeather(pw, new Date(deps.now()));
  if (!held) return { shown: pw, fetching: false };
  if (!(await deps.ensureWeather!(pw.place, held))) {
    return { shown: pw, fetching: held === 'nothing' };
  }
  const now = new Date(deps.now());
  const shown = (await findPlaceWeather(deps.db, req.countryCode, req.key, now, stored)) ?? pw;
  return { shown, fetching: !shown.document && heldWeather(shown, now) === 'nothing' };
}
