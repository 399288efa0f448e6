import type { Context } from 'hono';
import { placeTags } from '../../contract/protocol/cache-tags.ts';
import type { Freshness } from '../../contract/protocol/freshness.ts';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import type { PlaceRequest } from '../../contract/uris/place-uri.ts';
import { placePath } from '../../contract/uris/place-uri.ts';
import type { Place } from '../../domain/place.ts';
import { findPlaceForHistory, type PlaceHistoryHead } from '../../store/weather/place-day.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { type Representation, representation } from '../representation.ts';

/** What a statistics document of a place is made from, once the place is known and canonical. */
export interface PlaceStatsInput {
  head: PlaceHistoryHead;
  place: Place;
  /** `GB/London` */
  ref: string;
  now: number;
}

/** The document, how long it keeps, and the newest data it shows. */
export interface PlaceStatsAnswer {
  body: unknown;
  freshness: Freshness;
  /** Received times of the data shown (null when there is none): the Last-Modified. */
  received: readonly (Date | null)[];
}

/**
 * Serves a statistics document of a place: the place looked up (404 when unknown), other
 * spellings of the URI sent to `canonical(ref)` with a 301, the document made by `make`, all
 * through the micro-cache.
 */
export function servePlaceStats(
  c: Context<AppEnv>,
  deps: RouteDeps,
  param: PlaceRequest,
  canonical: (ref: string) => string,
  make: (input: PlaceStatsInput) => Promise<PlaceStatsAnswer>,
): Promise<Response> {
  const { countryCode, key, format } = param;
  const url = new URL(c.req.url);
  if (format !== 'html') {
    throw new Invalid('statistics live at /v1/locations/{CC}/{Name}/stats/…, with no extension');
  }
  return serveCached(c, deps, async (): Promise<Representation> => {
    const now = deps.now();
    const head = await findPlaceForHistory(deps.db, countryCode, key);
    if (!head) {
      return notFound(url, 'unknown-place', `no place "${key}" is known in ${countryCode}`, now);
    }
    const ref = placePath(head.place).slice(1);
    const tags = placeTags(ref);
    const target = canonical(ref);
    if (url.pathname + url.search !== target) return movedTo(target, now, tags);
    const answer = await make({ head, place: head.place, ref, now });
    const times = answer.received.filter((d): d is Date => d !== null).map((d) => d.getTime());
    return representation({
      status: 200,
      body: JSON.stringify(answer.body),
      contentType: 'application/json; charset=utf-8',
      freshness: answer.freshness,
      lastModified: new Date(Math.max(head.updatedAt.getTime(), ...times)),
      now,
      tags,
    });
  });
}
