import { afterEach, describe, expect, it } from 'vitest';
import { serverLimits } from '../../src/cli/serving.ts';
import { ConfigError, loadConfig } from '../../src/config/env.ts';
import {
  DEFAULT_SERVER_LIMITS,
  type RunningServer,
  type ServerLimits,
  startNodeServer,
} from '../../src/runtime/node.ts';
import { drivers } from '../support/databases.ts';
import { json, useTestOrigin } from '../support/fixture.ts';
import { bodyOf, openSocket, rawExchange, watch } from '../support/raw-http.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

describe('limit settings', () => {
  it('default to the limits the server applies when given none', () => {
    expect(serverLimits(loadConfig({}))).toEqual(DEFAULT_SERVER_LIMITS);
    expect(serverLimits(loadConfig({ MAX_CONNECTIONS: '10', SHUTDOWN_GRACE_MS: '0' }))).toEqual({
      ...DEFAULT_SERVER_LIMITS,
      maxConnections: 10,
      shutdownGraceMs: 0,
    });
  });

  it('refuse a headers timeout longer than the request timeout, naming it', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '30000' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '60000' })).toThrow(/HEADERS_TIMEOUT_MS/);
    expect(() => loadConfig({ MAX_URL_LENGTH: 'long' })).toThrow(/MAX_URL_LENGTH/);
  });
});

describe.each(drivers)('request limits of the Node server on $name', (driver) => {
  const origin = useTestOrigin(driver);
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (limits: Partial<ServerLimits> = {}) => {
    server = await startNodeServer(origin().app, { host: '127.0.0.1', port: 0, limits });
    return `http://127.0.0.1:${server.port}`;
  };

  it.skipIf(driver.skip)('answers a 64 KB path with a 414 problem, not a reset', async () => {
    const base = await start();
    const res = await fetch(`${base}/GB/${'a'.repeat(64 * 1024)}.json`);
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json(res);
    expect(body).toMatchObject({ status: 414, code: 'uri-too-long', title: 'URI Too Long' });
    expect(body.instance.length).toBeLessThan(300);
    // The connection is still good for the next request, and so is the quick path.
    expect((await fetch(`${base}/GB/London.json`)).status).toBe(200);
    expect((await fetch(`${base}/GB/London.json`)).status).toBe(200);
  });

  it.skipIf(driver.skip)('takes targets up to MAX_URL_LENGTH and no longer', async () => {
    const base = await start({ maxUrlLength: 300 });
    const path = `/GB/London.json?units=${'x'.repeat(300 - 22)}`;
    expect(path).toHaveLength(300);
    // As long as allowed: routed as usual (and refused there, for its own reasons).
    expect((await fetch(`${base}${path}`)).status).toBe(400);
    expect((await fetch(`${base}${path}x`)).status).toBe(414);
  });

  it.skipIf(driver.skip)('answers headers past MAX_HEADER_BYTES with a 431 problem', async () => {
    const base = await start();
    const res = await fetch(`${base}/GB/London.json`, { headers: { 'x-big': 'b'.repeat(20_000) } });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(await json(res)).toMatchObject({ status: 431, code: 'headers-too-large' });
  });

  it.skipIf(driver.skip)(
    "answers 431 where Node's parser refuses the headers, without a reset",
    async () => {
      const base = await start();
      const port = Number(new URL(base).port);
      const big = 'b'.repeat(200 * 1024);
      const got = await rawExchange(port, `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${big}\r\n\r\n`);
      expect(got.status).toBe(431);
      expect(got.ending).toBe('end');
      // The server's own refusal (the request line is long gone, so the page for people).
      expect(got.text).toMatch(/\r\ncontent-type: text\/html; charset=utf-8\r\n/);
      expect(got.text).toContain('Your browser sent too much');
    },
  );

  it.skipIf(driver.skip)('answers a request Node cannot parse with a 400 problem', async () => {
    const base = await start();
    const port = Number(new URL(base).port);
    const got = await rawExchange(
      port,
      'GET /GB/London.json HTTP/1.1\r\nhost: x\r\nno colon\r\n\r\n',
    );
    expect(got.status).toBe(400);
    expect(got.ending).toBe('end');
    expect(got.text).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/);
    expect(bodyOf(got.text)).toMatchObject({
      code: 'invalid-request',
      detail: 'the request is not valid HTTP/1.1',
      instance: '/GB/London.json',
    });
  });

  it.skipIf(driver.skip)(
    'refuses more than MAX_QUERY_PARAMS parameters with a 400 problem',
    async () => {
      const base = await start();
      const many = Array.from({ length: 33 }, (_, i) => `x${i}=1`);
      const res = await fetch(`${base}/GB/London.json?${many.join('&')}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe(PROBLEM);
      expect(await json(res)).toMatchObject({
        code: 'invalid-request',
        detail: 'the query has 33 parameters; at most 32 are accepted',
      });
      expect((await fetch(`${base}/GB/London.json?units=metric`)).status).toBe(200);
    },
  );

  it.skipIf(driver.skip)('refuses a body on GET and keeps the connection usable', async () => {
    const base = await start();
    const port = Number(new URL(base).port);
    const withBody = 'GET /GB/London.json HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\nhello';
    const next = 'GET /GB/London.json HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n';
    const got = await rawExchange(port, withBody + next);
    const answers = got.text.match(/HTTP\/1\.1 \d{3}/g);
    expect(answers).toEqual(['HTTP/1.1 400', 'HTTP/1.1 200']);
    expect(bodyOf(got.text)).toMatchObject({
      code: 'invalid-request',
      detail: 'GET takes no body',
    });
    expect(got.ending).toBe('end');
  });

  it.skipIf(driver.skip)('answers a GET announcing a body it never sends at once', async () => {
    const base = await start();
    const port = Number(new URL(base).port);
    const started = Date.now();
    const got = await rawExchange(
      port,
      'GET /GB/London.json HTTP/1.1\r\nhost: x\r\ncontent-length: 1000000\r\n\r\n',
      { until: /\r\n\r\n\{.*\}$/s },
    );
    expect(got.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1000);
    // A GET with an empty body is an ordinary GET.
    const empty = await rawExchange(
      port,
      'GET /GB/London.json HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\nconnection: close\r\n\r\n',
    );
    expect(empty.status).toBe(200);
  });

  it.skipIf(driver.skip)('keeps answering others while a client trickles its headers', async () => {
    const base = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const port = Number(new URL(base).port);
    const slow = await openSocket(port);
    const started = Date.now();
    const seen = watch(slow, { waitMs: 5000 }, () => slow.write('GET /GB/Lon'));
    const res = await fetch(`${base}/GB/London.json`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    // The slow one is told 408 and cut off soon after the headers timeout, not a minute later.
    const got = await seen;
    expect(got.status).toBe(408);
    expect(got.text).toMatch(/\r\ncache-control: no-store\r\n/);
    expect(got.ending).not.toBe('open');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it.skipIf(driver.skip)('drops connections past MAX_CONNECTIONS', async () => {
    const base = await start({ maxConnections: 2 });
    const port = Number(new URL(base).port);
    const held = [await openSocket(port), await openSocket(port)];
    const third = await rawExchange(
      port,
      'GET /GB/London.json HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n',
      { waitMs: 2000 },
    );
    expect(third.status).toBeUndefined();
    expect(third.ending).not.toBe('open');
    held[0]!.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const after = await rawExchange(
      port,
      'GET /GB/London.json HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n',
    );
    expect(after.status).toBe(200);
    held[1]!.destroy();
  });
});
