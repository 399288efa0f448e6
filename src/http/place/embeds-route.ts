import { z } from '@hono/zod-openapi';
import { fetchingFreshness, weatherFreshness } from '../../contract/protocol/freshness.ts';
import { embedPaths, type RouteName } from '../../contract/uris/uri-space.ts';
import { nextUpdateOf, placeDocument } from '../../documents/place-document.ts';
import { defaultUnits, type UnitSystem, unitsQueryFor } from '../../domain/weather/units.ts';
import { serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { placeBeneathParams } from '../schemas/params.ts';
import { unitsQuery } from '../schemas/queries.ts';
import { movedPermanently, notModified, problemOrPage } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { hourlySteps } from './hourly-steps.ts';
import { meteogramImage } from './meteogram-image.ts';
import { lookUpPlace } from './place-lookup.ts';
import { withWeather } from './places-route.ts';
import { widgetHtml } from './widget-html.ts';

/** The place of an embed's URI, in any spelling. */
const embedParams = placeBeneathParams('an embed is named without an extension');

const KINDS = {
  'place-meteogram': {
    summary: "A place's meteogram as an SVG image, for other sites' <img>",
    type: 'image/svg+xml',
    media: 'image/svg+xml',
    path: (ref: string) => embedPaths(ref).meteogram,
  },
  'place-widget': {
    summary: "A place's weather as a small page made to be framed by any site (<iframe>)",
    type: 'text/html; charset=utf-8',
    media: 'text/html',
    path: (ref: string) => embedPaths(ref).widget,
  },
} as const;
type Kind = keyof typeof KINDS & RouteName;

const route = (name: Kind) =>
  defineRoute(name, {
    summary: KINDS[name].summary,
    description:
      "The next 48 hours as on the place's page (`/GB/London`), in its units (`units` as there). " +
      'Fresh until the source next updates, and purged with the place, like its page.',
    request: { params: embedParams, query: unitsQuery },
    responses: {
      200: { description: 'The embed', content: { [KINDS[name].media]: { schema: z.string() } } },
      301: movedPermanently,
      304: notModified,
      400: problemOrPage('A malformed place name, or a bad query parameter'),
      404: problemOrPage('No such place in that country (cached for a minute)'),
    },
  });

/**
 * `/{CC}/{Name}/meteogram.svg` and `/{CC}/{Name}/widget`: the place's embeds, tagged and fresh
 * as the place itself, so a write that purges the place purges them too.
 */
export function embedRoutes(deps: RouteDeps) {
  const router = createRouter();
  for (const name of Object.keys(KINDS) as Kind[]) {
    router.openapi(route(name), (c) => {
      const url = new URL(c.req.url);
      const req = c.req.valid('param');
      const { units } = c.req.valid('query');
      deps.onPlaceView?.(req.countryCode, req.key);
      return serveCached(c, deps, () => render(deps, name, req, units, url));
    });
  }
  return router;
}

async function render(
  deps: RouteDeps,
  kind: Kind,
  req: { countryCode: string; key: string },
  asked: UnitSystem | undefined,
  url: URL,
) {
  const now = deps.now();
  const units = asked ?? defaultUnits(req.countryCode, 'html');
  const found = await lookUpPlace(
    deps,
    req,
    url,
    (p) => KINDS[kind].path(p.ref) + unitsQueryFor(p.countryCode, 'html', units),
  );
  if (found.answer) return found.answer;
  const { tags } = found;
  // A place embedded before anyone opened it gets its weather asked for, as its page would.
  const { shown: pw } = await withWeather(deps, found.pw, { ...req, format: 'html' }, null);
  const doc = placeDocument(pw, units, new Date(now));
  const body =
    kind === 'place-meteogram'
      ? meteogramImage(doc, new Date(now))
      : await widgetHtml(doc, deps.credits);
  return representation({
    status: 200,
    body,
    contentType: KINDS[kind].type,
    // Nothing to draw yet (weather on its way): caches look again within seconds.
    freshness:
      hourlySteps(doc).length === 0
        ? fetchingFreshness
        : weatherFreshness(nextUpdateOf(pw), new Date(now)),
    lastModified: pw.lastModified,
    now,
    tags,
  });
}
