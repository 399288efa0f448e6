import { type Context, Hono } from 'hono';
import { weatherFreshness } from '../../domain/freshness.ts';
import type { UnitSystem } from '../../domain/units.ts';
import { findPlaceWeather } from '../../store/repositories/place-weather.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { readQuery, readUnits, unitsQuery } from '../middleware/query.ts';
import {
  type Format,
  type PlaceRequest,
  parsePlacePath,
  representationPath,
} from '../place-path.ts';
import { placeDocument } from '../render/place-document.ts';
import { placeHtml } from '../render/place-html.ts';
import { placeText } from '../render/place-text.ts';
import { representation } from '../representation.ts';

const CONTENT_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

async function render(
  c: Context<AppEnv>,
  deps: RouteDeps,
  req: PlaceRequest,
  units: UnitSystem,
  url: URL,
) {
  const now = deps.now();
  const pw = await findPlaceWeather(deps.db, req.countryCode, req.key, new Date(now));
  if (!pw)
    return notFound(
      c,
      'unknown-place',
      `no place "${req.key}" is known in ${req.countryCode}`,
      now,
    );
  const { countryCode, slug } = pw.place;
  const tags = [`place:${countryCode}/${slug}`];
  const canonical = representationPath(countryCode, slug, req.format) + unitsQuery(units);
  if (url.pathname + url.search !== canonical) return movedTo(canonical, now, tags);
  const doc = placeDocument(pw, units);
  const body =
    req.format === 'json'
      ? JSON.stringify(doc)
      : req.format === 'txt'
        ? placeText(doc)
        : await placeHtml(doc, deps.credits);
  const nextUpdate = pw.current?.nextUpdateAt ?? pw.forecast[0]?.nextUpdateAt ?? null;
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

/** `/{CC}/{Name}`, `.json` and `.txt`, every other spelling answered by a 301 to the canonical one. */
export function placeRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().get('*', async (c, next) => {
    const url = new URL(c.req.url);
    const req = parsePlacePath(url.pathname);
    if (!req) return next();
    c.set('route', 'place');
    const units = readUnits(readQuery(url, ['units']));
    return serveCached(c, deps, url, () => render(c, deps, req, units, url));
  });
}
