import { describe, expect, it } from 'vitest';
import type { StoredEntry } from '../src/cache/cache-store.ts';
import { entryResponse } from '../src/cache/respond.ts';

const storedAt = 1_780_000_000_000;
const entry = (): StoredEntry => ({
  status: 200,
  headers: new Headers({
    'content-type': 'application/json',
    'cache-control': 'public, max-age=600',
    etag: '"abc"',
    'last-modified': 'Mon, 23 Nov 2026 10:00:00 GMT',
  }),
  body: new TextEncoder().encode('{"ok":true}').buffer as ArrayBuffer,
  storedAt,
});
const get = (headers: Record<string, string> = {}) =>
  new Request('https://isobar.test/GB/London.json', { headers });

// Answers from one entry share the headers worked out for it: each must keep its own values.
describe('answers from a stored entry', () => {
  it('each carry their own Age, edge status and request id', async () => {
    const stored = entry();
    const first = entryResponse(get(), stored, 'hit', storedAt + 5_000, 'id-1');
    const second = entryResponse(get(), stored, 'stale', storedAt + 70_000, 'id-2');
    expect([...first.headers]).toEqual(
      expect.arrayContaining([
        ['age', '5'],
        ['x-isobar-edge', 'hit'],
        ['x-request-id', 'id-1'],
        ['etag', '"abc"'],
      ]),
    );
    expect(second.headers.get('age')).toBe('70');
    expect(second.headers.get('x-isobar-edge')).toBe('stale');
    expect(second.headers.get('x-request-id')).toBe('id-2');
    expect(await first.text()).toBe('{"ok":true}');
    expect(await second.text()).toBe('{"ok":true}');
    // The stored entry itself is untouched.
    expect(stored.headers.has('age')).toBe(false);
    expect(stored.headers.has('x-request-id')).toBe(false);
  });

  it('answers 304 to a matching If-None-Match and keeps the next full answer whole', async () => {
    const stored = entry();
    const revalidated = entryResponse(
      get({ 'if-none-match': '"abc"' }),
      stored,
      'hit',
      storedAt,
      'id-3',
    );
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('x-request-id')).toBe('id-3');
    expect(revalidated.headers.has('content-type')).toBe(false);
    const full = entryResponse(get(), stored, 'hit', storedAt, 'id-4');
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('application/json');
    expect(full.headers.get('x-request-id')).toBe('id-4');
  });
});
