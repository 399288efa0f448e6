import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { entityTag } from '../documents/entity-tag.ts';
import { answer, representation } from './representation.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const text = JSON.stringify({ name: 'Zürich', hours: Array.from({ length: 600 }, (_, i) => i) });
const make = (etag?: string) =>
  representation({
    status: 200,
    body: text,
    contentType: JSON_TYPE,
    freshness: { maxAge: 60, staleWhileRevalidate: 0, staleIfError: 0 },
    now: 0,
    etag,
  });
const asked = (encoding?: string) => ({
  get: (name: string) => (name === 'accept-encoding' ? encoding : undefined),
});
const bytesOf = (body: Uint8Array | string | null) => Buffer.from(body ?? '');

describe('a representation', () => {
  it('sends the same bytes, length and tag to its first answer and to every later one', () => {
    const rep = make();
    const [first, second, third] = [1, 2, 3].map(() => answer(rep, asked(), 0, 'id'));
    const utf8 = Buffer.from(text);
    for (const a of [first!, second!, third!]) {
      expect(bytesOf(a.body).equals(utf8)).toBe(true);
      expect(a.headers['content-length']).toBe(String(utf8.byteLength));
      expect(a.headers.etag).toBe(entityTag(utf8, JSON_TYPE));
    }
    // Served copies are bytes, encoded once; only the answer that made it had the text.
    expect(typeof first!.body).toBe('string');
    expect(second!.body).toBeInstanceOf(Buffer);
    expect(third!.body).toBe(second!.body);
  });

  it('compresses the encoded text', () => {
    const gz = answer(make(), asked('gzip'), 0, 'id');
    expect(gunzipSync(bytesOf(gz.body)).toString()).toBe(text);
    expect(gz.headers.etag).toBe(`${entityTag(Buffer.from(text), JSON_TYPE).slice(0, -1)}-gz"`);
  });

  it('takes a tag made before instead of hashing', () => {
    expect(answer(make('"made-before"'), asked(), 0, 'id').headers.etag).toBe('"made-before"');
  });
});
