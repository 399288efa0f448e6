import { Hono } from 'hono';
import { formatCoordinate, readPoint } from '../../domain/coordinates.ts';
import { Invalid } from '../../domain/errors.ts';
import { placePath } from '../../domain/place.ts';
import { nearestPlace } from '../../store/repositories/locations.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { readQuery } from '../middleware/query.ts';

const COORDS = /^\/@([^,/]*),([^,/]*)\/?$/;

/** `/@{lat},{lon}`: 301 to the rounded spelling, which answers 301 to the nearest place. */
export function coordinateRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>().get('*', async (c, next) => {
    // Mounted before the place routes: every place request passes here, so look before parsing.
    if (!c.req.path.startsWith('/@')) return next();
    const url = new URL(c.req.url);
    c.set('route', 'coordinates');
    const match = COORDS.exec(url.pathname);
    if (!match)
      throw new Invalid('coordinates must be written /@{latitude},{longitude}, e.g. /@51.51,-0.13');
    readQuery(url, []);
    const point = readPoint(match[1]!, match[2]!);
    const canonical = `/@${formatCoordinate(point.latitude)},${formatCoordinate(point.longitude)}`;
    return serveCached(c, deps, url, async () => {
      const now = deps.now();
      if (url.pathname !== canonical) return movedTo(canonical, now);
      const place = await nearestPlace(deps.db, point.latitude, point.longitude);
      return place
        ? movedTo(placePath(place), now)
        : notFound(c, 'empty-catalog', 'the place catalog is empty', now);
    });
  });
}
