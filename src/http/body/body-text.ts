import { Invalid } from '../../contract/protocol/request-errors.ts';
import { Refusal } from '../error-handler.ts';

/**
 * How much of a body is read to its end when it is refused part way (too large, too many rows,
 * not JSON): a client that is still sending gets the answer only if its body is read. Past this
 * the rest is left unread and the connection closes after the answer; a client still sending
 * may then see it reset (README, "Limits").
 */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/** A size as people read it: 10 MiB, 64 KiB. */
export const sizeText = (bytes: number) =>
  bytes >= 1 << 20 && bytes % (1 << 20) === 0
    ? `${bytes / (1 << 20)} MiB`
    : bytes >= 1 << 10 && bytes % (1 << 10) === 0
      ? `${bytes / (1 << 10)} KiB`
      : `${bytes} bytes`;

/** A 413 for a body past the limit; the connection closes after it, as the rest may be unread. */
export const tooLarge = (maxBytes: number) =>
  new Refusal(
    'payload-too-large',
    `the body is larger than ${sizeText(maxBytes)}, the most one request may send; ` +
      'split it into smaller batches',
    { connection: 'close' },
    { max_bytes: maxBytes },
  );

/**
 * The request body as UTF-8 text, chunk by chunk as it arrives. Refused with a 413 as soon as
 * the bytes read pass `maxBytes`, or before anything is decoded when its Content-Length says so.
 * However it ends early (refused here, or by the reader of the text), the rest of the body is
 * read and dropped, up to `drainBytes` in all, so that the answer reaches a client still
 * sending instead of a reset; past that it is not read at all.
 */
export async function* bodyText(
  request: Request,
  maxBytes: number,
  drainBytes = DRAIN_MAX_BYTES,
): AsyncGenerator<string> {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!request.body) {
    if (length > maxBytes) throw tooLarge(maxBytes);
    return;
  }
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
    if (length > maxBytes) throw tooLarge(maxBytes);
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
    if (!done) await drain(reader, read, Number.isFinite(length) ? length : 0, drainBytes);
  }
}

/** Reads the rest of a body and drops it, unless it is known or found to be past `drainBytes`. */
async function drain(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  read: number,
  declared: number,
  drainBytes: number,
): Promise<void> {
  try {
    while (declared <= drainBytes && read <= drainBytes) {
      const next = await reader.read();
      if (next.done) return;
      read += next.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing is left to read.
  }
}
