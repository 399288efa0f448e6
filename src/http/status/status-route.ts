import { z } from '@hono/zod-openapi';
import { MINUTE_S } from '../../contract/durations.ts';
import { behindBefore, type Freshness } from '../../contract/protocol/freshness.ts';
import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import { statusSchema } from '../../documents/document-schemas.ts';
import { statusDocument } from '../../documents/status-document.ts';
import { feedHead } from '../../store/operations/change-feed.ts';
import { providerStanding } from '../../store/providers/provider-status.ts';
import { jsonDocument, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { jsonBody, notModified } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { statusHtml } from './status-html.ts';

/** A minute: a failing provider shows within one, and a status poller costs one answer a minute. */
const statusFreshness: Freshness = { maxAge: MINUTE_S, staleWhileRevalidate: 0, staleIfError: 0 };

const status = defineRoute('status', {
  summary: 'How the service stands: providers, the change feed, the cache',
  description:
    "Per provider: its state (`failing` when its latest attempt failed), its last success and failure, how far its schedule lags, the places behind and failing, and today's budget. Then the change feed's newest page, this origin process's micro-cache hit ratio, and the version. Cached for a minute.",
  responses: {
    200: jsonBody(statusSchema, 'The status'),
    304: notModified,
  },
});

const statusPage = defineRoute('status-page', {
  summary: 'The status as a page, for people',
  responses: {
    200: { description: 'The status in words', content: { 'text/html': { schema: z.string() } } },
    304: notModified,
  },
});

export interface StatusOptions {
  /** The origin's version. */
  version: string;
  /** The providers this deployment refreshes, with their daily budgets. */
  providers: readonly { name: string; dailyBudget: number }[];
}

/** `/v1/status` (JSON) and `/status` (its page): an open status, read from the store. */
export function statusRoutes(deps: RouteDeps, o: StatusOptions) {
  const load = async (now: Date) => {
    const providers = [];
    for (const p of o.providers) {
      const standing = await providerStanding(deps.db, p.name, now, behindBefore(now));
      providers.push({ ...p, ...standing });
    }
    const results = (await deps.metrics.cacheRequests.get()).values;
    const count = (hit: boolean) =>
      results
        .filter((r) => (r.labels.result === 'hit') === hit)
        .reduce((sum, r) => sum + r.value, 0);
    const hits = count(true);
    const head = await feedHead(deps.db);
    return statusDocument({
      version: o.version,
      now,
      providers,
      head,
      hits,
      asked: hits + count(false),
    });
  };
  return createRouter()
    .openapi(status, (c) =>
      serveCached(c, deps, async () => {
        const now = new Date(deps.now());
        return jsonDocument(await load(now), statusFreshness, now.getTime());
      }),
    )
    .openapi(statusPage, (c) =>
      serveCached(c, deps, async () => {
        const now = new Date(deps.now());
        return representation({
          status: 200,
          body: await statusHtml(await load(now), deps.credits),
          contentType: CONTENT_TYPES.html,
          freshness: statusFreshness,
          now: now.getTime(),
        });
      }),
    );
}
