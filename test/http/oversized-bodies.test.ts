import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_MAX_BYTES } from '../../src/http/body/body-text.ts';
import { WRITE_LIMITS } from '../../src/http/body/rows-body.ts';
import { type RunningServer, startNodeServer } from '../../src/runtime/node.ts';
import { drivers } from '../support/databases.ts';
import { runProperty } from '../support/hostile-inputs.ts';
import { issueToken } from '../support/tokens.ts';
import { createWriteOrigin, type WriteOrigin } from '../support/write-origin.ts';

interface Sent {
  /** The status line's code, if a response arrived. */
  status: number | undefined;
  head: string;
  /** Whether the connection was reset (ECONNRESET, EPIPE) rather than closed. */
  reset: boolean;
  /** Whether the server closed the connection (false: the guard below gave up waiting). */
  closed: boolean;
}

/** How long a connection is watched before it counts as left open: a guard, not a measure. */
const HANG_GUARD_MS = 20_000;
const RUNS = 8;

/**
 * Sends a write with a chunked body of `total` bytes in `chunk`-byte chunks, as fast as the
 * socket takes them and without stopping when an answer arrives (as many clients do), and
 * reads until the server closes.
 */
function sendChunked(
  port: number,
  path: string,
  token: string,
  total: number,
  chunk: number,
): Promise<Sent> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    let reset = false;
    let closed = true;
    const guard = setTimeout(() => {
      closed = false;
      socket.destroy();
    }, HANG_GUARD_MS);
    let sent = 0;
    const piece = Buffer.alloc(chunk, 0x20);
    const frame = Buffer.concat([
      Buffer.from(`${chunk.toString(16)}\r\n`),
      piece,
      Buffer.from('\r\n'),
    ]);
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        sent += chunk;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
      if (!socket.destroyed) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: isobar.test\r\n` +
          `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
          'Transfer-Encoding: chunked\r\n\r\n1\r\n[\r\n',
      );
      pump();
    });
    socket.on('data', (b: Buffer) => {
      text += b.toString('latin1');
    });
    socket.on('error', () => {
      reset = true;
    });
    socket.on('close', () => {
      clearTimeout(guard);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({
        status: status ? Number(status) : undefined,
        head: text.slice(0, 400),
        reset,
        closed,
      });
    });
  });
}

// A body past the write limit, sent chunked (no Content-Length to refuse it by), is refused with
// a 413 problem once the limit is passed. The answer must reach the client whole, however the
// body was cut into chunks and however much more the client still sends: reading no further
// and closing at once reset the connection under the client, which then lost the 413. The body
// is refused before anything is stored: one driver is enough.
describe.each(drivers.filter((d) => d.name === 'pglite'))(
  'oversized chunked bodies on $name',
  (driver) => {
    let origin: WriteOrigin;
    let server: RunningServer;
    let token = '';
    let purgeToken = '';
    beforeAll(async () => {
      origin = await createWriteOrigin(driver);
      token = await issueToken(origin.t.db, 'write');
      purgeToken = await issueToken(origin.t.db, 'purge');
      server = await startNodeServer(origin.app, { host: '127.0.0.1', port: 0 });
    });
    afterAll(async () => {
      await server?.close();
      await origin?.t.dispose();
    });

    it('answers every one 413 problem+json, never a reset', async () => {
      const input = fc.record({
        over: fc.integer({ min: 1, max: DRAIN_MAX_BYTES - WRITE_LIMITS.maxBytes }),
        chunk: fc.integer({ min: 512, max: 256 * 1024 }),
      });
      const runs = await runProperty(
        'oversized chunked bodies',
        input,
        RUNS,
        async ({ over, chunk }) => {
          const sent = await sendChunked(
            server.port,
            '/v1/observations',
            token,
            WRITE_LIMITS.maxBytes + over,
            chunk,
          );
          expect(sent, `${over} bytes over in ${chunk}-byte chunks`).toMatchObject({
            status: 413,
            reset: false,
            closed: true,
          });
          expect(sent.head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
          expect(sent.head).toMatch(/\r\nconnection: close\r\n/i);
        },
      );
      expect(runs).toBe(RUNS);
    }, 120_000);

    it('answers a purge body past its 64 KiB 413, never a reset', async () => {
      for (const chunk of [1000, 65_536]) {
        const sent = await sendChunked(
          server.port,
          '/v1/purge',
          purgeToken,
          8 * 1024 * 1024,
          chunk,
        );
        expect(sent, `${chunk}-byte chunks`).toMatchObject({
          status: 413,
          reset: false,
          closed: true,
        });
        expect(sent.head).toMatch(/\r\nconnection: close\r\n/i);
      }
    });
  },
);
