/** A message from a client, whole: the startup packet (no type byte) or a typed message. */
export type FrontendMessage =
  | { kind: 'startup'; bytes: Buffer }
  | { kind: 'refuse-encryption' }
  | { kind: 'cancel' }
  | { kind: 'terminate' }
  | { kind: 'message'; bytes: Buffer };

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Past this a length is garbage, not a statement: the session is dropped. */
const MAX_MESSAGE = 256 * 1024 * 1024;

export class FrontendProtocolError extends Error {}

/**
 * Splits a client's byte stream into the Postgres frontend messages it holds, across chunks.
 * Until the startup packet, messages carry no type byte; encryption requests are answered `N`
 * (a Unix socket needs none) and a cancel request is dropped (PGlite has no backend to signal).
 */
export function createFrontendReader() {
  let pending: Buffer = Buffer.alloc(0);
  let started = false;
  const next = (): FrontendMessage | undefined => {
    if (!started) {
      if (pending.length < 8) return undefined;
      const size = pending.readInt32BE(0);
      const code = pending.readInt32BE(4);
      if (size < 8 || size > 10_000) throw new FrontendProtocolError(`bad startup length ${size}`);
      if (pending.length < size) return undefined;
      const bytes = pending.subarray(0, size);
      pending = pending.subarray(size);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { kind: 'refuse-encryption' };
      if (code === CANCEL_REQUEST) return { kind: 'cancel' };
      if (code !== PROTOCOL_3) throw new FrontendProtocolError(`unsupported protocol ${code}`);
      started = true;
      return { kind: 'startup', bytes: Buffer.from(bytes) };
    }
    if (pending.length < 5) return undefined;
    const size = 1 + pending.readInt32BE(1);
    if (size < 5 || size > MAX_MESSAGE) throw new FrontendProtocolError(`bad length ${size}`);
    if (pending.length < size) return undefined;
    const bytes = Buffer.from(pending.subarray(0, size));
    pending = pending.subarray(size);
    return bytes[0] === 0x58 /* X */ ? { kind: 'terminate' } : { kind: 'message', bytes };
  };
  return {
    /** Adds a chunk and returns the messages it completed, in order. */
    push(chunk: Buffer): FrontendMessage[] {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const out: FrontendMessage[] = [];
      for (let m = next(); m; m = next()) out.push(m);
      return out;
    },
  };
}
