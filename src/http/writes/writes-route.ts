import type { Context } from 'hono';
import { localTags } from '../../contract/protocol/cache-tags.ts';
import { DomainError } from '../../contract/protocol/request-errors.ts';
import { ROUTES, type RouteName } from '../../contract/uris/uri-space.ts';
import type { Changes } from '../../domain/changes.ts';
import { writeRows } from '../../ingest/write-path/write-rows.ts';
import type { TokenGuard } from '../auth/token-guard.ts';
import { readRowsBody, WRITE_LIMITS } from '../body/rows-body.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { Refusal } from '../error-handler.ts';
import { problem } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { bearerSecurity, refusals, rowsBody, writeResultSchema } from './write-schemas.ts';

/** Bad rows listed in a 422; `error_count` says how many there were in all. */
const LISTED_ERRORS = 100;

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Drops this process's cached answers about places a write or purge changed, before it answers
 * (read your writes). Other origin copies hear of it from the store's announcement, and the
 * caches downstream from the change log.
 */
export function dropCached(deps: RouteDeps, changes: Changes): void {
  for (const tag of localTags(changes)) deps.cache.invalidateTag(tag);
}

/** Any method but POST on a write URI: a 405 that names the one that works. */
export function postOnly(name: RouteName) {
  return (c: Context<AppEnv>) => {
    c.set('route', name);
    throw new Refusal('method-not-allowed', `${c.req.method} is not accepted here; use POST`, {
      allow: 'POST, OPTIONS',
    });
  };
}

/**
 * `POST /v1/observations` and `POST /v1/forecasts`: a batch of rows (a JSON array, or NDJSON),
 * validated whole and written in one transaction, or refused whole with every bad row listed.
 */
export function writeRoutes(deps: RouteDeps, guard: TokenGuard) {
  const router = createRouter();
  const security = bearerSecurity(router);
  const declare = (name: 'observations' | 'forecasts', row: 'ObservationRow' | 'ForecastRow') =>
    defineRoute(name, {
      method: 'post',
      summary: `Send ${name}`,
      description:
        'Idempotent: a row sent again as it was changes nothing, a different version of a row ' +
        '(same place, source and time) replaces it; of forecast hours, only a newer issue ' +
        'does. Needs a token of scope `write`.',
      security,
      middleware: [guard('write')],
      request: { body: rowsBody(router, row) },
      responses: {
        200: {
          description: 'Every row was written; counts by what happened to each',
          content: { 'application/json': { schema: writeResultSchema } },
        },
        400: problem('The body is not valid JSON, or not an array of rows'),
        ...refusals,
        422: problem('Some rows are not valid; `errors` lists them; nothing was written'),
      },
    });

  const write = (kind: 'observations' | 'forecasts') => async (c: Context<AppEnv>) => {
    const rows = await readRowsBody(c.req.raw, WRITE_LIMITS);
    const outcome = await writeRows(deps.db, kind, rows, {
      now: new Date(deps.now()),
      onBadRows: 'all-or-nothing',
    });
    const { read, inserted, replaced, unchanged, rejected, errors, places, days } = outcome;
    deps.metrics.ingest.recordWrite(kind, outcome.bySource, deps.now());
    if (errors.length > 0) {
      for (const { source } of outcome.bySource)
        deps.metrics.ingest.recordError(source, 'invalid_rows');
      throw new DomainError(
        'invalid-rows',
        `${rejected} of ${read} rows are not valid, so none was written; ` +
          '`errors` says what is wrong with each',
        {
          error_count: errors.length,
          errors: errors
            .slice(0, LISTED_ERRORS)
            .map(({ index, field, reason, duplicateOf }) =>
              duplicateOf === undefined
                ? { index, field, reason }
                : { index, field, reason, duplicate_of: duplicateOf },
            ),
        },
      );
    }
    dropCached(deps, { places, days });
    return c.json({ read, inserted, replaced, unchanged, places }, 200, NO_STORE);
  };

  router
    .openapi(declare('observations', 'ObservationRow'), write('observations'))
    .openapi(declare('forecasts', 'ForecastRow'), write('forecasts'));
  router.all(ROUTES.observations, postOnly('observations'));
  router.all(ROUTES.forecasts, postOnly('forecasts'));
  return router;
}
