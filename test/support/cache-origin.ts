import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

/** How the origin answers one path: isobar-like headers, each answer numbered. */
export interface OriginAnswer {
  status?: number;
  /** Cache-Control, CDN-Cache-Control, Cache-Tag, Set-Cookie…; Vary and ETag are added. */
  headers?: Record<string, string>;
  /** Waits this long before answering (a slow origin, for collapsing). */
  delayMs?: number;
  /** `reset`: the connection is dropped without an answer (an origin that is down). */
  fault?: 'reset';
}

export interface OriginRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** ms since the origin started, when the request arrived. */
  at: number;
}

export interface CacheOrigin {
  port: number;
  /** Every request, in order of arrival. */
  requests: OriginRequest[];
  /** Requests for one path (query included). */
  requestsFor(path: string): OriginRequest[];
  /** The most requests it was answering at once. */
  maxInFlight(): number;
  /** How `path` (query included) is answered from now on; unknown paths answer 404 uncached. */
  answer(path: string, answer: OriginAnswer): void;
  close(): Promise<void>;
}

/**
 * A stand-in for isobar's origin on 127.0.0.1: each path answers `{path} #{n}` (n counts its
 * requests, so a test sees which answer a cache kept) in the coding the request asks for
 * (br, gzip or identity, each with its own ETag, `Vary: Accept-Encoding`), as the origin does.
 */
export async function startCacheOrigin(): Promise<CacheOrigin> {
  const answers = new Map<string, OriginAnswer>();
  const requests: OriginRequest[] = [];
  const started = performance.now();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const path = req.url ?? '/';
    requests.push({
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      at: performance.now() - started,
    });
    const n = requests.filter((r) => r.path === path).length;
    const answer = answers.get(path) ?? {
      status: 404,
      headers: { 'cache-control': 'no-store' },
    };
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    inFlight--;
    if (answer.fault === 'reset') {
      res.socket?.destroy();
      return;
    }
    const text = `${path} #${n}\n`;
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const coding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    const bytes =
      coding === 'br'
        ? brotliCompressSync(text)
        : coding === 'gzip'
          ? gzipSync(text)
          : Buffer.from(text);
    res.writeHead(answer.status ?? 200, {
      'content-type': 'text/plain; charset=utf-8',
      vary: 'Accept-Encoding',
      etag: `"${n}${coding ? `-${coding}` : ''}"`,
      ...(coding ? { 'content-encoding': coding } : {}),
      ...answer.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    requestsFor: (path) => requests.filter((r) => r.path === path),
    maxInFlight: () => maxInFlight,
    answer(path, answer) {
      answers.set(path, answer);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent, not decoded. */
  bytes: Buffer;
  /** The body decoded from its Content-Encoding. */
  text: string;
}

/**
 * One request with exactly these headers (fetch would add Accept-Encoding and decode), the
 * body kept as it came so a test sees the coding.
 */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const coding = bytes.length > 0 ? res.headers['content-encoding'] : undefined;
          try {
            const decoded =
              coding === 'br'
                ? brotliDecompressSync(bytes)
                : coding === 'gzip'
                  ? gunzipSync(bytes)
                  : bytes;
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              bytes,
              text: `${decoded}`,
            });
          } catch (err) {
            reject(err); // a body that is not in its stated coding
          }
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
