import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Quick } from '../http/envelope.ts';
import type { Answer } from '../http/representation.ts';
import { answerParserError, refusalOf, refuse } from './refusals.ts';

/** What one request and one connection may cost the server (README, "Limits"). */
export interface ServerLimits {
  /** Longest request target (path and query) answered; longer ones get 414. */
  maxUrlLength: number;
  /** Most header bytes (names and values) answered; more get 431. */
  maxHeaderBytes: number;
  /** Most query parameters answered; more get 400. */
  maxQueryParams: number;
  /** A client must send its whole request line and headers within this, or gets 408. */
  headersTimeoutMs: number;
  /** A client must send its whole request, body included, within this. */
  requestTimeoutMs: number;
  /** Connections beyond this are dropped as they arrive. */
  maxConnections: number;
  /** How long close() lets requests in flight finish before it cuts their connections. */
  shutdownGraceMs: number;
}

/** The same defaults as the settings in src/config/env.ts, for callers that pass none. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxUrlLength: 8192,
  maxHeaderBytes: 16_384,
  maxQueryParams: 32,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 2000,
  shutdownGraceMs: 10_000,
};

export interface NodeServerOptions {
  host: string;
  port: number;
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  /**
   * Stops accepting, lets requests in flight finish (their connections then close) and closes
   * idle keep-alive connections; cuts whatever is still open after the shutdown grace.
   */
  close(): Promise<void>;
}

/** An app to serve: its fetch handler and, optionally, the answers it gives before routing. */
export interface ServedApp {
  /** `env.quickTried` tells the app the quick path was asked already. */
  fetch(request: Request, env?: object): Response | Promise<Response>;
  quick?: Quick;
}

/**
 * Answers a request from the app's quick path, straight onto the socket: no Request, Response or
 * Headers object is made for the most frequent requests (cached copies, returning visitors,
 * stored documents). False when the app must route it; an answer the quick path waits for and
 * then declines, or that fails, goes to `route`.
 */
function answerQuickly(
  quick: Quick,
  req: IncomingMessage,
  res: ServerResponse,
  route: RequestListener,
): boolean {
  const headers = {
    get: (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
  const given = quick({ method: req.method ?? 'GET', target: req.url ?? '/', headers });
  if (!given) return false;
  if ('then' in given) {
    // A quick answer that fails is the route's to give (Quick's contract): without this the
    // request hung, and its unhandled rejection would end the process.
    given.then(
      (later) => (later ? send(res, later) : route(req, res)),
      () => route(req, res),
    );
    return true;
  }
  send(res, given);
  return true;
}

function send(res: ServerResponse, given: Answer): void {
  res.writeHead(given.status, given.headers);
  res.end(given.body ?? undefined);
}

/**
 * Room for the longest accepted target and headers, so that the app's own 414 and 431 answer
 * them: past Node's parser limit (16 KB by default), Node answers a bare 431 itself.
 */
const parserLimit = (limits: ServerLimits) =>
  Math.max(80 * 1024, 2 * (limits.maxUrlLength + limits.maxHeaderBytes));

/**
 * Serves a fetch-style app on Node's http server: the Node entry of the app, kept apart from it.
 */
export function startNodeServer(
  app: ServedApp,
  options: NodeServerOptions,
): Promise<RunningServer> {
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const quick = app.quick;
  let draining = false;
  const withQuickPath = (serverOptions: ServerOptions, listener: RequestListener) =>
    createServer(
      {
        ...serverOptions,
        maxHeaderSize: parserLimit(limits),
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        // Node looks for overdue requests this often (30 s by default, far past the timeouts).
        connectionsCheckingInterval: Math.max(
          50,
          Math.min(1000, limits.headersTimeoutMs / 4, limits.requestTimeoutMs / 4),
        ),
      },
      (req, res) => {
        // Once closing, every answer says so, so that no client sends another request on it.
        if (draining) res.setHeader('connection', 'close');
        const refused = refusalOf(req, limits);
        if (refused) refuse(req, res, refused);
        else if (!quick || !answerQuickly(quick, req, res, listener)) listener(req, res);
      },
    );
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (err: Error) => reject(err);
    server = serve(
      {
        // Every request reaching the app here was first offered to the quick path.
        fetch: (request, env) => app.fetch(request, quick ? { ...env, quickTried: true } : env),
        hostname: options.host,
        port: options.port,
        // serve() calls it as http.createServer(options, listener); the other forms are unused.
        createServer: withQuickPath as typeof createServer,
      },
      (info) => {
        server.off('error', onError);
        let closed: Promise<void> | undefined;
        resolve({
          port: info.port,
          close: () => {
            draining = true;
            closed ??= closeGracefully(server as Server, limits.shutdownGraceMs);
            return closed;
          },
        });
      },
    );
    server.once('error', onError);
    const http = server as Server;
    http.maxConnections = limits.maxConnections;
    http.on('clientError', answerParserError);
    // Keep-alive longer than typical load balancers' idle timeout, so they never reuse a closing
    // socket.
    http.keepAliveTimeout = 65_000;
  });
}

/**
 * Stops accepting and waits for the connections to go: idle ones are closed now, busy ones as
 * soon as their answer is out (Node itself would keep them until keepAliveTimeout), and any
 * left after `graceMs` are cut.
 */
function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((done) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      done();
    });
    server.closeIdleConnections();
  });
}

/** The TCP peer of a request served by startNodeServer. */
export function nodeSocketAddress(c: Context): string | undefined {
  return getConnInfo(c).remote.address;
}
