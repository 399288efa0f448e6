import { describe, expect, it } from 'vitest';
import { createVarnishPurger, VarnishPurgeError, xkeyHeaders } from './varnish-purger.ts';

function recorder(status = 200) {
  const sent: { url: string; method: string; tags: string }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    sent.push({
      url: String(url),
      method: init?.method ?? 'GET',
      tags: headers.get('xkey-purge')!,
    });
    return new Response('{"purged":1}', { status });
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

describe('the Varnish purger', () => {
  it("sends the change's tags with PURGE to every Varnish", async () => {
    const { sent, fetch } = recorder();
    const purger = createVarnishPurger({ urls: ['http://a:6081', 'http://b:6081'], fetch });
    await purger.purge({ places: ['GB/London', 'FR/Paris'], days: [] });
    const tags = 'place:GB/London ranking:GB place:FR/Paris ranking:FR';
    expect(sent).toEqual([
      { url: 'http://a:6081', method: 'PURGE', tags },
      { url: 'http://b:6081', method: 'PURGE', tags },
    ]);
  });

  it('sends nothing for a change without places', async () => {
    const { sent, fetch } = recorder();
    await createVarnishPurger({ urls: ['http://a:6081'], fetch }).purge({ places: [], days: [] });
    expect(sent).toEqual([]);
  });

  it('rejects an answer other than 200, naming the host but not its credentials', async () => {
    const { fetch } = recorder(403);
    const purger = createVarnishPurger({ urls: ['http://user:secret@a:6081'], fetch });
    const error = await purger.purge({ places: ['GB/London'], days: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VarnishPurgeError);
    expect(error).toMatchObject({ status: 403, message: 'Varnish purge at a:6081 answered 403' });
  });

  it('splits many tags into headers Varnish accepts, each tag whole', () => {
    const tags = Array.from({ length: 1000 }, (_, i) => `place:GB/Place-${i}`);
    const headers = xkeyHeaders(tags);
    expect(headers.length).toBeGreaterThan(1);
    expect(Math.max(...headers.map((h) => h.length))).toBeLessThanOrEqual(6000);
    expect(headers.flatMap((h) => h.split(' '))).toEqual(tags);
  });
});
