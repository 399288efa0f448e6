import { describe, expect, it } from 'vitest';
import { DomainError, Invalid } from '../../contract/protocol/request-errors.ts';
import { bodyText, sizeText } from './body-text.ts';

const encoder = new TextEncoder();

function streamOf(chunks: Uint8Array[], pulled: { n: number }) {
  // No queue of its own: a chunk is made only when the reader asks for one.
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[pulled.n++];
        if (next) controller.enqueue(next);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new Request('http://isobar.test/v1/observations', {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);

const text = async (request: Request, max: number, drain?: number) => {
  let all = '';
  for await (const chunk of bodyText(request, max, drain)) all += chunk;
  return all;
};

describe('bodyText', () => {
  it('decodes UTF-8 split anywhere, even inside a character', async () => {
    const bytes = encoder.encode('München, Saint-Étienne ☀');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await text(post(streamOf(chunks, { n: 0 })), 100)).toBe('München, Saint-Étienne ☀');
  });

  it('refuses a Content-Length over the limit before decoding, and reads the body to drop it', async () => {
    const pulled = { n: 0 };
    const chunks = Array.from({ length: 3 }, () => encoder.encode('x'.repeat(40)));
    const request = post(streamOf(chunks, pulled), { 'content-length': '120' });
    const err = await text(request, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'payload-too-large',
      extensions: { max_bytes: 100 },
      headers: { connection: 'close' },
    });
    // Read to its end, so that the answer reaches a client still sending.
    expect(pulled.n).toBe(4);
  });

  it('reads no byte of a body whose Content-Length is past the drain bound', async () => {
    const pulled = { n: 0 };
    const request = post(streamOf([encoder.encode('x'.repeat(40))], pulled), {
      'content-length': '1001',
    });
    await expect(text(request, 100, 1000)).rejects.toMatchObject({ code: 'payload-too-large' });
    expect(pulled.n).toBe(0);
  });

  it('stops at the limit, whatever the length said, and drops the rest up to the drain bound', async () => {
    const pulled = { n: 0 };
    const chunks = Array.from({ length: 10 }, () => encoder.encode('x'.repeat(40)));
    const request = post(streamOf(chunks, pulled), { 'content-length': '50' });
    await expect(text(request, 100)).rejects.toMatchObject({ code: 'payload-too-large' });
    expect(pulled.n).toBe(11);
    const bounded = { n: 0 };
    await expect(text(post(streamOf(chunks, bounded)), 100, 200)).rejects.toMatchObject({
      code: 'payload-too-large',
    });
    // 40 bytes a chunk: past 100 at the third, past 200 at the sixth; then no more is read.
    expect(bounded.n).toBe(6);
  });

  it('drops the rest of a body its reader gave up on', async () => {
    const pulled = { n: 0 };
    const chunks = Array.from({ length: 5 }, () => encoder.encode('x'.repeat(10)));
    for await (const _ of bodyText(post(streamOf(chunks, pulled)), 100)) break;
    expect(pulled.n).toBe(6);
  });

  it('takes a body of exactly the limit', async () => {
    expect(await text(post('x'.repeat(100)), 100)).toHaveLength(100);
  });

  it('refuses bytes that are not UTF-8 with a 400', async () => {
    const request = post(streamOf([Uint8Array.of(0x5b, 0xff, 0x5d)], { n: 0 }));
    await expect(text(request, 100)).rejects.toBeInstanceOf(Invalid);
  });

  it('writes sizes as people read them', () => {
    expect([sizeText(10 * 1024 * 1024), sizeText(64 * 1024), sizeText(1000)]).toEqual([
      '10 MiB',
      '64 KiB',
      '1000 bytes',
    ]);
  });
});
