import { z } from '@hono/zod-openapi';
import { weatherFreshness } from '../../contract/freshness.ts';
import {
  CONTENT_TYPES,
  type PlaceRequest,
  placePath,
  placeTag,
  representationPath,
} from '../../contract/place.ts';
import { defaultUnits, type UnitSystem, unitsQueryFor } from '../../domain/units.ts';
import { findPlaceByOtherName } from '../../store/repositories/place-names.ts';
import { findPlaceWeather } from '../../store/repositories/place-weather.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { createRouter, defineRoute } from '../openapi/router.ts';
import { nextUpdateOf, placeDocument } from '../render/place-document.ts';
import { placeHtml } from '../render/place-html.ts';
import { placeText } from '../render/place-text.ts';
import { representation } from '../representation.ts';
import { placeDocumentSchema } from '../schemas/documents.ts';
import { placeParams } from '../schemas/params.ts';
import { unitsQuery } from '../schemas/queries.ts';
import {
  badRequestOrPage,
  movedPermanently,
  notModified,
  problemOrPage,
} from '../schemas/responses.ts';

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
 */
export function placeRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) => {
    const url = new URL(c.req.url);
    const req = c.req.valid('param');
    const { units } = c.req.valid('query');
    // Counted on every request, cached or not (a copy served before routing counts it too):
    // upstream providers follow what people look at.
    const { onPlaceView } = deps;
    const served = onPlaceView && (() => onPlaceView(req.countryCode, req.key));
    served?.();
    return serveCached(c, deps, async () =>
      Object.assign(await render(deps, req, units, url), { served }),
    );
  });
}

async function render(deps: RouteDeps, req: PlaceRequest, asked: UnitSystem | undefined, url: URL) {
  const now = deps.now();
  // The request's country (aliases resolved) is the place's: the default is known before lookup.
  const units = asked ?? defaultUnits(req.countryCode, req.format);
  // JSON is what programs poll: its document, rendered by the last write, comes ready when valid.
  const stored = req.format === 'json' ? units : null;
  const pw = await findPlaceWeather(deps.db, req.countryCode, req.key, new Date(now), stored);
  if (!pw) {
    // Another name of a place (`/DE/Munchen`) is one more spelling of its URI: 301, like the rest.
    const other = await findPlaceByOtherName(deps.db, req.countryCode, req.key);
    if (other) {
      const path = representationPath(other.countryCode, other.slug, req.format);
      return movedTo(path + unitsQueryFor(other.countryCode, req.format, units), now, [
        placeTag(placePath(other).slice(1)),
      ]);
    }
    return notFound(
      url,
      'unknown-place',
      `no place "${req.key}" is known in ${req.countryCode}`,
      now,
    );
  }
  const { countryCode, slug } = pw.place;
  const tags = [placeTag(`${countryCode}/${slug}`)];
  const canonical =
    representationPath(countryCode, slug, req.format) +
    unitsQueryFor(countryCode, req.format, units);
  if (url.pathname + url.search !== canonical) return movedTo(canonical, now, tags);
  if (pw.document) {
    return representation({
      status: 200,
      body: pw.document.body,
      contentType: CONTENT_TYPES.json,
      freshness: weatherFreshness(pw.document.nextUpdateAt, new Date(now)),
      lastModified: pw.document.lastModified,
      now,
      tags,
    });
  }
  const doc = placeDocument(pw, units, new Date(now));
  const body =
    req.format === 'json'
      ? JSON.stringify(doc)
      : req.format === 'txt'
        ? placeText(doc)
        : await placeHtml(doc, deps.credits, new Date(now));
  const nextUpdate = nextUpdateOf(pw);
  return representation({
    status: 200,
    body,
    contentType: CONTENT_TYPES[req.format],
    freshness: weatherFreshness(nextUpdate, new Date(now)),
    lastModified: pw.lastModified,
    now,
    tags,
  });
}
