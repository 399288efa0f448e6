import type { OpenAPIHono } from '@hono/zod-openapi';
import { openApiPath } from '../../contract/uris/uri-space.ts';
import type { AppEnv } from '../context.ts';

/**
 * The OpenAPI 3.1 description of every route declared with defineRoute, generated from their
 * schemas. Routes are declared in Hono's syntax (`/:country{[A-Za-z]{2}}/…`), written here as
 * OpenAPI templates (`/{country}/…`).
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>, version: string) {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'isobar',
      version,
      description:
        'Weather for places at canonical, cacheable URIs. Every other spelling of a URI answers ' +
        '301 to the canonical one; unknown query parameters are a 400; errors are RFC 9457 ' +
        'problem documents (`application/problem+json`) with a stable `code`.',
    },
  });
  const paths = Object.entries(document.paths ?? {}).map(([path, item]) => [
    openApiPath(path),
    item,
  ]);
  return { ...document, paths: Object.fromEntries(paths) };
}
