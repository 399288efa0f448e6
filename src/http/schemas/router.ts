import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { ROUTES, type RouteName } from '../../contract/uris/uri-space.ts';
import type { AppEnv } from '../context.ts';
import { documentedQueryOnly } from './query-rule.ts';

type RouteShape = Omit<RouteConfig, 'method' | 'path' | 'middleware'> & {
  /** GET unless said otherwise. */
  method?: 'get' | 'post';
  /** Run after the label and the query rule, before the schemas: e.g. a token guard. */
  middleware?: MiddlewareHandler<AppEnv>[];
};

type MethodOf<S extends RouteShape> = S['method'] extends 'post' ? 'post' : 'get';

/**
 * Declares a route of the URI space (`ROUTES[name]`) with its schemas, GET by default. Every
 * route so declared is labelled for metrics and applies the one query rule, whatever its schema
 * says.
 */
export function defineRoute<const N extends RouteName, const S extends RouteShape>(
  name: N,
  shape: S,
) {
  const { method = 'get', middleware = [], ...rest } = shape;
  const query = shape.request?.query;
  const allowed = Object.keys(query && 'shape' in query ? query.shape : {});
  const label: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('route', name);
    await next();
  };
  return createRoute({
    ...rest,
    method: method as MethodOf<S>,
    path: ROUTES[name] as (typeof ROUTES)[N],
    middleware: [label, documentedQueryOnly(allowed, name), ...middleware],
  });
}

/** A router whose failed validations are 400 problems naming what was wrong. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const param =
        issue?.code === 'custom' ? (issue.params?.parameter as string | undefined) : undefined;
      const parameter = param ?? (result.target === 'query' ? issue?.path[0] : undefined);
      throw new Invalid(
        issue?.message ?? 'the request is not valid',
        parameter === undefined ? {} : { parameter },
      );
    },
  });
}
