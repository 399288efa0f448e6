import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { openMeteo } from '../../src/ingest/providers/open-meteo/open-meteo-client.ts';
import { getJson, ProviderError } from '../../src/ingest/providers/provider-http.ts';

const MB = 1024 * 1024;
const ENDLESS_BYTES = 200 * MB;

/**
 * An upstream on 127.0.0.1 that answers 200 and streams `ENDLESS_BYTES` of JSON-looking bytes
 * (no Content-Length), as fast as the client reads them; it counts what it managed to send.
 */
async function startEndlessUpstream() {
  let sent = 0;
  let closed = 0;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, '1');
    res.write('[');
    let left = ENDLESS_BYTES;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        left -= chunk.length;
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end(']');
    };
    res.on('close', () => closed++);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/v1/forecast`),
    sent: () => sent,
    closed: () => closed,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a provider answer past the body cap', () => {
  let upstream: Awaited<ReturnType<typeof startEndlessUpstream>>;
  beforeAll(async () => {
    upstream = await startEndlessUpstream();
  });
  afterAll(() => upstream.close());

  it('is refused at the cap, the request aborted, with memory bounded', async () => {
    globalThis.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 5);
    const failure = await getJson(upstream.url, {
      headers: {},
      timeoutMs: 60_000,
      maxBytes: 8 * MB,
      now: new Date(),
    }).catch((e: unknown) => e);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    expect(failure).toBeInstanceOf(ProviderError);
    expect((failure as ProviderError).outcome).toBe('too_large');
    expect((failure as ProviderError).message).toMatch(/cap of 8388608 bytes.*aborted/);
    // The connection is closed, well before the upstream could send its 200 MB.
    await expect.poll(() => upstream.closed(), { timeout: 5000 }).toBe(1);
    expect(upstream.sent()).toBeLessThan(ENDLESS_BYTES / 4);
    // Read whole, the body took the process from ~80 MB to over 1 GB (issue 28).
    expect(peakRss - before.rss).toBeLessThan(100 * MB);
  });

  it('is refused before any of it is read when its Content-Length says so', async () => {
    const fetch = (async () =>
      new Response('{}', { headers: { 'content-length': String(ENDLESS_BYTES) } })) as never;
    const failure = await getJson(upstream.url, {
      headers: {},
      timeoutMs: 1000,
      maxBytes: MB,
      now: new Date(),
      fetch,
    }).catch((e: unknown) => e);
    expect((failure as ProviderError).outcome).toBe('too_large');
    expect((failure as ProviderError).message).toContain(`declares ${ENDLESS_BYTES} bytes`);
  });

  it('applies PROVIDER_MAX_BODY_BYTES to a provider, whose answers under it pass', async () => {
    const place = { latitude: 51.5, longitude: -0.12, geonamesId: 1 } as never;
    const never = { lastModified: null, expiresAt: null };
    const config = loadConfig({
      OPEN_METEO_URL: upstream.url.href,
      PROVIDER_MAX_BODY_BYTES: '65536',
    });
    const failure = await openMeteo
      .create(config)
      .fetch(place, never, new Date())
      .catch((e: unknown) => e);
    expect((failure as ProviderError).outcome).toBe('too_large');
    expect((failure as ProviderError).message).toContain('cap of 65536 bytes');
    // Under the cap, the body is read as before (and judged on its content: not a forecast).
    const small = (async () => new Response('{"error":true,"reason":"test"}')) as never;
    const refused = await openMeteo
      .create(config, { fetch: small })
      .fetch(place, never, new Date())
      .catch((e: unknown) => e);
    expect((refused as ProviderError).outcome).toBe('refused');
  });
});
