import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';

export interface NodeServerOptions {
  host: string;
  port: number;
}

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a fetch-style app on Node's http server: the Node entry of the app, kept apart from it.
 */
export function startNodeServer(
  app: Pick<Hono, 'fetch'>,
  options: NodeServerOptions,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (err: Error) => reject(err);
    server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info) => {
      server.off('error', onError);
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', onError);
    // Keep-alive longer than typical load balancers' idle timeout, so they never reuse a closing
    // socket.
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = 65_000;
  });
}

/** The TCP peer of a request served by startNodeServer. */
export function nodeSocketAddress(c: Context): string | undefined {
  return getConnInfo(c).remote.address;
}
