import { FEED_TAG } from '../../contract/protocol/cache-tags.ts';
import { immutableFreshness } from '../../contract/protocol/freshness.ts';
import { DomainError } from '../../contract/protocol/request-errors.ts';
import {
  CHANGES_PAGE_SIZE,
  changesPath,
  cursorOf,
  FEED_DAYS,
  FEED_START,
  feedTailFreshness,
} from '../../contract/uris/changes-uri.ts';
import { changesDocument } from '../../documents/changes-document.ts';
import { changesSchema } from '../../documents/document-schemas.ts';
import { changesAfter, feedHead, isKept } from '../../store/operations/change-feed.ts';
import { jsonDocument, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { changesQuery } from '../schemas/queries.ts';
import { badRequest, jsonBody, notModified, problem } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';

const changes = defineRoute('changes', {
  summary: 'What changed, as a feed to follow',
  description: `The change log, oldest first, ${CHANGES_PAGE_SIZE} entries a page: each write (the write API, an import, a provider, the demo source, a purge) with the places and local days it changed. Follow \`next\` with conditional GETs instead of polling every place. A full page never changes and is \`immutable\`; the newest, not yet full, is cached for seconds. Entries are kept ${FEED_DAYS} days: an older cursor answers 410, and a follower starts again from the newest position.`,
  request: { query: changesQuery },
  responses: {
    200: jsonBody(changesSchema, 'A page of changes'),
    302: {
      description: 'Without `after`: to the newest position, from which only new changes follow',
    },
    304: notModified,
    400: badRequest,
    410: problem(`The cursor's entry is no longer kept (older than ${FEED_DAYS} days)`),
  },
});

/** The change feed: `/v1/changes?after={cursor}`. */
export function changeRoutes(deps: RouteDeps) {
  return createRouter().openapi(changes, (c) => {
    const { after } = c.req.valid('query');
    return serveCached(c, deps, async () => {
      const now = deps.now();
      if (!after) {
        const location = changesPath(await feedHead(deps.db));
        return representation({
          status: 302,
          body: '',
          contentType: 'text/plain; charset=utf-8',
          location,
          freshness: feedTailFreshness,
          now,
          tags: [FEED_TAG],
        });
      }
      const fromStart = after.seq === FEED_START.seq;
      if (!fromStart && !(await isKept(deps.db, after))) {
        throw new DomainError(
          'cursor-expired',
          `no change ${cursorOf(after)} is kept (the feed keeps ${FEED_DAYS} days): start again from /v1/changes`,
        );
      }
      const entries = await changesAfter(deps.db, after, CHANGES_PAGE_SIZE);
      const body = changesDocument(after, entries);
      if (body.complete) return jsonDocument(body, immutableFreshness, now);
      return jsonDocument(body, feedTailFreshness, now, [FEED_TAG]);
    });
  });
}
