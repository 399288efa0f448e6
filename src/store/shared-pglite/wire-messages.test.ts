import { describe, expect, it } from 'vitest';
import { createBackendScanner } from './backend-messages.ts';
import { createFrontendReader, FrontendProtocolError } from './frontend-messages.ts';

const typed = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
};
const untyped = (code: number, body = Buffer.alloc(0)) => {
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(code, 4);
  return Buffer.concat([head, body]);
};
/** Every way of cutting `bytes` in two. */
const cuts = (bytes: Buffer) =>
  Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.subarray(0, i), bytes.subarray(i)]);

describe('the backend scanner', () => {
  const pid = Buffer.from([0, 0, 0, 42]);
  const notification = typed('A', Buffer.concat([pid, Buffer.from('isobar_places\0GB/London\0')]));
  const ready = (status: string) => typed('Z', Buffer.from(status));
  const stream = Buffer.concat([typed('C', Buffer.from('COMMIT\0')), notification, ready('I')]);

  it('finds the notification and the last status however the stream is cut', () => {
    for (const [a, b] of cuts(stream)) {
      const heard: [string, string][] = [];
      const scanner = createBackendScanner((channel, payload) => heard.push([channel, payload]));
      scanner.push(a!);
      scanner.push(b!);
      expect(heard).toEqual([['isobar_places', 'GB/London']]);
      expect(scanner.scan.status).toBe('I');
    }
  });

  it('reports a transaction left open', () => {
    const scanner = createBackendScanner(() => {});
    scanner.push(Buffer.concat([ready('I'), typed('C', Buffer.from('BEGIN\0')), ready('T')]));
    expect(scanner.scan.status).toBe('T');
  });
});

describe('the frontend reader', () => {
  const startup = untyped(196608, Buffer.from('user\0postgres\0\0'));
  const query = typed('Q', Buffer.from('SELECT 1\0'));
  const stream = Buffer.concat([untyped(80877103), startup, query, typed('X', Buffer.alloc(0))]);

  it('splits the encryption request, the startup, a query and the goodbye however they arrive', () => {
    for (const [a, b] of cuts(stream)) {
      const reader = createFrontendReader();
      const kinds = [...reader.push(a!), ...reader.push(b!)].map((m) =>
        m.kind === 'message' ? m.bytes.toString('latin1') : m.kind,
      );
      expect(kinds).toEqual([
        'refuse-encryption',
        'startup',
        query.toString('latin1'),
        'terminate',
      ]);
    }
  });

  it('refuses a length no client sends', () => {
    const reader = createFrontendReader();
    reader.push(startup);
    const huge = Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff]);
    expect(() => reader.push(huge)).toThrow(FrontendProtocolError);
    expect(() => createFrontendReader().push(untyped(1234))).toThrow(/unsupported protocol/);
  });
});
