import { afterEach, describe, expect, it } from 'vitest';
import type { Quick } from '../http/envelope.ts';
import { type RunningServer, startNodeServer } from './node.ts';

// The Node entry asks the app's quick path first and routes whatever it does not answer: an
// answer it waits for and then declines, or one that fails, is the route's to give.
describe('the Node entry and the quick path', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const serve = async (quick: Quick) => {
    const app = { fetch: () => new Response('routed', { status: 200 }), quick };
    server = await startNodeServer(app, { host: '127.0.0.1', port: 0 });
    const res = await fetch(`http://127.0.0.1:${server.port}/GB/London.json`);
    return { status: res.status, body: await res.text() };
  };

  it('sends an answer the quick path gives at once or later', async () => {
    const answer = { status: 200, headers: { 'content-type': 'text/plain' }, body: 'quick' };
    expect(await serve(() => answer)).toEqual({ status: 200, body: 'quick' });
    await server?.close();
    expect(await serve(async () => answer)).toEqual({ status: 200, body: 'quick' });
  });

  it('routes a request the quick path declines, at once or later', async () => {
    expect(await serve(() => undefined)).toEqual({ status: 200, body: 'routed' });
    await server?.close();
    expect(await serve(async () => undefined)).toEqual({ status: 200, body: 'routed' });
  });

  it('routes a request whose quick answer fails, and stays up', async () => {
    expect(await serve(() => Promise.reject(new Error('store down')))).toEqual({
      status: 200,
      body: 'routed',
    });
    const again = await fetch(`http://127.0.0.1:${server!.port}/GB/London.json`);
    expect(await again.text()).toBe('routed');
  });
});
