import { z } from '@hono/zod-openapi';
import { endingBy, weatherFreshness } from '../../contract/protocol/freshness.ts';
import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import { alertPaths, type RouteName } from '../../contract/uris/uri-space.ts';
import {
  alertsAtom,
  alertsDocument,
  alertsDocumentSchema,
} from '../../documents/alerts-document.ts';
import { asciiJson } from '../../documents/ascii-json.ts';
import { nextUpdateOf, placeDocument } from '../../documents/place-document.ts';
import { nextAlertChange } from '../../domain/alerts.ts';
import { serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { lookUpPlace } from '../place/place-lookup.ts';
import { representation } from '../representation.ts';
import { placeBeneathParams } from '../schemas/params.ts';
import { movedPermanently, notModified, problem } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';

const alertParams = placeBeneathParams('the warnings are /{CC}/{Name}/alerts (or alerts.atom)');

const KINDS = {
  'place-alerts': {
    summary: "A place's weather warnings (CAP alerts) as JSON",
    type: CONTENT_TYPES.json,
    media: 'application/json',
    schema: alertsDocumentSchema,
    path: (ref: string) => alertPaths(ref).json,
  },
  'place-alerts-atom': {
    summary: "A place's weather warnings as an Atom 1.0 feed",
    type: 'application/atom+xml; charset=utf-8',
    media: 'application/atom+xml',
    schema: z.string(),
    path: (ref: string) => alertPaths(ref).atom,
  },
} as const;
type Kind = keyof typeof KINDS & RouteName;

const route = (name: Kind) =>
  defineRoute(name, {
    summary: KINDS[name].summary,
    description:
      'The public warnings (MET Norway MetAlerts, the NWS, MeteoAlarm) whose areas cover the ' +
      "place, in the issuer's words, with its link and its name. Cached until the next warning " +
      "begins or expires (never longer than the place's weather), and purged when one is " +
      'issued, updated or cancelled. Other spellings of the place answer 301.',
    request: { params: alertParams },
    responses: {
      200: {
        description: 'The warnings',
        content: { [KINDS[name].media]: { schema: KINDS[name].schema } },
      },
      301: movedPermanently,
      304: notModified,
      400: problem('A malformed place name, or a query parameter (none is accepted)'),
      404: problem('No such place in that country (cached for a minute)'),
    },
  });

/**
 * `/{CC}/{Name}/alerts` and `/{CC}/{Name}/alerts.atom`: tagged as the place, so a warning's
 * change log entry purges them with its every other representation.
 */
export function alertRoutes(deps: RouteDeps) {
  const router = createRouter();
  for (const name of Object.keys(KINDS) as Kind[]) {
    router.openapi(route(name), (c) => {
      const url = new URL(c.req.url);
      return serveCached(c, deps, () => render(deps, name, c.req.valid('param'), url));
    });
  }
  return router;
}

async function render(
  deps: RouteDeps,
  kind: Kind,
  req: { countryCode: string; key: string },
  url: URL,
) {
  const now = deps.now();
  const found = await lookUpPlace(deps, req, url, (p) => KINDS[kind].path(p.ref));
  if (found.answer) return found.answer;
  const { pw, tags } = found;
  const at = new Date(now);
  const doc = placeDocument(pw, 'metric', at);
  const body =
    kind === 'place-alerts' ? asciiJson(alertsDocument(doc)) : alertsAtom(doc, pw.lastModified);
  return representation({
    status: 200,
    body,
    contentType: KINDS[kind].type,
    // As long as the place's weather would be, and no longer than its next warning's change.
    freshness: endingBy(
      weatherFreshness(nextUpdateOf(pw), at),
      nextAlertChange(pw.alerts ?? [], at),
      at,
    ),
    lastModified: pw.lastModified,
    now,
    tags,
  });
}
