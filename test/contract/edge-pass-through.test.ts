import { createHash } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEdge } from '../../edge/src/edge.ts';
import { type EdgeWorker, startEdgeWorker } from '../support/edge-worker.ts';

/** What the local origin saw of each request. */
interface Seen {
  headers: IncomingHttpHeaders;
  bytes: number;
  /** Whether Node's server was asked to answer `100 Continue` (an `Expect` reached it). */
  askedToContinue: boolean;
}

/**
 * A plain Node origin on 127.0.0.1 that reads each body whole and answers 201 with its length and
 * digest; `interim` makes it send `100 Continue` and `103 Early Hints` first, unasked, as any
 * server may (RFC 9110 §15.2: a client must read any 1xx before the final answer).
 */
function startOrigin() {
  const seen: Seen[] = [];
  const state = { interim: false };
  const server = createServer((req, res) => answer(req, res, false));
  server.on('checkContinue', (req, res) => {
    res.writeContinue();
    answer(req, res, true);
  });
  function answer(req: IncomingMessage, res: ServerResponse, asked: boolean) {
    if (state.interim) {
      res.writeContinue();
      res.writeEarlyHints({ link: '</assets/x.css>; rel=preload; as=style' });
    }
    const digest = createHash('sha256');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      digest.update(chunk);
    });
    req.on('end', () => {
      seen.push({ headers: req.headers, bytes, askedToContinue: asked });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ bytes, sha256: digest.digest('hex') }));
    });
  }
  return { server, seen, state };
}

const origin = startOrigin();
let base = '';
let worker: EdgeWorker;
let edge: URL;

beforeAll(async () => {
  await new Promise<void>((resolve) => origin.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(origin.server.address() as AddressInfo).port}`;
  worker = await startEdgeWorker(base);
  edge = await worker.url;
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
  origin.server.closeAllConnections();
  await new Promise((resolve) => origin.server.close(resolve));
});

beforeEach(() => {
  origin.seen.length = 0;
  origin.state.interim = false;
});

const BODY = Buffer.alloc(2 * 1024 * 1024, 'x');
const BODY_SHA256 = createHash('sha256').update(BODY).digest('hex');

/**
 * A POST as curl sends a body over 1 MiB: headers with `Expect: 100-continue`, then the body on
 * `100 Continue` or after a second without one.
 */
function postLikeCurl(
  url: URL,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        expect: '100-continue',
        'content-type': 'application/octet-stream',
        'content-length': String(BODY.length),
        ...headers,
      },
    });
    let sent = false;
    const send = () => {
      if (!sent) req.end(BODY);
      sent = true;
    };
    req.on('continue', send);
    setTimeout(send, 1000);
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

describe('the worker (workerd, through wrangler) passing a request to a local origin', () => {
  it("posts a 2 MB body sent with Expect: 100-continue and gives back the origin's answer", async () => {
    const answer = await postLikeCurl(new URL('/v1/observations', edge));
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({ bytes: BODY.length, sha256: BODY_SHA256 });
    // The expectation was between the client and the worker; the origin got a plain request.
    expect(origin.seen).toHaveLength(1);
    expect(origin.seen[0]!.headers.expect).toBeUndefined();
    expect(origin.seen[0]!.askedToContinue).toBe(false);
  });

  it('gives back the final answer of an origin that sends 100 and 103 first', async () => {
    origin.state.interim = true;
    const answer = await postLikeCurl(new URL('/v1/observations', edge));
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({ bytes: BODY.length, sha256: BODY_SHA256 });
  });

  // The runtime's own front consumes `Connection` before the worker runs, so the headers it names
  // are checked on a hand-made request in edge/test/pass-through.test.ts.
  it('keeps hop-by-hop headers from the origin', async () => {
    const answer = await postLikeCurl(new URL('/v1/observations', edge), {
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
      'proxy-connection': 'keep-alive',
      'x-end-to-end': 'kept',
    });
    expect(answer.status).toBe(201);
    const headers = origin.seen[0]!.headers;
    for (const name of ['keep-alive', 'te', 'proxy-authorization', 'proxy-connection'])
      expect(headers[name], name).toBeUndefined();
    expect(headers['x-end-to-end']).toBe('kept');
  });
});

describe("the worker's logic in Node, with Node's fetch to the origin", () => {
  // Node's fetch (undici) refuses to send `Expect` and reads an interim 100 as a bad response:
  // before the worker stripped hop-by-hop headers, this path answered 502.
  it('answers a write sent with Expect: 100-continue with the origin’s answer, not a 502', async () => {
    const inNode = createEdge({ origin: (r) => fetch(r), geo: { locate: () => undefined } });
    const response = await inNode.fetch(
      new Request('https://isobar.test/v1/observations', {
        method: 'POST',
        body: BODY,
        headers: { expect: '100-continue', 'keep-alive': 'timeout=5', upgrade: 'h2c' },
      }),
      { ORIGIN_URL: base },
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ bytes: BODY.length, sha256: BODY_SHA256 });
  });
});
