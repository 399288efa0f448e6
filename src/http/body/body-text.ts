import { DomainError, Invalid } from '../../contract/protocol/request-errors.ts';

/** A size as people read it: 10 MiB, 64 KiB. */
export const sizeText = (bytes: number) =>
  bytes >= 1 << 20 && bytes % (1 << 20) === 0
    ? `${bytes / (1 << 20)} MiB`
    : bytes >= 1 << 10 && bytes % (1 << 10) === 0
      ? `${bytes / (1 << 10)} KiB`
      : `${bytes} bytes`;

const tooLarge = (maxBytes: number) =>
  new DomainError(
    'payload-too-large',
    `the body is larger than ${sizeText(maxBytes)}, the most one request may send; ` +
      'split it into smaller batches',
    { max_bytes: maxBytes },
  );

/**
 * The request body as UTF-8 text, chunk by chunk as it arrives. Refused with a 413 when its
 * Content-Length says it is too large, before anything is read, and again as soon as the bytes
 * read pass `maxBytes` (a body sent without a length, or with a wrong one); then the rest is
 * not read at all.
 */
export async function* bodyText(request: Request, maxBytes: number): AsyncGenerator<string> {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (length > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return;
  const reader = request.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new Invalid('the body is not valid UTF-8');
    }
  };
  let read = 0;
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      read += next.value.byteLength;
      if (read > maxBytes) throw tooLarge(maxBytes);
      const text = decode(next.value);
      if (text) yield text;
    }
    done = true;
    const rest = decode();
    if (rest) yield rest;
  } finally {
    // Stopped early (too large, or the reader of the text gave up): read no further.
    if (!done) await reader.cancel().catch(() => {});
  }
}
