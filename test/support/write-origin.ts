import { afterAll, beforeAll } from 'vitest';
import type { Changes } from '../../src/domain/changes.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import type { DriverCase } from './databases.ts';
import { recordDeliveries } from './deliveries.ts';
import { createTestOrigin, FIXTURE_NOW, json, type TestOrigin } from './fixture.ts';

/** Requests a write test sends: a POST with a body, a content type and, usually, a token. */
export interface PostOptions {
  token?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface WriteOrigin extends TestOrigin {
  /** What the change log delivered to the edge after each request, in order. */
  purges: Changes[];
  /** `body`: text, bytes or a stream as they are; anything else as JSON. */
  post(path: string, body: unknown, options?: PostOptions): Promise<Response>;
}

export interface WriteOriginOptions {
  writeRateLimit?: number;
}

/**
 * The fixture origin (catalog, demo weather, fixture clock) with the write API's own options: the
 * change log delivered after each request to a purger that records it, and a rate limit a test
 * can reach.
 */
export async function createWriteOrigin(
  driver: DriverCase,
  options: WriteOriginOptions = {},
): Promise<WriteOrigin> {
  const base = await createTestOrigin(driver);
  const deliveries = recordDeliveries(base.t.db);
  const app = createIsobarApp({
    db: base.t.db,
    metrics: base.metrics,
    now: () => FIXTURE_NOW,
    log: { error: () => {} },
    client: { socketAddress: () => '127.0.0.1' },
    writeRateLimit: options.writeRateLimit,
  });
  const post: WriteOrigin['post'] = async (path, body, options = {}) => {
    const { token, contentType, headers = {} } = options;
    const raw =
      typeof body === 'string' || body instanceof ReadableStream || body instanceof Uint8Array
        ? body
        : JSON.stringify(body);
    const res = await app.request(path, {
      method: 'POST',
      body: raw,
      headers: {
        'content-type': contentType ?? 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    // As `serve` would after the commit, before the test looks.
    await deliveries.deliver();
    return res;
  };
  return {
    ...base,
    app,
    purges: deliveries.purges,
    post,
    get: async (path, headers = {}) => app.request(path, { headers }),
    getJson: async (path) => json(await app.request(path)),
  };
}

/** A write origin for one `describe` block on one driver: built before its tests, dropped after. */
export function useWriteOrigin(
  driver: DriverCase,
  options?: WriteOriginOptions,
): () => WriteOrigin {
  let o: WriteOrigin | undefined;
  beforeAll(async () => {
    if (!driver.skip) o = await createWriteOrigin(driver, options);
  });
  afterAll(() => o?.t.dispose());
  return () => o!;
}

/** An observation row for the write API at the fixture clock (2026-11-22T10:15Z). */
export const observation = (place: string) => ({
  place,
  source: 'metoffice',
  observed_at: '2026-11-22T09:00:00Z',
  condition: 'cloudy',
  temperature_c: 8.5,
});

/** NDJSON text of rows: one JSON object per line. */
export const ndjson = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');
