import { type Freshness, notFoundFreshness } from '../../contract/protocol/freshness.ts';
import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import { type Representation, representation } from '../../http/representation.ts';
import type { Assets } from '../assets.ts';
import { errorPage } from '../render/error-page.ts';

/** A page that may not be kept anywhere: a freshness of nothing at all. */
const UNCACHEABLE: Freshness = { maxAge: 0, staleWhileRevalidate: 0, staleIfError: 0 };

/** A dashboard page as a cacheable representation, fresh as long as the data it shows. */
export function htmlPage(
  body: string,
  freshness: Freshness | undefined,
  now: number,
  tags: string[],
): Representation {
  return representation({
    status: 200,
    body,
    contentType: CONTENT_TYPES.html,
    freshness: freshness ?? UNCACHEABLE,
    now,
    tags,
  });
}

/** An unknown place, for people: a 404 page cached for a minute like the API's own. */
export async function notFoundPage(detail: string, assets: Assets, now: number) {
  return representation({
    status: 404,
    body: await errorPage(404, 'Unknown place', detail, assets),
    contentType: CONTENT_TYPES.html,
    freshness: notFoundFreshness,
    now,
  });
}

/** A request the dashboard cannot show (a bad period): a 400 page no cache keeps. */
export async function refusalPage(
  status: 400 | 403,
  title: string,
  detail: string,
  assets: Assets,
  requestId: string,
): Promise<Response> {
  return new Response(await errorPage(status, title, detail, assets), {
    status,
    headers: {
      'content-type': CONTENT_TYPES.html,
      'cache-control': 'no-store',
      'x-request-id': requestId,
    },
  });
}
