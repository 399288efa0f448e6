import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { writeObservedDay } from '../support/day-data.ts';
import { type EdgeWorker, startEdgeWorker } from '../support/edge-worker.ts';
import { type FakeCloudflare, startFakeCloudflare } from '../support/fake-cloudflare.ts';
import { closedPort } from '../support/http-origin.ts';
import { placeRepresentations } from '../support/representations.ts';
import { type ServingFixture, startServingFixture } from '../support/serving-fixture.ts';
import { issueToken, postObservations } from '../support/tokens.ts';
import { HAVE_VARNISH, startVarnish, type Varnish } from '../support/varnish.ts';

const CODINGS = ['identity', 'gzip', 'br'] as const;
const ZONE = 'fedcba9876543210fedcba9876543210';
const TOKEN = 'e2e-every-cache-cloudflare-token';
const required = process.env.ISOBAR_REQUIRE_VARNISH === '1';
if (!HAVE_VARNISH && required) throw new Error('ISOBAR_REQUIRE_VARNISH=1 but no varnishd');

/** A place's local date, `days` before today. */
const localDate = (timeZone: string, days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.now() - days * 86_400_000);

// The deployment in small, on 127.0.0.1: the worker (workerd) in front of a real shared cache
// (Varnish with the shipped VCL, where Cloudflare's CDN stands in production) in front of the
// origin as `isobar serve` wires it, whose change log purges Varnish and a fake of Cloudflare's
// purge API. A write through the worker must reach every cached representation of the place.
describe.skipIf(!HAVE_VARNISH)('every cache learns every change', () => {
  let cloudflare: FakeCloudflare;
  let varnish: Varnish;
  let worker: EdgeWorker;
  let edge: URL;
  let o: ServingFixture;
  let originBase: string;
  const today = localDate('Europe/London');
  const pastDay = localDate('Europe/London', 3);
  const uris = placeRepresentations('GB/London', 'FR/Paris', today, pastDay);

  beforeAll(async () => {
    cloudflare = await startFakeCloudflare({ zoneId: ZONE, apiToken: TOKEN });
    const port = await closedPort();
    originBase = `http://127.0.0.1:${port}`;
    varnish = await startVarnish({ backendPort: port });
    worker = await startEdgeWorker(varnish.base);
    edge = await worker.url;
    o = await startServingFixture(drivers[0]!, {
      PORT: String(port),
      VARNISH_URLS: varnish.base,
      CF_ZONE_ID: ZONE,
      CF_API_TOKEN: TOKEN,
      CF_API_URL: cloudflare.apiUrl,
    });
    for (const ref of ['GB/London', 'FR/Paris']) await writeObservedDay(o.serving.db, ref, pastDay);
  }, 90_000);

  afterAll(async () => {
    await worker?.dispose();
    await o?.dispose();
    await varnish?.stop();
    await cloudflare?.close();
  });

  /**
   * An answer's status and body (decoded), through the edge, from Varnish or from the origin
   * itself. Bodies, not validators: workerd asks for its own coding on a subrequest and decodes
   * what it gets, so the worker's answer carries the tag of the coding Varnish sent it.
   */
  const read = async (base: string | URL, uri: string, coding: string) => {
    const res = await fetch(new URL(uri, base), {
      headers: { 'accept-encoding': coding },
      redirect: 'manual',
    });
    const body = Buffer.from(await res.arrayBuffer());
    return `${res.status} ${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
  };

  it('shows a write through the worker in every representation of the place within 5 s', {
    timeout: 120_000,
  }, async () => {
    // Every representation in every coding, cached by Varnish (through the worker, and asked
    // directly for each coding): read twice, the second a hit.
    const before = new Map<string, string>();
    for (const uri of uris) {
      for (const coding of CODINGS) {
        before.set(`${uri} ${coding}`, await read(edge, uri, coding));
        expect(await read(edge, uri, coding)).toBe(before.get(`${uri} ${coding}`));
        expect(await read(varnish.base, uri, coding)).toBe(before.get(`${uri} ${coding}`));
        const again = await fetch(new URL(uri, varnish.base), {
          headers: { 'accept-encoding': coding },
        });
        await again.arrayBuffer();
        expect([uri, coding, again.headers.get('x-isobar-edge')]).toEqual([uri, coding, 'hit']);
      }
    }
    expect([...before.values()].filter((v) => !v.startsWith('200 '))).toEqual([]);

    const token = await issueToken(o.serving.db, 'write');
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const written = await postObservations(edge, token, [
      {
        place: 'GB/London',
        source: 'met',
        observed_at: hour,
        condition: 'clear',
        temperature_c: 31.5,
      },
      {
        place: 'GB/London',
        source: 'met',
        observed_at: `${pastDay}T12:00:00Z`,
        condition: 'snow',
        temperature_c: -7.5,
      },
    ]);
    expect(written.status).toBe(200);

    // The purge reaches Varnish within 5 s, as one event (every representation carries the
    // place's tag): watched on one of them, so that the time of a pass over all of them (several
    // seconds on a busy machine) is not counted as the purge's.
    const deadline = Date.now() + 5000;
    const probe = '/GB/London.json';
    const fresh = async () =>
      (await read(varnish.base, probe, 'identity')) === (await read(originBase, probe, 'identity'));
    while (!(await fresh()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await fresh()).toBe(true);
    // Then, through the worker and from Varnish, every answer is the origin's own.
    const stale: string[] = [];
    for (const uri of uris) {
      for (const coding of CODINGS) {
        const now = await read(originBase, uri, coding);
        if ((await read(edge, uri, coding)) !== now) stale.push(`${uri} ${coding} (worker)`);
        if ((await read(varnish.base, uri, coding)) !== now) stale.push(`${uri} ${coding}`);
      }
    }
    expect(stale).toEqual([]);
    // The write changed what they show: most bodies are new (the place's metadata, for one,
    // shows no weather).
    let changed = 0;
    for (const uri of uris) {
      for (const coding of CODINGS)
        if ((await read(edge, uri, coding)) !== before.get(`${uri} ${coding}`)) changed++;
    }
    expect(changed).toBeGreaterThan((uris.length * CODINGS.length * 3) / 4);
    // Cloudflare was asked to purge the place's tag too.
    expect(cloudflare.purgedTags()).toContain('place:GB/London');
  });

  it("keeps the origin's security headers on cached copies, and gives Varnish's own answers them", async () => {
    const expectHeaders = (res: Response, what: string) => {
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'$/);
    };
    for (const base of [varnish.base, edge]) {
      for (const uri of ['/GB/London', '/GB/London.json']) {
        const seen: string[] = [];
        for (let i = 0; i < 2; i++) {
          const res = await fetch(new URL(uri, base));
          await res.arrayBuffer();
          seen.push(res.headers.get('x-isobar-edge') ?? '');
          expectHeaders(res, `${base}${uri} (${seen.at(-1)})`);
        }
        if (base === varnish.base) expect(seen.at(-1), uri).toBe('hit');
      }
    }
    const own = await fetch(new URL('/metrics', varnish.base));
    expect(own.status).toBe(404);
    expectHeaders(own, 'Varnish /metrics');
  });

  it('lets a follower of the change feed through the worker and Varnish see a write within seconds', {
    timeout: 60_000,
  }, async () => {
    const start = await fetch(new URL('/v1/changes', edge), { redirect: 'manual' });
    expect(start.status).toBe(302);
    const tail = start.headers.get('location')!;
    const places = async (base: string | URL) => {
      const page = (await (await fetch(new URL(tail, base))).json()) as {
        changes: { places: { place: string }[] }[];
      };
      return page.changes.flatMap((c) => c.places.map((p) => p.place));
    };
    // The newest page is kept by the shared cache (for seconds: it is not purged).
    expect(await places(varnish.base)).toEqual([]);
    const again = await fetch(new URL(tail, varnish.base));
    await again.arrayBuffer();
    expect(again.headers.get('x-isobar-edge')).toBe('hit');

    const token = await issueToken(o.serving.db, 'write');
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const written = await postObservations(edge, token, [
      { place: 'FR/Paris', source: 'met', observed_at: hour, condition: 'fog', temperature_c: 4 },
    ]);
    expect(written.status).toBe(200);
    // Within its few seconds' lifetime, the cached page gives way to one that lists the write.
    for (const base of [varnish.base, edge]) {
      await expect
        .poll(() => places(base), { timeout: 15_000, interval: 500 })
        .toContain('FR/Paris');
    }
  });
});
