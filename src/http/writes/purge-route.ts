import { placePath, readPlaceRef } from '../../contract/uris/place-uri.ts';
import { ROUTES } from '../../contract/uris/uri-space.ts';
import { applyWrite } from '../../ingest/write-path/apply-write.ts';
import { findPlacesByName } from '../../store/catalog/locations.ts';
import type { TokenGuard } from '../auth/token-guard.ts';
import { bodyWithin } from '../body/body-within.ts';
import type { RouteDeps } from '../context.ts';
import { badRequest, problem } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import {
  bearerSecurity,
  purgeRequestSchema,
  purgeResultSchema,
  refusals,
} from './write-schemas.ts';
import { dropCached, postOnly } from './writes-route.ts';

const MAX_BODY_BYTES = 64 * 1024;

/**
 * `POST /v1/purge`: forget what is cached about places, here, in every other origin copy (the
 * store's announcement) and at the edge, without changing any data.
 */
export function purgeRoutes(deps: RouteDeps, guard: TokenGuard) {
  const router = createRouter();
  const route = defineRoute('purge', {
    method: 'post',
    summary: 'Purge the cached answers about places',
    description:
      'Drops them from every origin and asks the edge to purge them. Needs a token of scope ' +
      '`purge`.',
    security: bearerSecurity(router),
    middleware: [guard('purge'), bodyWithin(MAX_BODY_BYTES)],
    request: {
      body: { required: true, content: { 'application/json': { schema: purgeRequestSchema } } },
    },
    responses: {
      200: {
        description: 'The places known were purged',
        content: { 'application/json': { schema: purgeResultSchema } },
      },
      400: badRequest,
      ...refusals,
      413: problem('The body is larger than 64 KiB'),
    },
  });

  router.openapi(route, async (c) => {
    const asked = c.req.valid('json').places;
    const keys = asked.map((p) => readPlaceRef(p)!);
    const found = await findPlacesByName(deps.db, keys, []);
    const known = new Set(found.map((p) => `${p.countryCode}/${p.slug.toLowerCase()}`));
    const places = [...new Set(found.map((p) => placePath(p).slice(1)))];
    const unknown = asked.filter((_, i) => !known.has(`${keys[i]!.countryCode}/${keys[i]!.key}`));
    const { changes } = await applyWrite(
      deps.db,
      { touched: found.map((p) => p.id) },
      { now: new Date(deps.now()), reason: 'purge' },
    );
    dropCached(deps, changes);
    return c.json({ places, unknown }, 200, { 'cache-control': 'no-store' });
  });
  router.all(ROUTES.purge, postOnly('purge'));
  return router;
}
