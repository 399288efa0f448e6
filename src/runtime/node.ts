import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import type { Quick } from '../http/observe.ts';

export interface NodeServerOptions {
  host: string;
  port: number;
}

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/** An app to serve: its fetch handler and, optionally, the answers it gives before routing. */
export type ServedApp = Pick<Hono, 'fetch'> & { quick?: Quick };

/**
 * Answers a request from the app's quick path, straight onto the socket: no Request, Response or
 * Headers object is made for the most frequent requests (cached copies, returning visitors).
 */
function answerQuickly(quick: Quick, req: IncomingMessage, res: ServerResponse): boolean {
  const headers = {
    get: (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
  const given = quick({ method: req.method ?? 'GET', target: req.url ?? '/', headers });
  if (!given) return false;
  res.writeHead(given.status, given.headers);
  res.end(given.body ?? undefined);
  return true;
}

/**
 * Serves a fetch-style app on Node's http server: the Node entry of the app, kept apart from it.
 */
export function startNodeServer(
  app: ServedApp,
  options: NodeServerOptions,
): Promise<RunningServer> {
  const quick = app.quick;
  const withQuickPath = (serverOptions: ServerOptions, listener: RequestListener) =>
    createServer(serverOptions, (req, res) => {
      if (!quick || !answerQuickly(quick, req, res)) listener(req, res);
    });
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (err: Error) => reject(err);
    server = serve(
      {
        fetch: app.fetch,
        hostname: options.host,
        port: options.port,
        // serve() calls it as http.createServer(options, listener); the other forms are unused.
        createServer: withQuickPath as typeof createServer,
      },
      (info) => {
        server.off('error', onError);
        resolve({
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      },
    );
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
