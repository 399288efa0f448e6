import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { serve } from '@hono/node-server';

/** One request the origin answered, as a client on the other side of a socket sent it. */
export interface LoggedRequest {
  path: string;
  userAgent: string | null;
  ifNoneMatch: string | null;
  status: number;
  etag: string | null;
}

export interface HttpOrigin {
  /** `http://127.0.0.1:{port}` */
  base: string;
  /** Every request answered, in order. */
  log: LoggedRequest[];
  close(): Promise<void>;
}

/**
 * An app on a real HTTP port (ephemeral, loopback) for clients that are not in this process,
 * logging what each request asked and what it got, so a test sees revalidations on the wire.
 */
export function listenHttp(
  app: { fetch(request: Request): Response | Promise<Response> },
  /** Answers a request instead of the app when it returns a response: a fault a test injects. */
  intercept: (request: Request) => Response | undefined = () => undefined,
): Promise<HttpOrigin> {
  const log: LoggedRequest[] = [];
  return new Promise((resolve) => {
    const server = serve(
      {
        hostname: '127.0.0.1',
        port: 0,
        fetch: async (request) => {
          const response = intercept(request) ?? (await app.fetch(request));
          log.push({
            path: new URL(request.url).pathname,
            userAgent: request.headers.get('user-agent'),
            ifNoneMatch: request.headers.get('if-none-match'),
            status: response.status,
            etag: response.headers.get('etag'),
          });
          return response;
        },
      },
      (info) =>
        resolve({
          base: `http://127.0.0.1:${info.port}`,
          log,
          close: () =>
            new Promise((done) => {
              (server as Server).closeAllConnections();
              server.close(() => done());
            }),
        }),
    );
  });
}

/** A loopback port nothing listens on (it was free a moment ago): connections to it are refused. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
