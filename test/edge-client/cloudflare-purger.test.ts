import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COARSE_AFTER, purgeTags } from '../../src/contract/protocol/cache-tags.ts';
import type { Changes } from '../../src/domain/changes.ts';
import {
  CloudflarePurgeError,
  type CloudflarePurgerOptions,
  createCloudflarePurger,
  retryAfterMs,
  tagsWithin,
} from '../../src/edge-client/cloudflare-purger.ts';
import { type FakeCloudflare, startFakeCloudflare } from '../support/fake-cloudflare.ts';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY';

/** Two-letter codes AA, AB, …: as many countries as a test needs. */
const country = (i: number) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));

/** `perCountry[i]` places in the i-th country. */
function changesOf(perCountry: number[]): Changes {
  const places = perCountry.flatMap((n, i) =>
    Array.from({ length: n }, (_, p) => `${country(i)}/Place-${p}`),
  );
  return { places, days: [] };
}

/** 10,000 places: 150 countries of 40 (tagged one by one) and 40 of 100 (past COARSE_AFTER). */
const BURST = changesOf([...Array(150).fill(40), ...Array(40).fill(100)]);

/**
 * Whether the requests at `times` kept to a token bucket of `burst` refilled `perMinute`:
 * every run of requests from i to j fits what the bucket held plus what it refilled between.
 */
function keptToRate(times: number[], perMinute: number, burst: number): boolean {
  const interval = 60_000 / perMinute;
  for (let i = 0; i < times.length; i++) {
    for (let j = i; j < times.length; j++) {
      if (j - i + 1 > burst + (times[j]! - times[i]!) / interval + 1e-9) return false;
    }
  }
  return true;
}

