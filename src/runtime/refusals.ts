// Requests refused before the app sees them: past the server's limits (refusalOf), or past what
// Node's parser takes (answerParserError). Both answer with the problem documents the app gives.
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemAnswer, standaloneSecurity } from '../contract/protocol/problem-page.ts';
import { newRequestId } from '../http/request-id.ts';
import type { ServerLimits } from './node.ts';

interface Refused {
  code: 'invalid-request' | 'uri-too-long' | 'headers-too-large' | 'request-timeout';
  detail: string;
}

/** Why a request is refused before it reaches the app, if it is: the limits, in order. */
export function refusalOf(req: IncomingMessage, limits: ServerLimits): Refused | undefined {
  const target = req.url ?? '/';
  if (target.length > limits.maxUrlLength) {
    const detail = `the request target is ${target.length} characters; at most ${limits.maxUrlLength} are accepted`;
    return { code: 'uri-too-long', detail };
  }
  let headerBytes = 0;
  for (const part of req.rawHeaders) headerBytes += part.length;
  if (headerBytes > limits.maxHeaderBytes) {
    const detail = `the request headers hold ${headerBytes} bytes; at most ${limits.maxHeaderBytes} are accepted`;
    return { code: 'headers-too-large', detail };
  }
  const query = target.indexOf('?');
  if (query >= 0) {
    let params = 0;
    for (const part of target.slice(query + 1).split('&')) if (part) params++;
    if (params > limits.maxQueryParams) {
      const detail = `the query has ${params} parameters; at most ${limits.maxQueryParams} are accepted`;
      return { code: 'invalid-request', detail };
    }
  }
  // Content on a GET means nothing (RFC 9110 §9.3.1); refusing it before reading it means a
  // client that announces a body and never sends it cannot hold a request open. Node discards
  // whatever body does arrive, so the connection stays usable.
  if (
    (req.method === 'GET' || req.method === 'HEAD') &&
    (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0)
  ) {
    return { code: 'invalid-request', detail: `${req.method} takes no body` };
  }
  return undefined;
}

/**
 * A refusal no cache keeps, in the form the path calls for: a page at HTML URIs, the problem
 * document elsewhere (the instance is cut short if it is long).
 */
function refusal(path: string, refused: Refused) {
  const id = newRequestId();
  const instance = path.length > 256 ? `${path.slice(0, 256)}…` : path;
  const { code, detail } = refused;
  const answer = problemAnswer(path, { code, detail, instance }, id);
  const headers = {
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body),
    'cache-control': 'no-store',
    'x-request-id': id,
    ...standaloneSecurity(null, answer.status, answer.contentType),
  };
  return { status: answer.status, headers, body: answer.body };
}

export function refuse(req: IncomingMessage, res: ServerResponse, refused: Refused): void {
  const answer = refusal((req.url ?? '/').split('?')[0]!, refused);
  res.writeHead(answer.status, answer.headers);
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}

/** What the client may still send after a parser refusal, read and dropped, before the cut. */
const LINGER_MS = 2000;

/**
 * Node's parser refusals (headers past its limit, a malformed request, the headers timeout),
 * answered as the server's own are. Node's default writes a bare status line and destroys the
 * socket at once: with the rest of an oversized request still unread, the kernel then resets
 * the connection, and the client may lose the answer with it (Node 24 does so for headers past
 * the parser's limit). Here the connection closes lingering instead: what the client still
 * sends is read and dropped, for LINGER_MS at most.
 */
export function answerParserError(error: ParserError, socket: Duplex): void {
  // The parser goes on reading what follows, and refuses it again: already answered.
  if (lingering.has(socket)) return;
  const inFlight = (socket as { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const line = error.rawPacket?.toString('latin1', 0, 8192) ?? '';
  const path = /^[A-Z]+ (\/[^ ?\r\n]*)/.exec(line)?.[1] ?? '/';
  const answer = refusal(path, PARSER_REFUSALS[error.code ?? ''] ?? MALFORMED);
  const head = Object.entries({ ...answer.headers, connection: 'close' })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const reason = STATUS_CODES[answer.status];
  socket.end(`HTTP/1.1 ${answer.status} ${reason}\r\n${head}\r\n${answer.body}`);
  lingering.add(socket);
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

const lingering = new WeakSet<Duplex>();

interface ParserError extends Error {
  code?: string;
  /** What the parser had read of the request when it refused. */
  rawPacket?: Buffer;
}

const PARSER_REFUSALS: Record<string, Refused> = {
  HPE_HEADER_OVERFLOW: {
    code: 'headers-too-large',
    detail: 'the request headers are larger than this server reads',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'request-timeout',
    detail: 'the request line and headers did not arrive in time',
  },
};
const MALFORMED: Refused = { code: 'invalid-request', detail: 'the request is not valid HTTP/1.1' };
