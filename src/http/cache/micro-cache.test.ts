import { describe, expect, it } from 'vitest';
import { type Cacheable, type CacheResult, createMicroCache } from './micro-cache.ts';

interface Entry extends Cacheable {
  value: string;
}

function setup(maxBytes = 1000) {
  let time = 1_000_000;
  const results: CacheResult[] = [];
  const cache = createMicroCache<Entry>({
    maxBytes,
    now: () => time,
    onResult: (r) => results.push(r),
  });
  const entry = (value: string, ttl = 1000, tags: string[] = []): Entry => ({
    value,
    expiresAt: time + ttl,
    size: value.length,
    tags,
  });
  /** A load of `key` held until `release` is called, then answering `value` tagged `tag`. */
  const held = (key: string, value: string, tag: string) => {
    const { gate, release } = gated();
    const loaded = cache.get(key, async () => {
      await gate;
      return entry(value, 1000, [tag]);
    });
    return { loaded, release };
  };
  return { cache, results, entry, held, advance: (ms: number) => (time += ms) };
}

/** A promise that loads wait on, and the function that lets them go. */
function gated() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return { gate, release };
}

describe('micro-cache', () => {
  it('runs one load for any number of concurrent misses', async () => {
    const { cache, results, entry } = setup();
    let loads = 0;
    const { gate, release } = gated();
    const load = async () => {
      loads++;
      await gate;
      return entry('v');
    };
    const all = Promise.all(Array.from({ length: 1000 }, () => cache.get('/k', load)));
    release();
    const values = await all;
    expect(loads).toBe(1);
    expect(new Set(values.map((v) => v.value))).toEqual(new Set(['v']));
    expect(results.filter((r) => r === 'miss')).toHaveLength(1);
    expect(results.filter((r) => r === 'coalesced')).toHaveLength(999);
    await cache.get('/k', load);
    expect(results.at(-1)).toBe('hit');
  });

  it('reloads after the entry expires', async () => {
    const { cache, entry, advance } = setup();
    let loads = 0;
    const load = async () => entry(`v${++loads}`, 500);
    expect((await cache.get('/k', load)).value).toBe('v1');
    advance(499);
    expect((await cache.get('/k', load)).value).toBe('v1');
    advance(1);
    expect((await cache.get('/k', load)).value).toBe('v2');
  });

  it('does not remember a failed load', async () => {
    const { cache, entry } = setup();
    await expect(cache.get('/k', async () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect((await cache.get('/k', async () => entry('ok'))).value).toBe('ok');
  });

  it('gives every waiter on a failing load its failure, then loads again', async () => {
    const { cache, entry } = setup();
    const { gate, release } = gated();
    const failing = async (): Promise<Entry> => {
      await gate;
      throw new Error('db down');
    };
    const waiting = Array.from({ length: 5 }, () => cache.get('/k', failing));
    release();
    const settled = await Promise.allSettled(waiting);
    expect(settled.map((s) => s.status)).toEqual(Array(5).fill('rejected'));
    expect((await cache.get('/k', async () => entry('ok'))).value).toBe('ok');
  });

  it('gives every waiter the stale stand-in when the shared load fails', async () => {
    const { cache, entry, advance } = setup();
    await cache.get('/k', async () =>
      Object.assign(entry('old', 100), { freshness: { staleIfError: 60 } }),
    );
    advance(200);
    const waiting = Array.from({ length: 3 }, () =>
      cache.get('/k', async () => Promise.reject(new Error('db down'))),
    );
    expect((await Promise.all(waiting)).map((v) => v.value)).toEqual(['old', 'old', 'old']);
  });

  it('keeps nothing in flight for a load that throws before it returns a promise', async () => {
    const { cache, entry } = setup();
    const broken = (): Promise<Entry> => {
      throw new Error('bad key');
    };
    await expect(cache.get('/k', broken)).rejects.toThrow('bad key');
    expect((await cache.get('/k', async () => entry('ok'))).value).toBe('ok');
  });

  it('stays within its byte bound, evicting the least recently used', async () => {
    const { cache, entry } = setup(10);
    await cache.get('/a', async () => entry('aaaa'));
    await cache.get('/b', async () => entry('bbbb'));
    await cache.get('/a', async () => entry('never'));
    await cache.get('/c', async () => entry('cccc'));
    expect(cache.bytes).toBeLessThanOrEqual(10);
    expect((await cache.get('/a', async () => entry('new a'))).value).toBe('aaaa');
    expect((await cache.get('/b', async () => entry('new b'))).value).toBe('new b');
  });

  it('keeps entries used lately, wherever they stood, over the older half', async () => {
    const { cache, entry } = setup(12);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f'])
      await cache.get(`/${key}`, async () => entry('xx'));
    // Used again: one from the oldest end, and ones among the newest (which need not move).
    for (const key of ['b', 'f', 'e', 'f']) expect(cache.peek(`/${key}`)?.value).toBe('xx');
    for (const key of ['g', 'h', 'i']) await cache.get(`/${key}`, async () => entry('xx'));
    const kept = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].filter((k) => cache.peek(`/${k}`));
    expect(kept).toEqual(['b', 'e', 'f', 'g', 'h', 'i']);
    expect(cache.bytes).toBe(12);
  });

  it('never stores an entry larger than the whole cache', async () => {
    const { cache, entry } = setup(3);
    await cache.get('/big', async () => entry('too big'));
    expect(cache.size).toBe(0);
  });

  it('drops entries by tag', async () => {
    const { cache, entry } = setup();
    await cache.get('/GB/London', async () => entry('html', 1000, ['place:GB/London']));
    await cache.get('/GB/London.json', async () => entry('json', 1000, ['place:GB/London']));
    await cache.get('/FR/Paris', async () => entry('paris', 1000, ['place:FR/Paris']));
    expect(cache.invalidateTag('place:GB/London')).toBe(2);
    expect(cache.size).toBe(1);
  });

  it('does not keep a load that an invalidation overtook', async () => {
    const { cache, entry, held } = setup();
    const { loaded: slow, release } = held('/GB/London', 'before the write', 'place:GB/London');
    cache.invalidateTag('place:GB/London');
    release();
    expect((await slow).value).toBe('before the write');
    expect((await cache.get('/GB/London', async () => entry('after'))).value).toBe('after');
  });

  it("keeps a load whose place did not change while another place's changes arrive", async () => {
    const { cache, results, held } = setup();
    const { loaded: paris, release } = held('/FR/Paris', 'paris', 'place:FR/Paris');
    // Changes to London, many a second, while Paris loads.
    for (let i = 0; i < 50; i++) cache.invalidateTag('place:GB/London');
    release();
    expect((await paris).value).toBe('paris');
    expect(cache.peek('/FR/Paris')?.value).toBe('paris');
    expect(results.at(-1)).toBe('hit');
  });

  it('never keeps, nor gives a later request, a load its own change overtook', async () => {
    const { cache, results, entry } = setup();
    const { gate, release } = gated();
    let loads = 0;
    const london = async () => {
      loads++;
      if (loads === 1) await gate;
      return entry(loads === 1 ? 'before the write' : 'after the write', 1000, ['place:GB/London']);
    };
    const early = cache.get('/GB/London', london);
    const alsoEarly = cache.get('/GB/London', london);
    cache.invalidateTag('place:FR/Paris');
    cache.invalidateTag('place:GB/London');
    // Asked after the change was announced: not given the load that began before it.
    const late = cache.get('/GB/London', london);
    release();
    expect((await early).value).toBe('before the write');
    expect((await alsoEarly).value).toBe('before the write');
    expect((await late).value).toBe('after the write');
    expect(loads).toBe(2);
    expect(cache.peek('/GB/London')?.value).toBe('after the write');
    expect(results.filter((r) => r === 'miss')).toHaveLength(1);
  });

  it('keeps no load under way across a clear, which may follow a lost notification', async () => {
    const { cache, held } = setup();
    const { loaded: paris, release } = held('/FR/Paris', 'paris', 'place:FR/Paris');
    cache.clear();
    release();
    expect((await paris).value).toBe('paris');
    expect(cache.peek('/FR/Paris')).toBeUndefined();
  });

  it('judges each load by the invalidations after it began, while an older load is under way', async () => {
    const { cache, entry, held } = setup(1_000_000);
    const { loaded: slow, release } = held('/GB/London', 'london', 'place:GB/London');
    // Thousands of tags invalidated, each before its own load: every such load is kept.
    for (let i = 0; i < 2000; i++) {
      cache.invalidateTag(`place:XX/P${i}`);
      await cache.get(`/XX/P${i}`, async () => entry('p', 1000, [`place:XX/P${i}`]));
    }
    expect(cache.size).toBe(2000);
    cache.invalidateTag('place:GB/London');
    release();
    await slow;
    expect(cache.peek('/GB/London')).toBeUndefined();
  });

  it('stands in an expired entry for a failing load within its stale-if-error window', async () => {
    const { cache, results, entry, advance } = setup();
    const down = async (): Promise<Entry> => Promise.reject(new Error('db down'));
    await cache.get('/k', async () => ({ ...entry('v1', 500), freshness: { staleIfError: 60 } }));
    advance(500);
    // Expired: a load is tried first, and its value wins when it succeeds.
    expect(cache.peek('/k')).toBeUndefined();
    expect((await cache.get('/k', down)).value).toBe('v1');
    expect(results.at(-1)).toBe('stale');
    advance(59_999);
    expect((await cache.get('/k', down)).value).toBe('v1');
    advance(1);
    await expect(cache.get('/k', down)).rejects.toThrow('db down');
    expect(cache.size).toBe(0);
  });

  it('replaces a stale entry once a load succeeds again', async () => {
    const { cache, entry, advance } = setup();
    const stale = { staleIfError: 60 };
    await cache.get('/k', async () => ({ ...entry('v1', 500), freshness: stale }));
    advance(1000);
    expect((await cache.get('/k', async () => ({ ...entry('v2'), freshness: stale }))).value).toBe(
      'v2',
    );
    expect(cache.peek('/k')?.value).toBe('v2');
  });

  it('gives nothing stale without a stale-if-error window or after an invalidation', async () => {
    const { cache, entry, advance } = setup();
    const down = async (): Promise<Entry> => Promise.reject(new Error('db down'));
    await cache.get('/plain', async () => entry('plain', 500));
    await cache.get('/tagged', async () => ({
      ...entry('tagged', 500, ['place:GB/London']),
      freshness: { staleIfError: 60 },
    }));
    advance(500);
    await expect(cache.get('/plain', down)).rejects.toThrow('db down');
    cache.invalidateTag('place:GB/London');
    await expect(cache.get('/tagged', down)).rejects.toThrow('db down');
  });
});
