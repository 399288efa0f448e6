// Request ids drawn in batches protect the `/ cookie` row of `npm run bench` (a goal row):
// with node:crypto's randomUUID in their place, a returning visitor's answer cost 6 % more
// instructions (58.4k against 55.1k a request, counted under callgrind, 2026-12-06), past the
// 5 % a hand-written piece must save to stay. The same module marks answers that carry an id.
import { randomFillSync } from 'node:crypto';

/**
 * Responses built with their X-Request-Id already among their headers (given as a plain object,
 * which the Node adapter writes as it is): the middleware that stamps every other answer need
 * not open their headers, which would cost a Headers object per request.
 */
const stamped = new WeakSet<Response>();

/** Marks a response that carries its request id. */
export function withRequestId(response: Response): Response {
  stamped.add(response);
  return response;
}

/** Whether a response carries its request id already. */
export const hasRequestId = (response: Response) => stamped.has(response);

/** Ids written at once: 1,024 random UUIDs are 16 KB of randomness and 36 KB of text. */
const BATCH = 1024;
const HEX = Buffer.from('0123456789abcdef');
/** Where each of a UUID's 16 bytes goes in its 36 characters (the rest are dashes). */
const SPOTS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const random = Buffer.allocUnsafe(BATCH * 16);
const text = Buffer.alloc(BATCH * 36, '-');

/** A batch of random version-4 UUIDs, written side by side as one string. */
function uuidBatch(): string {
  randomFillSync(random);
  for (let from = 0, at = 0; from < random.length; from += 16, at += 36) {
    random[from + 6] = (random[from + 6]! & 0x0f) | 0x40; // version 4
    random[from + 8] = (random[from + 8]! & 0x3f) | 0x80; // RFC 9562 variant
    for (let i = 0; i < 16; i++) {
      const byte = random[from + i]!;
      const spot = at + SPOTS[i]!;
      text[spot] = HEX[byte >> 4]!;
      text[spot + 1] = HEX[byte & 0x0f]!;
    }
  }
  return text.toString('latin1');
}

let batch = '';
let taken = BATCH;

/**
 * A new random UUID (v4) for a request. `crypto.randomUUID` draws 2 KB of randomness from
 * OpenSSL every 128 ids and joins each id from 20 pieces: together a few per cent of a quick
 * answer's CPU in a profile of a busy server. These are drawn and written 1,024 at a time; each
 * is then a slice of the batch's string (V8 keeps the 36 KB batch alive while any of its ids is).
 */
export function newRequestId(): string {
  if (taken === BATCH) {
    batch = uuidBatch();
    taken = 0;
  }
  const start = 36 * taken++;
  return batch.slice(start, start + 36);
}
