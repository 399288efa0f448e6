/** Why a request brought nothing usable: each is a metrics outcome, and decides the retry. */
export type FailureOutcome =
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'refused'
  | 'too_large';

/** A provider request that failed; stored data is left as it was. */
export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly outcome: FailureOutcome;
  /** What the provider asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(outcome: FailureOutcome, message: string, retryAfterMs?: number) {
    super(message);
    this.outcome = outcome;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** The parsed body; undefined for a 304. */
  body: unknown;
}

export interface GetJsonOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  /** Most bytes of body read (after any content coding is undone); past it the request is aborted. */
  maxBytes: number;
  fetch?: typeof fetch;
  now: Date;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined if absent. */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : undefined;
}

/** An HTTP date header as a Date; null when absent or unreadable. */
export function httpDate(value: string | null): Date | null {
  const at = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(at) ? new Date(at) : null;
}

const snippet = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);

/** The answer's body as text, read as a stream and refused past `maxBytes`. */
async function readCapped(
  res: Response,
  from: URL,
  maxBytes: number,
  abort: () => void,
): Promise<string> {
  const tooLarge = (seen: string) => {
    abort();
    return new ProviderError(
      'too_large',
      `the answer from ${from.host} ${seen} the cap of ${maxBytes} bytes (PROVIDER_MAX_BODY_BYTES); the request was aborted`,
    );
  };
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge(`declares ${declared} bytes, past`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge('passed');
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** A text answer: its status and headers, and its body (undefined for a 304). */
export interface TextAnswer {
  status: number;
  headers: Headers;
  text: string | undefined;
}

/**
 * GETs a document as text, the whole exchange (headers and body) bounded by `timeoutMs` and the
 * body by `maxBytes`: an upstream that streams without end is cut off at the cap, not read into
 * memory. A 200 or 203 answers its body and a 304 none; anything else throws a ProviderError
 * saying why.
 */
export async function getText(url: URL, options: GetJsonOptions): Promise<TextAnswer> {
  const cutOff = new AbortController();
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs), cutOff.signal]);
  const doFetch = options.fetch ?? fetch;
  let text: string;
  let res: Response;
  try {
    // MET's terms require clients to follow redirects; the signal bounds the whole chain.
    res = await doFetch(url, { headers: options.headers, signal, redirect: 'follow' });
    if (res.status === 304) return { status: 304, headers: res.headers, text: undefined };
    text = await readCapped(res, url, options.maxBytes, () => cutOff.abort());
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    const name = (err as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ProviderError('timeout', `no complete answer within ${options.timeoutMs} ms`);
    }
    throw new ProviderError('network', (err as Error)?.message ?? String(err));
  }
  const wait = retryAfterMs(res.headers.get('retry-after'), options.now);
  if (res.status === 429) throw new ProviderError('rate_limited', `429: ${snippet(text)}`, wait);
  if (res.status >= 500) {
    throw new ProviderError('server_error', `${res.status}: ${snippet(text)}`, wait);
  }
  if (res.status !== 200 && res.status !== 203) {
    throw new ProviderError('refused', `${res.status}: ${snippet(text)}`);
  }
  return { status: res.status, headers: res.headers, text };
}

/** GETs a JSON document as getText does, parsed; a body that is not JSON is `malformed`. */
export async function getJson(url: URL, options: GetJsonOptions): Promise<JsonAnswer> {
  const { status, headers, text } = await getText(url, options);
  if (text === undefined) return { status, headers, body: undefined };
  try {
    return { status, headers, body: JSON.parse(text) };
  } catch {
    throw new ProviderError('malformed', `the body is not JSON: ${snippet(text)}`);
  }
}
