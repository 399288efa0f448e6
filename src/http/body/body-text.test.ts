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

const text = async (request: Request, max: number) => {
  let all = '';
  for await (const chunk of bodyText(request, max)) all += chunk;
  return all;
};

describe('bodyText', () => {
  it('decodes UTF-8 split anywhere, even inside a character', async () => {
    const bytes = encoder.encode('München, Saint-Étienne ☀');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await text(post(streamOf(chunks, { n: 0 })), 100)).toBe('München, Saint-Étienne ☀');
  });

  it('refuses a Content-Length over the limit before reading a byte', async () => {
    const pulled = { n: 0 };
    const request = post(streamOf([encoder.encode('[]')], pulled), { 'content-length': '101' });
    const err = await text(request, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'payload-too-large', extensions: { max_bytes: 100 } });
    expect(pulled.n).toBe(0);
  });

  it('stops reading once the bytes pass the limit, whatever the length said', async () => {
    const pulled = { n: 0 };
    const chunks = Array.from({ length: 10 }, () => encoder.encode('x'.repeat(40)));
    const request = post(streamOf(chunks, pulled), { 'content-length': '50' });
    await expect(text(request, 100)).rejects.toMatchObject({ code: 'payload-too-large' });
    expect(pulled.n).toBeLessThanOrEqual(4);
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
