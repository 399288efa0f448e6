import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers: a status, headers and a body (an object is sent as JSON), or silence. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string | object; delayMs?: number }
  | 'hang';

export interface SeenRequest {
  url: URL;
  headers: IncomingHttpHeaders;
  /** The request's body as text ('' for none). */
  body: string;
}

export interface FakeUpstream {
  /** The base URL to point an adapter at: `http://127.0.0.1:port/path`. */
  url: string;
  requests: SeenRequest[];
  /** How the next requests are answered. */
  answer(reply: (req: SeenRequest) => Reply): void;
  close(): Promise<void>;
}

/**
 * An upstream stand-in on 127.0.0.1 (any free port, or `port`), a provider or the edge's purge endpoint: records
 * every request, its body read whole, and answers as told, including never (a hung connection,
 * for timeouts). Nothing leaves the machine.
 */
export async function startFakeUpstream(path: string, port = 0): Promise<FakeUpstream> {
  let reply: (req: SeenRequest) => Reply = () => ({ status: 503, body: 'not set up' });
  const requests: SeenRequest[] = [];
  const hung = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen = { url, headers: req.headers, body };
    requests.push(seen);
    const r = reply(seen);
    if (r === 'hang') {
      hung.add(res);
      return;
    }
    const send = () => {
      const text = typeof r.body === 'object' ? JSON.stringify(r.body) : (r.body ?? '');
      const type = typeof r.body === 'object' ? { 'content-type': 'application/json' } : {};
      res.writeHead(r.status, { ...type, ...r.headers });
      res.end(r.status === 304 ? undefined : text);
    };
    if (r.delayMs) setTimeout(send, r.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}${path}`,
    requests,
    answer(next) {
      reply = next;
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