describe('the Cloudflare purger against the documented API', () => {
  let clock = 0;
  let fake: FakeCloudflare;
  let warnings: { fields: Record<string, unknown>; message: string }[];
  const virtual = {
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
  };
  const purger = (options: Partial<CloudflarePurgerOptions> = {}) =>
    createCloudflarePurger({
      zoneId: ZONE,
      apiToken: TOKEN,
      apiUrl: fake.apiUrl,
      log: { warn: (fields, message) => warnings.push({ fields, message }) },
      ...virtual,
      ...options,
    });

  beforeEach(async () => {
    clock = 0;
    warnings = [];
    fake = await startFakeCloudflare({ zoneId: ZONE, apiToken: TOKEN, now: () => clock });
  });
  afterEach(() => fake.close());

  it.each([
    { plan: 'Enterprise, evenly spaced', requestsPerMinute: 3000, burst: 1 },
    { plan: 'Business, with its bucket', requestsPerMinute: 600, burst: 50 },
  ])(
    'sends a burst of 10,000 places ($plan) without passing the rate or 100 tags a request',
    async ({ requestsPerMinute, burst }) => {
      await purger({ requestsPerMinute, burst }).purge(BURST);
      const expected = purgeTags(BURST);
      expect(expected.some((t) => t.startsWith('country:'))).toBe(true);
      expect(fake.calls.every((c) => c.status === 200)).toBe(true);
      expect(Math.max(...fake.calls.map((c) => c.tags!.length))).toBe(100);
      expect(fake.calls).toHaveLength(Math.ceil(expected.length / 100));
      // Every tag once, none more.
      expect(fake.purgedTags()).toEqual(expected);
      expect(
        keptToRate(
          fake.calls.map((c) => c.at),
          requestsPerMinute,
          burst,
        ),
      ).toBe(true);
      expect(warnings).toEqual([]);
    },
  );

  it('purges by country, or everything, when the rate cannot carry every tag in time', async () => {
    // Pro's 300 a minute for 10 s: 51 requests, fewer than the 63 the places need.
    await purger({ requestsPerMinute: 300, giveUpAfterMs: 10_000 }).purge(BURST);
    const countries = fake.purgedTags();
    expect(countries).toHaveLength(190 * 2);
    expect(countries.slice(0, 2)).toEqual(['country:AA', 'ranking:AA']);
    expect(
      keptToRate(
        fake.calls.map((c) => c.at),
        300,
        1,
      ),
    ).toBe(true);
    expect(warnings.map((w) => w.fields.level)).toEqual(['country']);

    // The Free plan's 5 a minute for 25 s: 3 requests, too few for 190 countries.
    const free = purger({ requestsPerMinute: 5 });
    const before = fake.calls.length;
    await free.purge(BURST);
    expect(fake.calls.slice(before).map((c) => c.tags)).toEqual([['isobar']]);
  });

  it('waits as Retry-After says after a 429, and paces the rest from there', async () => {
    // Three batches; Cloudflare refuses the first two tries.
    const changes = changesOf([COARSE_AFTER, COARSE_AFTER, COARSE_AFTER, COARSE_AFTER, 40]);
    fake.rateLimit(2, 3);
    await purger({ requestsPerMinute: 600 }).purge(changes);
    expect(fake.calls.map((c) => [c.status, c.at])).toEqual([
      [429, 0],
      [429, 3000],
      [200, 6000],
      [200, 6100],
      [200, 6200],
    ]);
    expect(fake.purgedTags()).toEqual(purgeTags(changes));
  });

  it('backs off on a 429 without Retry-After, and on 5xx', async () => {
    fake.rateLimit(1, null);
    await purger({ requestsPerMinute: 3000 }).purge(changesOf([3]));
    fake.fail(2, 502);
    await purger({ requestsPerMinute: 3000 }).purge(changesOf([3]));
    expect(fake.calls.map((c) => [c.status, c.at])).toEqual([
      [429, 0],
      [200, 1000],
      [502, 1000],
      [502, 2000],
      [200, 4000],
    ]);
  });

  it('gives up at the bound while Cloudflare keeps failing, for the change log to retry', async () => {
    fake.fail(1000, 503);
    const failing = purger({ requestsPerMinute: 3000, giveUpAfterMs: 10_000 });
    const error = await failing.purge(changesOf([3])).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CloudflarePurgeError);
    expect((error as CloudflarePurgeError).status).toBe(503);
    // Tries at 0, 1, 3 and 7 s; the next would be at 15 s, past the bound.
    expect(fake.calls.map((c) => c.at)).toEqual([0, 1000, 3000, 7000]);
    expect(clock).toBeLessThanOrEqual(10_000);

    // A Retry-After past the bound is not waited for.
    fake.fail(0, 503);
    fake.rateLimit(1, 60);
    const started = clock;
    await expect(failing.purge(changesOf([3]))).rejects.toThrow('429');
    expect(clock - started).toBeLessThan(100);
  });

  it('rejects a refusal at once, and never shows the token', async () => {
    const wrong = createCloudflarePurger({
      zoneId: ZONE,
      apiToken: 'not-the-token',
      apiUrl: fake.apiUrl,
      log: { warn: (fields, message) => warnings.push({ fields, message }) },
      ...virtual,
    });
    const error = await wrong.purge(changesOf([1])).catch((err: unknown) => err);
    expect(error).toMatchObject({ status: 403, message: expect.stringContaining('10000') });
    expect(fake.calls).toHaveLength(1);

    fake.fail(1, 503);
    await purger().purge(changesOf([1]));
    expect(fake.calls[1]!.authorization).toBe(`Bearer ${TOKEN}`);
    const said = JSON.stringify([String(error), (error as Error).stack, warnings]);
    expect(said).not.toContain(TOKEN);
    expect(said).not.toContain('not-the-token');
  });

  it('sends nothing for a change without places', async () => {
    await purger().purge({ places: [], days: [] });
    expect(fake.calls).toEqual([]);
  });

  it('paces with the real clock when given none', async () => {
    fake.rateLimit(1, 1);
    const started = performance.now();
    const real = { zoneId: ZONE, apiToken: TOKEN, apiUrl: fake.apiUrl, requestsPerMinute: 600 };
    await createCloudflarePurger(real).purge(changesOf([2]));
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
  });
});

describe('what the Cloudflare purger sends and waits', () => {
  it("chooses the change's own tags, else its countries', else everything, by room", () => {
    const changes = changesOf([2, 1]);
    expect(tagsWithin(changes, 100)).toEqual({
      level: 'place',
      tags: [
        'place:AA/Place-0',
        'place:AA/Place-1',
        'ranking:AA',
        'place:AB/Place-0',
        'ranking:AB',
      ],
    });
    expect(tagsWithin(changes, 4)).toEqual({
      level: 'country',
      tags: ['country:AA', 'ranking:AA', 'country:AB', 'ranking:AB'],
    });
    expect(tagsWithin(changes, 3)).toEqual({ level: 'all', tags: ['isobar'] });
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
