import { z } from '@hono/zod-openapi';
import { siteFileFreshness } from '../../contract/protocol/freshness.ts';
import { serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { badRequestOrPage, notModified } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { FAVICON_ICO_BASE64, FAVICON_SVG } from './favicon.ts';

/**
 * What crawlers may read: the pages people see (the landing page, `/search` with no query,
 * among them), not the JSON API, the redirects from coordinates or the endless space of search
 * queries. `$` ends a path (RFC 9309 §2.2.3), and the longest matching rule wins.
 */
export const ROBOTS_TXT = `# isobar: weather pages are for everyone; the API is for programs.
User-agent: *
Disallow: /v1/
Allow: /search$
Disallow: /search
Disallow: /@
Disallow: /metrics
Disallow: /healthz
Allow: /
`;

const file = (summary: string, type: string, description: string) => ({
  summary,
  responses: {
    200: { description, content: { [type]: { schema: z.string() } } },
    304: notModified,
    400: badRequestOrPage,
  },
});

const favicon = defineRoute(
  'favicon',
  file('The site icon (ICO: 16, 32 and 48 px)', 'image/x-icon', 'The icon'),
);
const faviconSvg = defineRoute(
  'favicon-svg',
  file('The site icon as SVG', 'image/svg+xml', 'The icon'),
);
const robots = defineRoute(
  'robots',
  file('Rules for crawlers', 'text/plain', 'robots.txt (RFC 9309)'),
);

/** `/favicon.ico`, `/favicon.svg` and `/robots.txt`: fixed files, cached for a week with ETags. */
export function siteFileRoutes(deps: RouteDeps) {
  const serve = (body: string | Uint8Array, contentType: string) => () =>
    Promise.resolve(
      representation({
        status: 200,
        body,
        contentType,
        freshness: siteFileFreshness,
        now: deps.now(),
      }),
    );
  const ico = Buffer.from(FAVICON_ICO_BASE64, 'base64');
  return createRouter()
    .openapi(favicon, (c) => serveCached(c, deps, serve(ico, 'image/x-icon')))
    .openapi(faviconSvg, (c) => serveCached(c, deps, serve(FAVICON_SVG, 'image/svg+xml')))
    .openapi(robots, (c) => serveCached(c, deps, serve(ROBOTS_TXT, 'text/plain; charset=utf-8')));
}
