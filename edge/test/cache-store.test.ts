import { describe, expect, it } from 'vitest';
import { createCacheApiStore } from '../src/cache/cache-api-store.ts';
import type { CacheStore, StoredEntry } from '../src/cache/cache-store.ts';
import { createMemoryCacheStore } from '../src/cache/memory-cache-store.ts';

// The twin is only worth having if it keeps the Cache API's contract; both run the same cases.
const stores: [string, () => Promise<CacheStore>][] = [
  [
    'Cache API',
    async () => {
      const cache = await caches.open(`store-test-${crypto.randomUUID()}`);
      return createCacheApiStore(() => cache);
    },
  ],
  ['in-memory twin', async () => createMemoryCacheStore()],
];

const entry = (): StoredEntry => ({
  status: 301,
  headers: new Headers({
    location: '/GB/London',
    'cache-control': 'public, max-age=86400',
    'cache-tag': 'place:GB/London',
  }),
  body: new TextEncoder().encode('moved').buffer as ArrayBuffer,
  storedAt: 1_780_000_000_000,
});

describe.each(stores)('%s store', (_, open) => {
  it('gives back what was put: status, the origin headers, body and time', async () => {
    const store = await open();
    await store.put('https://isobar.test/gb/london', entry(), 600);
    const got = await store.get('https://isobar.test/gb/london');
    expect(got?.status).toBe(301);
    expect(got?.storedAt).toBe(1_780_000_000_000);
    expect(new TextDecoder().decode(got?.body)).toBe('moved');
    expect(Object.fromEntries(got!.headers)).toMatchObject({
      location: '/GB/London',
      'cache-control': 'public, max-age=86400',
      'cache-tag': 'place:GB/London',
    });
    expect(
      [...got!.headers.keys()].filter(
        (name) => name.startsWith('x-isobar') || name === 'cf-cache-status',
      ),
    ).toEqual([]);
  });

  it('misses unknown keys and deletes known ones', async () => {
    const store = await open();
    expect(await store.get('https://isobar.test/nothing')).toBeUndefined();
    await store.put('https://isobar.test/x', entry(), 600);
    expect(await store.delete('https://isobar.test/x')).toBe(true);
    expect(await store.delete('https://isobar.test/x')).toBe(false);
    expect(await store.get('https://isobar.test/x')).toBeUndefined();
  });

  it('keys on the whole URL, query included', async () => {
    const store = await open();
    await store.put('https://isobar.test/GB/London?units=imperial', entry(), 600);
    expect(await store.get('https://isobar.test/GB/London')).toBeUndefined();
    expect(await store.get('https://isobar.test/GB/London?units=imperial')).toBeDefined();
  });
});
